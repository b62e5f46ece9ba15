/**
 * Waiting for the browser to go quiet before a timed navigation. A fresh browser context starts
 * processes of its own: on a 2-core machine a renderer's start-up (~350 ms of CPU) ran through the
 * first half of the navigation, on the other core or in the navigation's way. Chromium's processes
 * are this process's descendants; their CPU time is read from /proc (Linux). Elsewhere: a fixed wait.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const TICK_MS = 10; // /proc's clock ticks (USER_HZ 100)
const FALLBACK_WAIT_MS = 1000;

interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  cpuMs: number;
}

function readProc(pid: number): Proc | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    return { pid, ppid: Number(fields[1]), comm: stat.slice(stat.indexOf('(') + 1, close), cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS };
  } catch {
    return null; // gone meanwhile
  }
}

/** CPU time (ms) used so far by this process's descendants named like Chromium's. */
function browserCpuMs(): number {
  const procs = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProc(Number(name)))
    .filter((p): p is Proc => p !== null);
  const children = new Map<number, Proc[]>();
  for (const p of procs) {
    const siblings = children.get(p.ppid);
    if (siblings) siblings.push(p);
    else children.set(p.ppid, [p]);
  }
  let total = 0;
  const visit = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      if (/chrom/i.test(child.comm)) total += child.cpuMs;
      visit(child.pid);
    }
  };
  visit(process.pid);
  return total;
}

/** Resolves once Chromium's processes used at most one clock tick of CPU in `quietMs` (or after `maxMs`). */
export async function waitForBrowserQuiet(quietMs = 200, maxMs = 5000): Promise<void> {
  if (!existsSync('/proc/self/stat')) return void (await sleep(FALLBACK_WAIT_MS));
  const giveUpAt = performance.now() + maxMs;
  let before = browserCpuMs();
  while (performance.now() < giveUpAt) {
    await sleep(quietMs);
    const now = browserCpuMs();
    if (now - before <= TICK_MS) return;
    before = now;
  }
}
