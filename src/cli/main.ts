/**
 * regx: the command-line entry (dist/cli.js). Reads a data file in 1 MB chunks through the same
 * incremental reader the extension uses, then describes it, fits a path, or cross-validates.
 * Exit codes: 0 ok; 2 bad input or bad options (one line on stderr, `file:row:column: message`
 * for data problems); 1 internal error.
 *
 * Output is written with process.stdout.write and the exit code set on process.exitCode, never
 * process.exit(): exiting right after a large write cuts piped stdout short.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { buildFrame, describeTable } from '../core/data';
import type { ModelFrame } from '../core/data/types';
import { crossValidate } from '../core/engine/cv';
import { fitPath } from '../core/engine/path';
import type { CvOptions, PathOptions, PathResult } from '../core/engine/types';
import { DataError, isDataError } from '../core/errors';
import { fsError, readFileTable } from './readFile';
import { parseArgs, parseFoldIds, USAGE, UsageError, type CvCommand, type FitArgs, type PathCommand } from './args';
import { describeTable as describeText, fmt, spread, table } from './format';

function pathOptions(a: FitArgs, frame: ModelFrame): PathOptions {
  const o: PathOptions = {
    family: frame.family,
    alpha: a.alpha,
    standardize: a.standardize,
    intercept: a.intercept,
    thresh: a.thresh,
    maxit: a.maxit,
  };
  if (a.nlambda !== undefined) o.nlambda = a.nlambda;
  if (a.lambdaMinRatio !== undefined) o.lambdaMinRatio = a.lambdaMinRatio;
  if (a.lambda !== undefined) o.lambda = a.lambda;
  if (a.penaltyFactor !== undefined) {
    const pf = new Float64Array(frame.nvars).fill(1);
    for (const [name, v] of a.penaltyFactor) {
      // A feature name, or a categorical column name standing for all its one-hot columns.
      let hit = false;
      frame.featureNames.forEach((f, j) => {
        if (f === name || (f.startsWith(`${name}_`) && !frame.featureNames.includes(name))) { pf[j] = v; hit = true; }
      });
      if (!hit) throw new UsageError(`--penalty-factor: unknown feature "${name}"; the features are ${frame.featureNames.join(', ')}`);
    }
    if (pf.every((v) => v === 0)) throw new UsageError('--penalty-factor: at least one feature must have a factor > 0');
    o.penaltyFactor = pf;
  }
  return o;
}

function pathJson(r: PathResult, frame: ModelFrame): Record<string, unknown> {
  const beta: Record<string, number[]> = {};
  frame.featureNames.forEach((name, j) => (beta[name] = r.beta.map((b) => b[j])));
  return {
    family: r.family,
    alpha: r.alpha,
    features: frame.featureNames,
    lambda: r.lambda,
    a0: r.a0,
    beta,
    df: r.df,
    devRatio: r.devRatio,
    nulldev: r.nulldev,
    rowsUsed: frame.rowsUsed,
    rowsDropped: frame.rowsDropped,
    warnings: [...frame.warnings, ...r.warnings],
  };
}

function pathText(r: PathResult, frame: ModelFrame, file: string): string {
  const ks = spread(r.lambda.length, 6);
  const rows = [
    ['feature', ...ks.map((k) => `λ=${fmt(r.lambda[k])}`)],
    ['(Intercept)', ...ks.map((k) => fmt(r.a0[k]))],
    ...frame.featureNames.map((name, j) => [name, ...ks.map((k) => fmt(r.beta[k][j], true))]),
    ['df', ...ks.map((k) => String(r.df[k]))],
    ['%dev', ...ks.map((k) => (100 * r.devRatio[k]).toFixed(1))],
  ];
  const head = `${file}: ${r.family} path of "${frame.targetName}"${frame.yLevels ? ` (1 = "${frame.yLevels[1]}")` : ''}, alpha = ${r.alpha}, `
    + `${r.lambda.length} λ values, ${frame.rowsUsed} rows used (${frame.rowsDropped} dropped), ${frame.nvars} features`;
  const notes = [...frame.warnings, ...r.warnings].map((w) => `warning: ${w}`);
  return [head, table(rows), ...notes].join('\n') + '\n';
}

async function runFit(cmd: PathCommand | CvCommand): Promise<void> {
  const t0 = performance.now();
  const tbl = await readFileTable(cmd.file);
  const t1 = performance.now();
  const frame = buildFrame(tbl, { target: cmd.target, family: cmd.family, exclude: cmd.exclude }, true);
  const opts = pathOptions(cmd, frame);
  let cvOpts: CvOptions | undefined;
  let foldsNote = '';
  if (cmd.command === 'cv') {
    cvOpts = { nfolds: cmd.nfolds };
    foldsNote = cmd.foldid !== undefined ? `folds from ${cmd.foldid}` : `${cmd.nfolds} folds`;
    if (cmd.measure !== undefined) {
      if ((cmd.measure === 'class' || cmd.measure === 'auc') && frame.family !== 'binomial') {
        throw new UsageError(`--measure ${cmd.measure} needs a binomial model; "${frame.targetName}" is fitted as ${frame.family}`);
      }
      cvOpts.measure = cmd.measure;
    }
    if (cmd.seed !== undefined) cvOpts.seed = cmd.seed;
    if (cmd.foldid !== undefined) {
      const foldFile = cmd.foldid;
      let text: string;
      try {
        text = readFileSync(foldFile, 'utf8');
      } catch (e) {
        throw fsError(foldFile, e);
      }
      cvOpts.foldid = parseFoldIds(text, frame.rowsUsed, (m, line, col) => {
        throw new DataError(foldFile, m, line, col);
      });
    } else if (cmd.nfolds > frame.rowsUsed) {
      throw new UsageError(`--nfolds ${cmd.nfolds} is more than the ${frame.rowsUsed} usable rows`);
    }
  }
  const t2 = performance.now();
  let out: Record<string, unknown>;
  let text: string;
  if (cvOpts === undefined) {
    const r = fitPath(frame.X, frame.nobs, frame.nvars, frame.y, opts);
    const t3 = performance.now();
    out = pathJson(r, frame);
    text = pathText(r, frame, cmd.file);
    if (cmd.timing) out.timing = timing(t0, t1, t2, t3);
  } else {
    const r = crossValidate(frame.X, frame.nobs, frame.nvars, frame.y, opts, cvOpts);
    const t3 = performance.now();
    out = {
      measure: r.measure, lambda: r.lambda, cvm: r.cvm, cvsd: r.cvsd, cvup: r.cvup, cvlo: r.cvlo, nzero: r.nzero,
      lambdaMin: r.lambdaMin, lambda1se: r.lambda1se, indexMin: r.indexMin, index1se: r.index1se,
    };
    if (cmd.timing) out.timing = timing(t0, t1, t2, t3);
    const ks = [...new Set([...spread(r.lambda.length, 8), r.indexMin, r.index1se])].sort((a, b) => a - b);
    const rows = [['λ', r.measure, 'sd', 'nonzero', ''], ...ks.map((k) => [fmt(r.lambda[k]), fmt(r.cvm[k]), fmt(r.cvsd[k]), String(r.nzero[k]),
      [k === r.indexMin ? 'λ.min' : '', k === r.index1se ? 'λ.1se' : ''].filter(Boolean).join(' ')])];
    text = `${cmd.file}: cross-validated ${frame.family} path of "${frame.targetName}", alpha = ${cmd.alpha}, ${foldsNote}, `
      + `${frame.rowsUsed} rows used (${frame.rowsDropped} dropped)\n`
      + `λ.min = ${fmt(r.lambdaMin)} (${r.nzero[r.indexMin]} nonzero), λ.1se = ${fmt(r.lambda1se)} (${r.nzero[r.index1se]} nonzero)\n`
      + `${table(rows)}\n${[...frame.warnings, ...r.fit.warnings].map((w) => `warning: ${w}\n`).join('')}`;
  }
  if (!cmd.json && cmd.timing) {
    const tm = out.timing as Record<string, number>;
    text += `timing: read ${tm.readMs} ms, prepare ${tm.prepareMs} ms, fit ${tm.fitMs} ms\n`;
  }
  process.stdout.write(cmd.json ? `${JSON.stringify(out)}\n` : text);
}

function timing(t0: number, t1: number, t2: number, t3: number): { readMs: number; prepareMs: number; fitMs: number } {
  const r = (x: number) => Math.round(x * 10) / 10;
  return { readMs: r(t1 - t0), prepareMs: r(t2 - t1), fitMs: r(t3 - t2) };
}

export async function main(argv: string[]): Promise<number> {
  try {
    const cmd = parseArgs(argv);
    if (cmd.command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (cmd.command === 'describe') {
      const d = describeTable(await readFileTable(cmd.file));
      process.stdout.write(cmd.json ? `${JSON.stringify(d)}\n` : describeText(d));
      return 0;
    }
    await runFit(cmd);
    return 0;
  } catch (e) {
    if (isDataError(e)) {
      process.stderr.write(`${oneLine(e.format())}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      const [first, ...more] = e.message.split('\n');
      process.stderr.write(`error: ${first}\n${more.length ? `${more.join('\n')}\n` : ''}`);
      return 2;
    }
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`internal error: ${oneLine(msg)}${process.env.REGX_DEBUG && e instanceof Error ? `\n${e.stack}` : ''}\n`);
    return 1;
  }
}

/** Messages may quote cell text with line breaks; stderr gets exactly one line. */
function oneLine(s: string): string {
  return s.replace(/\r?\n/g, '\\n');
}

// A reader that stops early (`regx path … --json | head`) closes the pipe: stop quietly, no stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
