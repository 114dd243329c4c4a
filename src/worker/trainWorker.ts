/**
 * The training worker (worker_threads; bundled to dist/trainWorker.js). It parses the text or bytes
 * with the data layer, fits the path and cross-validates with the engine, streams throttled
 * progress, and answers each `train` with `result` or a structured `error`. The engine never runs on
 * the extension host's thread.
 *
 * Cancellation: `workerData.cancel` is a SharedArrayBuffer shared with the host; run r stops when the
 * host has stored r in its own slot (r % CANCEL_SLOTS; checked between λ values and while reading),
 * so cancelling one dataset's run never stops another's. Runs are handled one at a time in arrival
 * order, which is what a single synchronous thread does anyway.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isHostToWorker, isRunCancelled, type WorkerToHost } from '../protocol/worker';
import { runTraining, toWorkerError } from './runTraining';
import { coreBackend } from './coreBackend';
import { FrameCache } from './frameCache';
import { isTeachJobMessage } from '../protocol/teach';
import { TeachCache, handleTeachJob } from './teachJobs';
import { WORKER_NICE_DELTA, lowerThreadPriority } from './threadPriority';

/** Progress messages per run are at most one per this many ms (plus the final one of each phase). */
const PROGRESS_EVERY_MS = 100;

const port = parentPort;
if (!port) throw new Error('trainWorker.js must run as a worker thread');
const cancel = new Int32Array(workerData.cancel as SharedArrayBuffer);
// Below the extension host's thread: on a busy machine the editor gets the CPU before our background work.
const priority = lowerThreadPriority(WORKER_NICE_DELTA);

const send = (m: WorkerToHost) => port.postMessage(m);

const teachCache = new TeachCache();
/** Parsed frame of the last run: a toggle or option change on unchanged data skips parsing. */
const frameCache = new FrameCache();

port.on('message', (m: unknown) => {
  // Teaching-view jobs (issue 6; src/worker/teachJobs.ts): one reply per job.
  if (isTeachJobMessage(m)) {
    port.postMessage(handleTeachJob(m, teachCache));
    return;
  }
  if (!isHostToWorker(m)) {
    const runId = typeof m === 'object' && m !== null && Number.isInteger((m as { runId?: unknown }).runId) ? (m as { runId: number }).runId : -1;
    send({ type: 'error', runId, error: { kind: 'internal', message: 'the training worker received a malformed request' } });
    return;
  }
  const { runId } = m;
  let last = 0;
  try {
    const out = runTraining(m, coreBackend, {
      isCancelled: () => isRunCancelled(cancel, runId),
      onProgress: (phase, done, total) => {
        const now = Date.now();
        if (now - last < PROGRESS_EVERY_MS && done < total) return;
        last = now;
        send({ type: 'progress', runId, phase, done, total });
      },
      now: () => performance.now(),
      onPath: (early) => send({ type: 'partial', runId, ...early }),
    }, frameCache);
    send({ type: 'result', runId, ...out });
  } catch (e) {
    send({ type: 'error', runId, error: toWorkerError(e) });
  }
});

send({ type: 'ready', priority: priority.note });
