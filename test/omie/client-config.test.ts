/** Configuration: credentials from the environment, bad filters refused before any request. */
import { afterEach, describe, expect, it } from 'vitest';
import { createOmieClient, omieClientFromEnv } from '../../src/main/omie';
import { APP_KEY, APP_SECRET, failure, pages, useSim } from './sim-harness';

describe('Omie client configuration', () => {
  const h = useSim({ clients: 5, months: 1 });
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of ['OMIE_APP_KEY', 'OMIE_APP_SECRET', 'OMIE_BASE_URL']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it('omieClientFromEnv throws omie_not_configured when a key is missing', () => {
    delete process.env.OMIE_APP_KEY;
    process.env.OMIE_APP_SECRET = APP_SECRET;
    expect(() => omieClientFromEnv()).toThrow(expect.objectContaining({ code: 'omie_not_configured' }));
    expect(() => createOmieClient({ appKey: APP_KEY, appSecret: ' ' })).toThrow(expect.objectContaining({ code: 'omie_not_configured' }));
  });

  it('omieClientFromEnv reads OMIE_APP_KEY / OMIE_APP_SECRET / OMIE_BASE_URL', async () => {
    process.env.OMIE_APP_KEY = APP_KEY;
    process.env.OMIE_APP_SECRET = APP_SECRET;
    process.env.OMIE_BASE_URL = h.sim.url;
    const got = await pages(omieClientFromEnv({ clock: h.clock }).listarClientes());
    expect(got.flatMap((p) => p.records)).toHaveLength(h.sim.control.clientes().length);
  });

  it('bad filters are refused (bad_input) before any request', async () => {
    const client = h.client();
    expect(() => client.listarClientes({ alteredSince: 'ontem' })).not.toThrow(); // errors come through the iteration
    for (const run of [
      () => pages(client.listarClientes({ alteredSince: '01/11/2026' })),
      () => pages(client.listarClientes({ codigos: ['12a'] })),
      () => pages(client.listarContasReceber({ emissaoDe: '2026-02-31' })),
      () => pages(client.listarContasReceber({ cliente: 'x' })),
    ]) {
      expect((await failure(run)).code).toBe('bad_input');
    }
    expect(h.sim.control.stats().calls).toEqual({});
  });
});
