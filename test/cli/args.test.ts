// Option parsing and validation of the CLI (no process spawned).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, parseFoldIds, UsageError } from '../../src/cli/args';

const bad = (argv: string[], fragment: string) =>
  assert.throws(() => parseArgs(argv), (e: unknown) => e instanceof UsageError && e.message.includes(fragment), `${argv.join(' ')} → ${fragment}`);

test('describe takes a file and --json only', () => {
  assert.deepEqual(parseArgs(['describe', 'd.csv', '--json']), { command: 'describe', file: 'd.csv', json: true });
  bad(['describe', 'd.csv', '--alpha', '1'], 'applies to path and cv only');
  bad(['describe', 'd.csv', '--timing'], 'applies to path and cv only');
  bad(['describe'], 'missing <file>');
  bad(['describe', 'a.csv', 'b.csv'], 'unexpected argument "b.csv"');
});

test('path defaults follow glmnet', () => {
  const c = parseArgs(['path', 'd.csv']);
  assert.deepEqual(c, {
    command: 'path', file: 'd.csv', family: 'auto', alpha: 1, standardize: true, intercept: true, thresh: 1e-7, maxit: 100000,
    exclude: [], json: false, timing: false,
  });
});

test('every path option is parsed, in both --opt v and --opt=v forms', () => {
  const c = parseArgs(['path', 'd.csv', '--target', 'y', '--family=binomial', '--alpha', '0.5', '--nlambda', '50',
    '--lambda-min-ratio', '0.001', '--standardize', 'false', '--intercept=false', '--thresh', '1e-9', '--maxit', '500',
    '--penalty-factor', 'a=0,b=2.5', '--exclude', 'id,notes', '--json', '--timing']);
  assert.deepEqual(c, {
    command: 'path', file: 'd.csv', target: 'y', family: 'binomial', alpha: 0.5, nlambda: 50, lambdaMinRatio: 0.001,
    standardize: false, intercept: false, thresh: 1e-9, maxit: 500, penaltyFactor: [['a', 0], ['b', 2.5]],
    exclude: ['id', 'notes'], json: true, timing: true,
  });
  assert.deepEqual((parseArgs(['path', 'd.csv', '--lambda', '1,0.5,0.1']) as { lambda: number[] }).lambda, [1, 0.5, 0.1]);
});

test('cv options', () => {
  const c = parseArgs(['cv', 'd.csv', '--nfolds', '5', '--measure', 'mae', '--seed', '42']);
  assert.equal(c.command, 'cv');
  assert.deepEqual([(c as { nfolds: number }).nfolds, (c as { measure: string }).measure, (c as { seed: number }).seed], [5, 'mae', 42]);
  assert.equal((parseArgs(['cv', 'd.csv']) as { nfolds: number }).nfolds, 10);
  assert.equal((parseArgs(['cv', 'd.csv', '--foldid', 'f.txt']) as { foldid: string }).foldid, 'f.txt');
});

test('bad option values are usage errors with one clear line', () => {
  bad(['path', 'd.csv', '--alpha', '2'], '--alpha must be a number in [0, 1] (got "2")');
  bad(['path', 'd.csv', '--alpha', 'abc'], '--alpha must be');
  bad(['path', 'd.csv', '--alpha'], '--alpha needs a value');
  bad(['path', 'd.csv', '--alpha', '--json'], '--alpha needs a value');
  bad(['path', 'd.csv', '--family', 'poisson'], '--family must be auto, gaussian or binomial');
  bad(['path', 'd.csv', '--nlambda', '0'], '--nlambda must be an integer ≥ 1');
  bad(['path', 'd.csv', '--nlambda', '2.5'], '--nlambda must be');
  bad(['path', 'd.csv', '--lambda-min-ratio', '1'], 'a number in (0, 1)');
  bad(['path', 'd.csv', '--lambda', '1,,2'], 'without empty items');
  bad(['path', 'd.csv', '--lambda', '1,-2'], '≥ 0');
  bad(['path', 'd.csv', '--lambda', '1', '--nlambda', '5'], 'do not combine');
  bad(['path', 'd.csv', '--standardize', 'yes'], 'must be true or false');
  bad(['path', 'd.csv', '--thresh', '0'], 'a positive number');
  bad(['path', 'd.csv', '--maxit', '1e3.5'], '--maxit must be');
  bad(['path', 'd.csv', '--penalty-factor', 'a'], 'name=value');
  bad(['path', 'd.csv', '--penalty-factor', 'a=-1'], '≥ 0');
  bad(['path', 'd.csv', '--target', ''], '--target must name a column');
  bad(['path', 'd.csv', '--nfolds', '5'], 'applies to cv only');
  bad(['path', 'd.csv', '--bogus'], 'unknown option --bogus');
  bad(['path', 'd.csv', '--json=1'], 'takes no value');
  bad(['path', 'd.csv', '--alpha', '1', '--alpha', '0'], 'given twice');
  bad(['cv', 'd.csv', '--nfolds', '2'], '--nfolds must be an integer ≥ 3');
  bad(['cv', 'd.csv', '--measure', 'rmse'], '--measure must be mse, mae, deviance, class or auc');
  bad(['cv', 'd.csv', '--family', 'gaussian', '--measure', 'auc'], 'needs family binomial');
  bad(['cv', 'd.csv', '--seed', '-1'], '--seed must be');
  bad(['cv', 'd.csv', '--foldid', 'f', '--nfolds', '4'], 'do not combine');
  bad(['fit', 'd.csv'], 'unknown command "fit"');
  bad([], 'missing command');
  assert.deepEqual(parseArgs(['--help']), { command: 'help' });
});

test('fold ids: one integer per used row, every fold 1..K used, K ≥ 3', () => {
  const fail = (m: string, line?: number, col?: number): never => {
    throw new Error(`${line ?? ''}:${col ?? ''}: ${m}`);
  };
  assert.deepEqual([...parseFoldIds('1\n2\n3\n1\n', 4, fail)], [1, 2, 3, 1]);
  assert.deepEqual([...parseFoldIds('1\r\n2\r\n3\r\n\r\n', 3, fail)], [1, 2, 3]);
  assert.throws(() => parseFoldIds('1\n2\nx\n', 3, fail), /^Error: 3:1: "x" is not a fold id/);
  assert.throws(() => parseFoldIds('1\n 0\n3\n', 3, fail), /^Error: 2:2: "0" is not a fold id/);
  assert.throws(() => parseFoldIds('1\n2.5\n3\n', 3, fail), /2:1: "2.5"/);
  assert.throws(() => parseFoldIds('1\n2\n3\n', 4, fail), /3 fold ids, but 4 rows are used/);
  assert.throws(() => parseFoldIds('1\n2\n1\n', 3, fail), /K ≥ 3/);
  assert.throws(() => parseFoldIds('1\n2\n4\n1\n', 4, fail), /fold 3 has no rows/);
});
