/**
 * The Omie simulator: a real HTTP server speaking Omie's JSON protocol (see ../../../../shared/omie-api.md)
 * for ListarClientes (`POST /api/v1/geral/clientes/`) and ListarContasReceber
 * (`POST /api/v1/financas/contareceber/`), over seeded pt-BR data, with switchable limits and faults.
 *
 * ```ts
 * const sim = await startOmieSim({ seed: 1, clients: 200, clock: new ManualClock() });
 * // OMIE_BASE_URL = sim.url  (http://127.0.0.1:PORT/api/v1)
 * sim.control.injectNext('redundant', 1, 'ListarClientes');
 * await sim.close();
 * ```
 *
 * Credentials: `appKey`/`appSecret`, else env OMIE_APP_KEY/OMIE_APP_SECRET, else the demo pair
 * DEMO_APP_KEY / DEMO_APP_SECRET below. Wrong pair → 403 "A chave de acesso não está preenchida ou não é válida.".
 *
 * Order of checks for each call: blocked (425 with the seconds left; never extends the block) →
 * injected fault (`injectNext`) → credentials (403) → rate (429) → same-method concurrency (1880)
 * → redundancy (Client-6 "Aguarde N segundos.") → random fault (`faults.rate`) → the call itself
 * (envelope, 5001 unknown tag, 103 bad date, 5113 no records, the page). Every fault counts as a
 * consecutive error towards the 425 block except 425s themselves and 5113; a success resets the count.
 * All time decisions use `clock`, so a ManualClock makes limits testable instantly; `latencyMs` is real time.
 *
 * HTTP control surface (cross-process; on by default, `controlSurface: false` turns it off):
 * `POST {origin}/__sim/{op}` with a JSON body; answers the op's result as JSON, `{"ok":true}` when it
 * has none, or 400 `{"error": "..."}`.
 *
 * | op | body | answer |
 * |---|---|---|
 * | clientes / titulos | `{}` | the served records (array) |
 * | stats | `{}` | `{calls, faults, maxInFlight, blockedUntil}` |
 * | resetStats | `{}` | ok |
 * | mutateCliente | `{codigo, patch}` | ok (stamps info.dAlt/hAlt = now) |
 * | addCliente | `{partial?}` | the new RawCliente |
 * | addRawCliente / addRawTitulo | `{raw}` | ok (any object, even malformed) |
 * | removeCliente / cancelTitulo | `{codigo}` | ok |
 * | addTitulo | `{partial}` | the new RawTitulo |
 * | setLimits | `{requestsPerMinute?, maxConcurrentPerMethod?, redundancyWindowSec?, blockAfterConsecutiveErrors?, blockSeconds?}` | ok |
 * | setFaults | `{rate?, kinds?}` | ok |
 * | setLatency | `{ms}` | ok |
 * | setNoRecordsWording | `{wording: "registros" \| "cadastros"}` | ok |
 * | injectNext | `{kind, count?, method?}` | ok |
 * | advanceClock | `{ms}` (only when the clock is a ManualClock) | `{now}` |
 * | now | `{}` | `{now, wall}` (clock ms, Brasília wall seconds) |
 */
import { controlOf } from './control';
import { SimEngine, resolveSettings } from './engine';
import { listen } from './server';
import type { OmieSim, OmieSimOptions } from './types';

export { DEMO_APP_KEY, DEMO_APP_SECRET, LIMITS_OFF } from './engine';
export { INJECTED_BLOCK_MINUTES, INJECTED_BLOCK_SECONDS, INJECTED_WAIT_SECONDS } from './faults';
export { omieJson } from './json';
export {
  SIM_FAULT_KINDS,
  type NoRecordsWording,
  type OmieInfo,
  type OmieSim,
  type OmieSimControl,
  type OmieSimOptions,
  type RawCliente,
  type RawTitulo,
  type SimFaultKind,
  type SimFaults,
  type SimLimits,
  type SimStats,
} from './types';

/** Generates the data (deterministic for a seed and day) and starts listening; resolves when ready. */
export async function startOmieSim(options: OmieSimOptions = {}): Promise<OmieSim> {
  const engine = new SimEngine(resolveSettings(options));
  const control = controlOf(engine);
  if (options.limits) control.setLimits(options.limits);
  if (options.faults) control.setFaults(options.faults);
  if (options.latencyMs !== undefined) control.setLatency(options.latencyMs);
  if (options.noRecordsWording) control.setNoRecordsWording(options.noRecordsWording);
  const host = options.host ?? '127.0.0.1';
  const server = await listen(engine, control, host, options.port ?? 0, options.controlSurface ?? true);
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    url: `http://${urlHost}:${server.port}/api/v1`,
    port: server.port,
    control,
    close: () => server.close(),
  };
}
