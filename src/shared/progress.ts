import { z } from 'zod';

/** A progress event of a running sync (clients or revenue), pushed to the UI and printed by the CLI. */
export const SyncProgress = z.object({
  runId: z.string(),
  kind: z.enum(['clients', 'revenue']),
  phase: z.enum(['starting', 'fetching', 'waiting', 'finished']),
  page: z.number().int(),
  totalPages: z.number().int().nullable(),
  records: z.number().int(),
  totalRecords: z.number().int().nullable(),
  /** Estimated milliseconds left, from the pace so far; null until it can be estimated. */
  etaMs: z.number().nullable(),
  /** Omie asked us to wait (redundancy, 8020 retry time, backoff): until when and why. */
  wait: z.object({ ms: z.number(), until: z.number(), reason: z.string() }).nullable(),
  /** Set on the `finished` event. */
  status: z.enum(['success', 'error']).optional(),
  message: z.string().optional(),
});
export type SyncProgress = z.infer<typeof SyncProgress>;
