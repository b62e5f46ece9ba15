import type { Migration } from 'kysely';
import * as m003 from './003_ops_fin_tables';
import * as m029 from './029_erp_sync_omie';
import * as m038 from './038_erp_revenue_snapshot';
import * as m040 from './040_event_aggregates';
import * as m041 from './041_data_indices';
import * as m042 from './042_clients_omie_details';
import * as m043 from './043_erp_sync_details';
import * as m044 from './044_contracts';
import * as m045 from './045_leads';
import * as m046 from './046_module_events';
import * as m047 from './047_sync_state';
import * as m048 from './048_revenue_periods';
import * as m049 from './049_reconciliation_notes';
import * as m050 from './050_job_runs';
import * as m051 from './051_reconciliation_indexes';
import * as m052 from './052_clients_name_index';

/** Every migration, in order. Static so it loads alike in the Electron bundle, Vitest and the CLI. */
export const migrations: Record<string, Migration> = {
  '003_ops_fin_tables': m003,
  '029_erp_sync_omie': m029,
  '038_erp_revenue_snapshot': m038,
  '040_event_aggregates': m040,
  '041_data_indices': m041,
  '042_clients_omie_details': m042,
  '043_erp_sync_details': m043,
  '044_contracts': m044,
  '045_leads': m045,
  '046_module_events': m046,
  '047_sync_state': m047,
  '048_revenue_periods': m048,
  '049_reconciliation_notes': m049,
  '050_job_runs': m050,
  '051_reconciliation_indexes': m051,
  '052_clients_name_index': m052,
};
