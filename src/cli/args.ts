/**
 * Command-line parsing and validation for dist/cli.js. Every bad option value becomes a
 * UsageError (exit 2, one line). The contract is documented in the README:
 *
 *   describe <file> [--json]
 *   path <file> [--target col] [--family auto|gaussian|binomial] [--alpha 1] [--nlambda 100]
 *        [--lambda-min-ratio r] [--lambda v1,v2,...] [--standardize true|false] [--intercept true|false]
 *        [--thresh 1e-7] [--maxit 100000] [--penalty-factor name=v,...] [--exclude a,b] [--json] [--timing]
 *   cv <file> ...the path options... [--nfolds 10] [--foldid file] [--measure mse|mae|deviance|class|auc]
 *        [--seed n] [--json] [--timing]
 */
import type { CvMeasure } from '../core/engine/types';
import type { FamilyChoice } from '../core/data/types';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface DescribeCommand {
  command: 'describe';
  file: string;
  json: boolean;
}

export interface FitArgs {
  file: string;
  target?: string;
  family: FamilyChoice;
  alpha: number;
  nlambda?: number;
  lambdaMinRatio?: number;
  lambda?: number[];
  standardize: boolean;
  intercept: boolean;
  thresh: number;
  maxit: number;
  /** name → factor, in the order given. */
  penaltyFactor?: [string, number][];
  exclude: string[];
  json: boolean;
  timing: boolean;
}

export interface PathCommand extends FitArgs {
  command: 'path';
}

export interface CvCommand extends FitArgs {
  command: 'cv';
  nfolds: number;
  foldid?: string;
  measure?: CvMeasure;
  seed?: number;
}

export type Command = DescribeCommand | PathCommand | CvCommand | { command: 'help' };

export const USAGE = `usage:
  regx describe <file> [--json]
  regx path <file> [--target col] [--family auto|gaussian|binomial] [--alpha 1] [--nlambda 100]
       [--lambda-min-ratio r] [--lambda v1,v2,...] [--standardize true|false] [--intercept true|false]
       [--thresh 1e-7] [--maxit 100000] [--penalty-factor name=v,...] [--exclude a,b] [--json] [--timing]
  regx cv <file> ...the path options... [--nfolds 10] [--foldid <file>] [--measure mse|mae|deviance|class|auc]
       [--seed n] [--json] [--timing]
files: .csv (',' ';' or tab), .tsv, .json (records or columns), .jsonl/.ndjson`;

const FLAGS = new Set(['json', 'timing']);
const PATH_OPTS = new Set(['target', 'family', 'alpha', 'nlambda', 'lambda-min-ratio', 'lambda', 'standardize', 'intercept',
  'thresh', 'maxit', 'penalty-factor', 'exclude']);
const CV_OPTS = new Set(['nfolds', 'foldid', 'measure', 'seed']);

const NUM = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function num(opt: string, v: string, ok: (x: number) => boolean, want: string): number {
  const x = Number(v);
  if (!NUM.test(v.trim()) || !Number.isFinite(x) || !ok(x)) throw new UsageError(`--${opt} must be ${want} (got "${v}")`);
  return x;
}

function int(opt: string, v: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const x = num(opt, v, (n) => Number.isInteger(n) && n >= min && n <= max, `an integer ≥ ${min}`);
  return x;
}

function bool(opt: string, v: string): boolean {
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new UsageError(`--${opt} must be true or false (got "${v}")`);
}

function list(opt: string, v: string): string[] {
  const items = v.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new UsageError(`--${opt} must be a comma-separated list without empty items (got "${v}")`);
  return items;
}

