/**
 * Lowers the CPU priority of the worker threads (training and teaching; both run dist/trainWorker.js)
 * so that on a busy machine the extension host's thread gets the CPU before our own background work
 * (issue 5: the host's event loop never blocked > 50 ms during training; its stalls were time spent
 * waiting for a CPU, not work on the thread, see src/extension/loopMonitor.ts).
 *
 * Linux keeps a nice value per thread: setpriority(PRIO_PROCESS, 0, n) — what `os.setPriority(0, n)`
 * calls — changes the calling thread only, and the host thread keeps its own. Elsewhere the same call
 * changes the whole process (the extension host included), so there it is not made. An unprivileged
 * thread can lower its priority but never raise it again, so the value is fixed for the thread's life.
 */
import { readFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** Nice steps added to the worker threads' priority (0 = the host's priority … 19 = the lowest). */
export const WORKER_NICE_DELTA = 10;

export interface PriorityOutcome {
  /** The thread's nice value afterwards, read back from /proc (undefined when not changed or unknown). */
  nice?: number;
  /** One line for the debug log. */
  note: string;
}

interface OsPriority {
  getPriority(pid?: number): number;
  setPriority(pid: number, priority: number): void;
}

/**
 * The nice value (field 19) of a /proc/<pid>/task/<tid>/stat line. The command name (field 2) is in
 * parentheses and may itself contain spaces and parentheses: fields are counted after the last ')'.
 */
export function niceFromStat(stat: string): number | undefined {
  const rest = stat.slice(stat.lastIndexOf(')') + 1).trim().split(/\s+/);
  // rest[0] is field 3 (state), so field 19 is rest[16].
  const v = Number(rest[16]);
  return Number.isInteger(v) ? v : undefined;
}

/** The calling thread's nice value from /proc (Linux), or undefined. */
export function currentThreadNice(read: (path: string) => string = (p) => readFileSync(p, 'latin1')): number | undefined {
  try {
    return niceFromStat(read('/proc/thread-self/stat'));
  } catch {
    return undefined;
  }
}

/** Adds `delta` nice steps to the calling thread (capped at 19) on Linux; never throws. */
export function lowerThreadPriority(
  delta: number,
  platform: NodeJS.Platform = process.platform,
  os: OsPriority = { getPriority, setPriority },
  readNice: () => number | undefined = currentThreadNice,
): PriorityOutcome {
  if (platform !== 'linux') return { note: `thread priority unchanged: nice values are per thread only on Linux (here ${platform})` };
  try {
    const before = os.getPriority(0);
    const target = Math.min(19, before + delta);
    if (target !== before) os.setPriority(0, target);
    const after = readNice();
    return { nice: after, note: `thread nice ${before} → ${after ?? target}${after !== undefined && after !== target ? ` (asked for ${target})` : ''}` };
  } catch (e) {
    return { note: `thread priority unchanged: ${e instanceof Error ? e.message : String(e)}` };
  }
}
