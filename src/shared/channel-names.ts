/**
 * The names of every call and push event in the contract, without zod, so the preload bundle
 * can restrict its bridge to them without pulling in the schemas. contract.ts checks at compile
 * time that its entries are exactly these names.
 */
export const CALL_CHANNELS = [
  'app:info',
  'summary:get',
  'sync:start-clients',
  'sync:cancel',
  'sync:list-runs',
  'sync:list-skipped',
  'snapshot:sync',
  'snapshot:list',
  'snapshot:close-month',
  'snapshot:reopen-month',
  'faturamento:get-range',
  'reconciliation:get',
  'reconciliation:export-csv',
  'reconciliation:set-note',
  'reconciliation:get-titles',
  'events:get-aggregates',
  'indices:get',
  'clients:list',
  'contracts:import',
  'settings:get',
  'settings:set',
  'settings:test-connection',
  'omie:status',
] as const;
export type CallChannel = (typeof CALL_CHANNELS)[number];

export const EVENT_NAMES = ['sync:progress', 'sync:finished', 'scheduler:job-finished'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export function isCallChannel(name: unknown): name is CallChannel {
  return typeof name === 'string' && (CALL_CHANNELS as readonly string[]).includes(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}

/** The IPC channel that carries push events from main to the preload. */
export const EVENT_IPC_CHANNEL = 'ness-data:event';
