/**
 * AbortSignal cancels at once: an in-flight request, a retry wait, a pacing wait, a call queued
 * behind another of the same method. These use real time (the system clock) on purpose, and
 * measure that cancellation takes milliseconds while the thing cancelled would have taken seconds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/main/clock';
import { failure, pages, useSim } from './sim-harness';

describe('Omie client cancellation', () => {
  const h = useSim({ clients: 12, months: 1 });

  // The answer decoder's thread loads its modules through tsx when it first starts (~1 s on a busy
  // 2-core machine): one whole listing first, so that the times below are the cancellations'.
  beforeAll(async () => {
    await pages(h.client().listarClientes());
  });

  async function cancelledWithin(ms: number, fn: () => Promise<unknown>) {
    const started = Date.now();
    const error = await failure(fn);
    const took = Date.now() - started;
    expect(error.code).toBe('cancelled');
    expect(took).toBeLessThan(ms);
    return took;
  }

  /** Aborts as soon as the simulator has received a request (it then holds it for its latency). */
  function abortOnArrival(controller: AbortController) {
    const timer = setInterval(() => {
      if (h.sim.control.stats().calls.ListarClientes) {
        clearInterval(timer);
        controller.abort();
      }
    }, 5);
  }

  it('aborting during an in-flight request cancels it at once', async () => {
    h.sim.control.setLatency(3000);
    const controller = new AbortController();
    abortOnArrival(controller);
    await cancelledWithin(1500, () => pages(h.client({ clock: systemClock }).listarClientes({}, { signal: controller.signal })));
    expect(h.sim.control.stats().calls.ListarClientes).toBe(1);
  });

  it('aborting during a retry wait ("Aguarde 3 segundos" → 4 s) cancels at once', async () => {
    h.sim.control.injectNext('redundant', 1, 'ListarClientes');
    const controller = new AbortController();
    const run = h.run({ signal: controller.signal });
    const onProgress = run.onProgress!;
    run.onProgress = (p) => {
      onProgress(p);
      if (p.wait) setTimeout(() => controller.abort(), 50);
    };
    await cancelledWithin(1500, () => pages(h.client({ clock: systemClock }).listarClientes({}, run)));
    expect(h.progress.find((p) => p.wait)?.wait).toMatchObject({ reason: 'redundant', ms: 4000 });
    expect(h.sim.control.stats().calls.ListarClientes).toBe(1);
  });

  it('aborting during a pacing wait (1 request per minute) cancels at once', async () => {
    const controller = new AbortController();
    const client = h.client({ clock: systemClock, requestsPerMinute: 1, pageSize: 3 });
    const run = h.run({ signal: controller.signal });
    const onProgress = run.onProgress!;
    run.onProgress = (p) => {
      onProgress(p);
      if (p.wait?.reason === 'pacing') setTimeout(() => controller.abort(), 50);
    };
    await cancelledWithin(1500, () => pages(client.listarClientes({}, run)));
    expect(h.sim.control.stats().calls.ListarClientes).toBe(1);
  });

  it('aborting a call queued behind another of the same method cancels it without touching the other', async () => {
    h.sim.control.setLatency(1000);
    const client = h.client({ clock: systemClock, pageSize: 500 });
    const first = pages(client.listarClientes());
    const controller = new AbortController();
    abortOnArrival(controller); // the first call is in flight: the second is queued for the method slot
    await cancelledWithin(800, () => pages(client.listarClientes({}, { signal: controller.signal })));
    const done = await first;
    expect(done.flatMap((p) => p.records)).toHaveLength(h.sim.control.clientes().length);
    expect(h.sim.control.stats().calls.ListarClientes).toBe(1);
  });

  it('an already aborted signal makes no request at all', async () => {
    const controller = new AbortController();
    controller.abort();
    await cancelledWithin(200, () => pages(h.client().listarContasReceber({}, { signal: controller.signal })));
    expect(h.sim.control.stats().calls).toEqual({});
  });

  it('stopping the iteration early (break) makes no further request', async () => {
    // Omie takes 300 ms to answer: a page asks for the next only once its own answer is in, so any
    // request made after the break would reach the simulator 300 ms or more after it.
    h.sim.control.setLatency(300);
    for await (const page of h.client({ pageSize: 3 }).listarClientes()) {
      expect(page.page).toBe(1);
      break;
    }
    // The next page may have been asked for as page 1's answer arrived (client-paging.test.ts): let
    // that request, sent before the break, reach the simulator before counting.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const callsAtBreak = h.sim.control.stats().calls.ListarClientes ?? 0;
    expect(callsAtBreak).toBeLessThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(h.sim.control.stats().calls.ListarClientes).toBe(callsAtBreak);
  });
});
