/**
 * Measures how long the extension host's event loop is held up while a run goes on (issue 5's budget:
 * never blocked > 50 ms), and splits the worst stall into the time the host's thread ran on a CPU and
 * the time it waited for one. On a loaded machine a stall can be the scheduler's doing (the thread is
 * runnable but not running) rather than work on the thread; Linux reports both per thread in
 * /proc/<pid>/task/<tid>/schedstat (ns on the CPU, ns waiting on a run queue, timeslices).
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** One thread's scheduler counters in ms, or undefined where the platform does not report them. */
export type SchedSample = { cpuMs: number; waitMs: number } | undefined;

/** The main thread's counters (its tid is the process id). */
export function readSchedStat(path = `/proc/${process.pid}/task/${process.pid}/schedstat`): SchedSample {
  try {
    return parseSchedStat(readFileSync(path, 'latin1'));
  } catch {
    return undefined;
  }
}

/** Parses schedstat's "cpu-ns wait-ns slices" line. */
export function parseSchedStat(text: string): SchedSample {
  const [cpu, wait] = text.trim().split(/\s+/).map(Number);
  return Number.isFinite(cpu) && Number.isFinite(wait) ? { cpuMs: cpu / 1e6, waitMs: wait / 1e6 } : undefined;
}

/** The longest gap between two ticks of the stall probe, and how the host's thread spent it. */
export interface Stall {
  /** Wall time between the two ticks beyond the probe's interval. */
  delayMs: number;
  /** Of the whole gap: on a CPU, and runnable but waiting for a CPU (undefined off Linux). */
  cpuMs?: number;
  waitMs?: number;
}

export interface LoopReport {
  /** monitorEventLoopDelay's max (ms); 0 when the run was shorter than its resolution. */
  maxMs: number;
  p99Ms: number;
  /** The worst stall the probe saw, with its CPU/run-queue split. */
  worst: Stall;
}

/** Probe interval: the histogram's resolution, 10 ms (the budget is 50 ms). */
const TICK_MS = 10;

/**
 * Starts measuring; `stop()` ends it and returns the report. `clock` and `sched` are injectable for tests.
 */
export function startLoopMonitor(clock: () => number = () => performance.now(), sched: () => SchedSample = readSchedStat): { stop(): LoopReport } {
  const h = monitorEventLoopDelay({ resolution: TICK_MS });
  h.enable();
  const worst: Stall = { delayMs: 0 };
  let lastT = clock();
  let lastS = sched();
  // Off Linux (no schedstat) stop asking: the probe runs every 10 ms on the host's thread.
  if (lastS === undefined) sched = () => undefined;
  const tick = (): void => {
    const t = clock();
    const s = sched();
    const delayMs = t - lastT - TICK_MS;
    if (delayMs > worst.delayMs) {
      worst.delayMs = delayMs;
      worst.cpuMs = s && lastS ? s.cpuMs - lastS.cpuMs : undefined;
      worst.waitMs = s && lastS ? s.waitMs - lastS.waitMs : undefined;
    }
    lastT = t;
    lastS = s;
  };
  const timer = setInterval(tick, TICK_MS);
  timer.unref?.();
  return {
    stop(): LoopReport {
      clearInterval(timer);
      tick();
      h.disable();
      // The histogram is in ns; with no sample yet (a run shorter than the resolution) max is 0.
      return { maxMs: h.count > 0 ? h.max / 1e6 : 0, p99Ms: h.count > 0 ? h.percentile(99) / 1e6 : 0, worst: { ...worst, delayMs: Math.max(0, worst.delayMs) } };
    },
  };
}

/** "52.4 ms (worst stall 51.0 ms: 12.0 ms on the CPU, 38.5 ms waiting for a CPU)" for the log. */
export function loopReportText(r: LoopReport): string {
  const split = r.worst.cpuMs !== undefined && r.worst.waitMs !== undefined
    ? `: ${r.worst.cpuMs.toFixed(1)} ms on the CPU, ${r.worst.waitMs.toFixed(1)} ms waiting for a CPU`
    : '';
  return `${r.maxMs.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms (worst stall ${r.worst.delayMs.toFixed(1)} ms${split})`;
}
