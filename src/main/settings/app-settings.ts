import type { Kysely } from 'kysely';
import { formatMoney, type Money, parseMoneyInput } from '../../shared/money';
import type { DB } from '../db/schema';

/** Settings kept in the database (app_state), shared by every workstation on it. */
export interface AppSettings {
  tolerance: Money;
  scheduleEnabled: boolean;
  includeSuppliers: boolean;
}

export const SETTING_KEYS = {
  tolerance: 'settings.reconciliation_tolerance',
  scheduleEnabled: 'settings.schedule_enabled',
  /** Read by the clients sync (clients-cursor.ts). */
  includeSuppliers: 'clients.include_suppliers',
} as const;

export const DEFAULT_SETTINGS: AppSettings = { tolerance: 1n, scheduleEnabled: true, includeSuppliers: false };

export async function readAppSettings(db: Kysely<DB>): Promise<AppSettings> {
  const rows = await db.selectFrom('app_state').select(['key', 'value']).where('key', 'in', Object.values(SETTING_KEYS)).execute();
  const value = (key: string) => rows.find((r) => r.key === key)?.value.trim();
  const tolerance = value(SETTING_KEYS.tolerance);
  const schedule = value(SETTING_KEYS.scheduleEnabled);
  const suppliers = value(SETTING_KEYS.includeSuppliers);
  return {
    tolerance: tolerance ? safeMoney(tolerance) : DEFAULT_SETTINGS.tolerance,
    scheduleEnabled: schedule === undefined ? DEFAULT_SETTINGS.scheduleEnabled : schedule.toLowerCase() === 'true',
    includeSuppliers: suppliers === undefined ? DEFAULT_SETTINGS.includeSuppliers : suppliers.toLowerCase() === 'true',
  };
}

export async function writeAppSettings(db: Kysely<DB>, patch: Partial<AppSettings>, now: string): Promise<void> {
  const entries: [string, string][] = [];
  if (patch.tolerance !== undefined) entries.push([SETTING_KEYS.tolerance, formatMoney(patch.tolerance)]);
  if (patch.scheduleEnabled !== undefined) entries.push([SETTING_KEYS.scheduleEnabled, String(patch.scheduleEnabled)]);
  if (patch.includeSuppliers !== undefined) entries.push([SETTING_KEYS.includeSuppliers, String(patch.includeSuppliers)]);
  for (const [key, value] of entries) {
    await db
      .insertInto('app_state')
      .values({ key, value, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
      .execute();
  }
}

function safeMoney(text: string): Money {
  try {
    const m = parseMoneyInput(text);
    return m < 0n ? DEFAULT_SETTINGS.tolerance : m;
  } catch {
    return DEFAULT_SETTINGS.tolerance;
  }
}
