/**
 * Measures how long the extension host's event loop is held up while a run goes on (issue 5's budget:
 * never blocked > 50 ms), and splits the worst stall into the time the host's thread ran on a CPU and
 * the time it waited for one. On a loaded machine a stall can be the scheduler's doing (the thread is
 * runnable but not running) rather than work on the thread; Linux reports both per thread in
 * /proc/<pid>/task/<tid>/schedstat (ns on the CPU, ns waiting on a run queue, timeslices).
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

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
  /** Of the whole gap: V8 garbage-collection pauses of the host's heap (perf_hooks 'gc' entries). */
  gcMs?: number;
}

export interface LoopReport {
  /** monitorEventLoopDelay's max (ms); 0 when the run was shorter than its resolution. */
  maxMs: number;
  p99Ms: number;
  /** The worst stall the probe saw, with its CPU/run-queue split. */
  worst: Stall;
  /** The longest GC pause of the host's heap during the run (ms; undefined when none was observed). */
  gcMaxMs?: number;
  /** The whole run: wall time, and the host thread's time on a CPU in it (Linux; everything the thread did, VS Code's work included). */
  run?: { ms: number; cpuMs?: number };
}

/** A GC pause: start and duration (ms, performance.now() clock). */
export interface GcPause { start: number; ms: number }

/** Time of `pauses` inside [from, to] (ms). */
export function gcOverlap(pauses: readonly GcPause[], from: number, to: number): number {
  let sum = 0;
  for (const p of pauses) sum += Math.max(0, Math.min(to, p.start + p.ms) - Math.max(from, p.start));
  return sum;
}

/** Collects the host heap's GC pauses while a run goes on. */
function observeGc(): { pauses: GcPause[]; stop(): void } {
  const pauses: GcPause[] = [];
  try {
    const obs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) pauses.push({ start: e.startTime, ms: e.duration });
    });
    obs.observe({ entryTypes: ['gc'] });
    return {
      pauses,
      stop: () => {
        for (const e of obs.takeRecords?.() ?? []) pauses.push({ start: e.startTime, ms: e.duration });
        obs.disconnect();
      },
    };
  } catch {
    return { pauses, stop: () => undefined };
  }
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
  /** The worst stall's gap on the performance.now() clock, to find the GC pauses inside it. */
  let worstGap: [number, number] | undefined;
  const gc = observeGc();
  let lastT = clock();
  let lastS = sched();
  const first = { t: lastT, s: lastS };
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
      worstGap = [lastT, t];
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
      gc.stop();
      const gcMs = worstGap && gc.pauses.length ? gcOverlap(gc.pauses, worstGap[0], worstGap[1]) : undefined;
      const gcMaxMs = gc.pauses.length ? Math.max(...gc.pauses.map((p) => p.ms)) : undefined;
      // The histogram is in ns; with no sample yet (a run shorter than the resolution) max is 0.
      return {
        maxMs: h.count > 0 ? h.max / 1e6 : 0,
        p99Ms: h.count > 0 ? h.percentile(99) / 1e6 : 0,
        worst: { ...worst, delayMs: Math.max(0, worst.delayMs), ...(gcMs !== undefined ? { gcMs } : {}) },
        ...(gcMaxMs !== undefined ? { gcMaxMs } : {}),
        run: { ms: lastT - first.t, ...(lastS && first.s ? { cpuMs: lastS.cpuMs - first.s.cpuMs } : {}) },
      };
    },
  };
}

/**
 * "52.4 ms, p99 12.0 ms (worst stall 51.0 ms: 12.0 ms on the CPU, 38.5 ms waiting for a CPU); GC 3.1 ms of
 * that stall, longest GC pause 8.0 ms; host thread on a CPU 20.5 ms of the run's 900 ms" for the log (the GC
 * part when a pause was observed, the last part where the platform reports thread CPU time).
 */
export function loopReportText(r: LoopReport): string {
  const split = r.worst.cpuMs !== undefined && r.worst.waitMs !== undefined
    ? `: ${r.worst.cpuMs.toFixed(1)} ms on the CPU, ${r.worst.waitMs.toFixed(1)} ms waiting for a CPU`
    : '';
  const gc = r.gcMaxMs !== undefined ? `; GC ${(r.worst.gcMs ?? 0).toFixed(1)} ms of that stall, longest GC pause ${r.gcMaxMs.toFixed(1)} ms` : '';
  const run = r.run?.cpuMs !== undefined ? `; host thread on a CPU ${r.run.cpuMs.toFixed(1)} ms of the run's ${r.run.ms.toFixed(0)} ms` : '';
  return `${r.maxMs.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms (worst stall ${r.worst.delayMs.toFixed(1)} ms${split})${gc}${run}`;
}
