import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/main/cli/program';
import { DEMO_APP_KEY, DEMO_APP_SECRET } from '../../src/main/omie-sim';

const BIN = new URL('../../bin/ness-data.mjs', import.meta.url).pathname;

describe('ness-data omie-sim', () => {
  it('prints the ready line, answers a curl-style POST and stops on SIGTERM', async () => {
    const secret = 'c0ffee00c0ffee00c0ffee00c0ffee00';
    const child = spawn(process.execPath, [BIN, 'omie-sim', '--port', '0', '--clients', '50', '--app-key', '555666777888', '--app-secret', secret], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    try {
      const lines = createInterface({ input: child.stdout });
      const first = await new Promise<string>((resolve, reject) => {
        lines.once('line', resolve);
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
      });
      expect(first).toMatch(/^Omie simulator listening on http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
      const url = first.replace('Omie simulator listening on ', '');
      const res = await fetch(`${url}/geral/clientes/`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ call: 'ListarClientes', app_key: '555666777888', app_secret: secret, param: [{ pagina: 1, registros_por_pagina: 20 }] }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ pagina: 1, registros: 20, total_de_registros: 51, total_de_paginas: 3 });
      const denied = await fetch(`${url}/geral/clientes/`, {
        method: 'POST',
        body: JSON.stringify({ call: 'ListarClientes', app_key: DEMO_APP_KEY, app_secret: DEMO_APP_SECRET, param: [{}] }),
      });
      expect(denied.status).toBe(403);
      await denied.text();
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stderr).not.toContain(secret);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 20_000);

  it('rejects bad flags with exit 2 and one line', async () => {
    const writes: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    try {
      for (const args of [['--fault-rate', '2'], ['--port', 'abc'], ['--faults', 'meteor'], ['--clients', '-1'], ['--app-key', '123']]) {
        writes.length = 0;
        process.exitCode = undefined;
        await runCli(['node', 'ness-data', 'omie-sim', ...args]);
        expect(process.exitCode, args.join(' ')).toBe(2);
        expect(writes.join('').trim().split('\n'), args.join(' ')).toHaveLength(1);
      }
    } finally {
      spy.mockRestore();
      process.exitCode = undefined;
    }
  });
});
