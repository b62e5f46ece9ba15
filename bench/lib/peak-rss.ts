/**
 * Peak resident memory of another process, read from /proc/<pid>/status: VmHWM is the kernel's own
 * high-water mark of VmRSS (monotonic), polled every ~20 ms so the last reading before exit is kept.
 */
import { readFileSync } from 'node:fs';

export interface PeakRssSampler {
  /** Stops polling; the highest VmHWM seen, in bytes (0 if the process was never readable). */
  stop(): number;
}

function vmHwmBytes(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null; // exited (or not yet readable)
  }
}

export function samplePeakRss(pid: number, intervalMs = 20): PeakRssSampler {
  let peak = 0;
  const read = () => {
    const value = vmHwmBytes(pid);
    if (value !== null && value > peak) peak = value;
  };
  read();
  const timer = setInterval(read, intervalMs);
  return {
    stop() {
      read();
      clearInterval(timer);
      return peak;
    },
  };
}
