import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Row types as the drivers see them. Money columns hold integer cents on SQLite and
 * numeric strings on Postgres; convert with the codecs in ./codecs, never by hand.
 */
export type StoredMoney = ColumnType<number | string | bigint, number | string, number | string>;
/** Fixed-point with two decimals (data_indices.value): hundredths on SQLite, numeric on Postgres. */
export type StoredFixed = StoredMoney;
export type StoredBool = ColumnType<boolean | number, boolean | number, boolean | number>;
/** The same columns when the database supplies a default (optional on insert). */
export type StoredBoolWithDefault = ColumnType<boolean | number, boolean | number | undefined, boolean | number>;
export type StoredMoneyWithDefault = ColumnType<number | string | bigint, number | string | undefined, number | string>;
/** ISO 8601 UTC timestamp text on both backends. */
export type Timestamp = string;
/** "YYYY-MM-DD" on both backends. */
export type DateText = string;

export interface ClientsTable {
  id: string;
  name: string;
  document: string | null;
  contact_email: string | null;
  created_at: Generated<Timestamp>;
  omie_codigo: string | null;
  updated_at: Timestamp | null;
  omie_inativo: StoredBoolWithDefault;
  omie_tags: string | null;
  omie_altered_at: Timestamp | null;
  omie_missing_since: Timestamp | null;
}

export type SyncStatus = 'running' | 'success' | 'error';
export type SyncKind = 'clients' | 'revenue';

export interface ErpSyncLogTable {
  id: string;
  started_at: Generated<Timestamp>;
  finished_at: Timestamp | null;
  status: SyncStatus;
  record_count: number | null;
  error_message: string | null;
  created_at: Generated<Timestamp>;
  kind: Generated<SyncKind>;
  period: DateText | null;
  inserted: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  skipped: Generated<number>;
  pages: Generated<number>;
  host: string | null;
  os_user: string | null;
  error_code: string | null;
  heartbeat_at: Timestamp | null;
}

export interface ErpSyncSkippedTable {
  id: string;
  run_id: string;
  omie_codigo: string | null;
  reason: string;
  record_excerpt: string | null;
  created_at: Generated<Timestamp>;
}

export interface ErpRevenueSnapshotTable {
  id: string;
  period: DateText;
  omie_codigo: string;
  valor: StoredMoney;
  created_at: Generated<Timestamp>;
}

export interface ErpRevenuePeriodTable {
  period: DateText;
  synced_at: Timestamp | null;
  run_id: string | null;
  clients: Generated<number>;
  titles: Generated<number>;
  total: StoredMoneyWithDefault;
  closed_at: Timestamp | null;
  closed_by: string | null;
}

export interface ErpRevenueRestatementTable {
  id: string;
  period: DateText;
  omie_codigo: string;
  old_valor: StoredMoney | null;
  new_valor: StoredMoney | null;
  run_id: string | null;
  created_at: Generated<Timestamp>;
}

export interface EventAggregatesTable {
  id: string;
  period: DateText;
  module: string;
  event_type: string;
  count: number;
  created_at: Generated<Timestamp>;
}

export interface DataIndicesTable {
  id: string;
  period: DateText;
  index_key: string;
  value: StoredFixed;
  created_at: Generated<Timestamp>;
}

export type ContractStatus = 'active' | 'ended';

export interface ContractsTable {
  id: string;
  client_id: string;
  description: Generated<string>;
  mrr: StoredMoney;
  start_date: DateText;
  end_date: DateText | null;
  status: Generated<ContractStatus>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface LeadsTable {
  id: string;
  name: string;
  document: string | null;
  source: string | null;
  created_at: Timestamp;
  import_key: string | null;
}

export interface ModuleEventsTable {
  id: string;
  occurred_at: Generated<Timestamp>;
  module: string;
  event_type: string;
  detail: string | null;
}

export interface SyncCursorsTable {
  name: string;
  cursor_value: string;
  updated_at: Generated<Timestamp>;
}

export interface SyncLeasesTable {
  name: string;
  holder: string;
  acquired_at: Generated<Timestamp>;
  heartbeat_at: Generated<Timestamp>;
}

export interface AppStateTable {
  key: string;
  value: string;
  updated_at: Generated<Timestamp>;
}

export interface ReconciliationNotesTable {
  id: string;
  period: DateText;
  subject: string;
  note: Generated<string>;
  explained: StoredBoolWithDefault;
  updated_by: string | null;
  updated_at: Generated<Timestamp>;
}

export interface JobRunsTable {
  id: string;
  job: string;
  due_key: string;
  started_at: Generated<Timestamp>;
  finished_at: Timestamp | null;
  status: Generated<string>;
  message: string | null;
}

export interface DB {
  clients: ClientsTable;
  erp_sync_log: ErpSyncLogTable;
  erp_sync_skipped: ErpSyncSkippedTable;
  erp_revenue_snapshot: ErpRevenueSnapshotTable;
  erp_revenue_period: ErpRevenuePeriodTable;
  erp_revenue_restatement: ErpRevenueRestatementTable;
  event_aggregates: EventAggregatesTable;
  data_indices: DataIndicesTable;
  contracts: ContractsTable;
  leads: LeadsTable;
  module_events: ModuleEventsTable;
  sync_cursors: SyncCursorsTable;
  sync_leases: SyncLeasesTable;
  app_state: AppStateTable;
  reconciliation_notes: ReconciliationNotesTable;
  job_runs: JobRunsTable;
}

export type ClientRow = Selectable<ClientsTable>;
export type NewClient = Insertable<ClientsTable>;
export type ClientUpdate = Updateable<ClientsTable>;
export type SyncLogRow = Selectable<ErpSyncLogTable>;
export type ContractRow = Selectable<ContractsTable>;
