/**
 * The real training backend: the data layer and the engine from src/core, as the training worker runs
 * them. The worker, the preview scripts, the panel bench and the tests that train real files share this
 * one object, so they all exercise what ships.
 */
import { buildFrame, describeTable, readTable, type Table } from '../core/data';
import { patchBaseOf, patchFrame, type PatchBase } from '../core/data/patch';
import { crossValidate } from '../core/engine/cv';
import { fitPath } from '../core/engine/path';
import type { TrainingBackend } from './runTraining';

export const coreBackend: TrainingBackend<Table> = {
  readTable: (file, input, format, hooks) => readTable(file, input, { format, totalBytes: typeof input === 'string' ? input.length : input.byteLength }, hooks),
  // Column names and the target guess only; broken cells are reported for the columns the frame uses.
  describe: (table) => describeTable(table, { checkNumbers: false }),
  // describe() has already run, so the frame may free each column as it copies it (lower peak memory).
  frame: (table, options) => buildFrame(table, options, true),
  fitPath,
  crossValidate,
  patchBase: (table, frame, input) => patchBaseOf(table, frame, input),
  patch: (base, frame, input) => (typeof input === 'string' ? patchFrame(base as PatchBase, frame, input) : undefined),
};