export function parseArgs(argv: string[]): Command {
  if (argv.length === 0) throw new UsageError(`missing command\n${USAGE}`);
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') return { command: 'help' };
  if (command !== 'describe' && command !== 'path' && command !== 'cv') {
    throw new UsageError(`unknown command "${command}" (expected describe, path or cv)`);
  }
  const opts = new Map<string, string>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--help' || a === '-h') return { command: 'help' };
    if (!a.startsWith('--') || a === '--') {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    const allowed = FLAGS.has(name) || (command !== 'describe' && PATH_OPTS.has(name)) || (command === 'cv' && CV_OPTS.has(name));
    if (!allowed) {
      const where = PATH_OPTS.has(name) ? 'path and cv' : CV_OPTS.has(name) ? 'cv' : null;
      throw new UsageError(where ? `option --${name} applies to ${where} only` : `unknown option --${name}`);
    }
    if (FLAGS.has(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      if (command === 'describe' && name === 'timing') throw new UsageError('option --timing applies to path and cv only');
      flags.add(name);
      continue;
    }
    let value: string;
    if (eq >= 0) value = a.slice(eq + 1);
    else {
      if (i + 1 >= rest.length || rest[i + 1].startsWith('--')) throw new UsageError(`--${name} needs a value`);
      value = rest[++i];
    }
    if (opts.has(name)) throw new UsageError(`--${name} given twice`);
    opts.set(name, value);
  }
  if (positional.length === 0) throw new UsageError(`missing <file> for ${command}`);
  if (positional.length > 1) throw new UsageError(`unexpected argument "${positional[1]}" (one <file> only)`);
  const file = positional[0];
  if (command === 'describe') return { command, file, json: flags.has('json') };

  const get = (k: string) => opts.get(k);
  const family = get('family') ?? 'auto';
  if (family !== 'auto' && family !== 'gaussian' && family !== 'binomial') {
    throw new UsageError(`--family must be auto, gaussian or binomial (got "${family}")`);
  }
  const fit: FitArgs = {
    file,
    family,
    alpha: get('alpha') === undefined ? 1 : num('alpha', get('alpha')!, (x) => x >= 0 && x <= 1, 'a number in [0, 1]'),
    standardize: get('standardize') === undefined ? true : bool('standardize', get('standardize')!),
    intercept: get('intercept') === undefined ? true : bool('intercept', get('intercept')!),
    thresh: get('thresh') === undefined ? 1e-7 : num('thresh', get('thresh')!, (x) => x > 0, 'a positive number'),
    maxit: get('maxit') === undefined ? 100000 : int('maxit', get('maxit')!, 1),
    exclude: get('exclude') === undefined ? [] : list('exclude', get('exclude')!),
    json: flags.has('json'),
    timing: flags.has('timing'),
  };
  const target = get('target');
  if (target !== undefined) {
    if (target.trim() === '') throw new UsageError('--target must name a column');
    fit.target = target;
  }
  if (get('nlambda') !== undefined) fit.nlambda = int('nlambda', get('nlambda')!, 1, 10000);
  if (get('lambda-min-ratio') !== undefined) {
    fit.lambdaMinRatio = num('lambda-min-ratio', get('lambda-min-ratio')!, (x) => x > 0 && x < 1, 'a number in (0, 1)');
  }
  if (get('lambda') !== undefined) {
    fit.lambda = list('lambda', get('lambda')!).map((v) => num('lambda', v, (x) => x >= 0, 'a comma-separated list of numbers ≥ 0'));
    if (fit.nlambda !== undefined || fit.lambdaMinRatio !== undefined) {
      throw new UsageError('--lambda gives the λ values itself; do not combine it with --nlambda or --lambda-min-ratio');
    }
  }
  if (get('penalty-factor') !== undefined) {
    fit.penaltyFactor = list('penalty-factor', get('penalty-factor')!).map((item): [string, number] => {
      const k = item.lastIndexOf('=');
      if (k <= 0) throw new UsageError(`--penalty-factor items must be name=value (got "${item}")`);
      return [item.slice(0, k).trim(), num('penalty-factor', item.slice(k + 1).trim(), (x) => x >= 0, 'name=value pairs with values ≥ 0')];
    });
  }
  if (command === 'path') return { command, ...fit };

  const cv: CvCommand = { command, ...fit, nfolds: get('nfolds') === undefined ? 10 : int('nfolds', get('nfolds')!, 3) };
  if (get('foldid') !== undefined) {
    if (get('nfolds') !== undefined) throw new UsageError('--foldid fixes the folds; do not combine it with --nfolds');
    cv.foldid = get('foldid');
  }
  const measure = get('measure');
  if (measure !== undefined) {
    if (!['mse', 'mae', 'deviance', 'class', 'auc'].includes(measure)) {
      throw new UsageError(`--measure must be mse, mae, deviance, class or auc (got "${measure}")`);
    }
    if ((measure === 'class' || measure === 'auc') && family === 'gaussian') {
      throw new UsageError(`--measure ${measure} needs family binomial`);
    }
    cv.measure = measure as CvMeasure;
  }
  if (get('seed') !== undefined) cv.seed = int('seed', get('seed')!, 0, 2 ** 32 - 1);
  return cv;
}

/**
 * Parses a fold-id file: one integer 1..K per used row (blank lines ignored), K ≥ 3, every fold used.
 * Returns the ids or throws a DataError-shaped problem via the callback (file:line:column).
 */
export function parseFoldIds(text: string, rowsUsed: number, fail: (message: string, line?: number, col?: number) => never): Int32Array {
  const ids: number[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const s = raw.trim();
    if (s === '') return;
    if (!/^\d+$/.test(s) || Number(s) < 1) fail(`"${s}" is not a fold id (an integer 1..K)`, i + 1, raw.indexOf(s) + 1);
    ids.push(Number(s));
  });
  if (ids.length !== rowsUsed) {
    fail(`${ids.length} fold ids, but ${rowsUsed} rows are used (one id per row that survives dropping missing values)`);
  }
  const k = Math.max(...ids);
  if (k < 3) fail(`fold ids must run 1..K with K ≥ 3 (the largest id is ${k})`);
  const seen = new Uint8Array(k + 1);
  for (const id of ids) seen[id] = 1;
  for (let f = 1; f <= k; f++) if (!seen[f]) fail(`fold ${f} has no rows (ids must use every value 1..${k})`);
  return Int32Array.from(ids);
}
