/**
 * Training options: defaults from settings, merging, the L1/L2 toggle cycle and penalty-factor text.
 * Pure (no 'vscode'; messages through ./l10n), so test/extension-unit can exercise it under node:test.
 */
import type { CvMeasure } from '../core/engine/types';
import type { LambdaRule, Penalty, TrainOptions } from '../protocol/messages';
import type { ColumnInfo, Family, FamilyChoice } from '../core/data/types';
import * as l10n from './l10n';

/** The settings that seed a new dataset's options (contributes.configuration regExplorer.*). */
export interface OptionSettings {
  defaultAlpha: number;
  family: FamilyChoice;
  folds: number;
  measure: CvMeasure | 'default';
  lambdaRule: 'min' | '1se';
}

export function defaultOptions(s: OptionSettings): TrainOptions {
  return {
    target: null,
    family: s.family,
    alpha: clamp01(s.defaultAlpha),
    exclude: [],
    penaltyFactor: {},
    standardize: true,
    intercept: true,
    nfolds: Math.min(50, Math.max(3, Math.round(s.folds))),
    measure: s.measure,
    lambdaRule: s.lambdaRule,
  };
}

/** Merges a partial update (already checked by isPartialTrainOptions) into a copy of the options. */
export function mergeOptions(base: TrainOptions, patch: Partial<TrainOptions>): TrainOptions {
  const out: TrainOptions = { ...base, exclude: [...base.exclude], penaltyFactor: { ...base.penaltyFactor } };
  for (const [k, v] of Object.entries(patch)) {
    if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  }
  return out;
}

const clamp01 = (a: number) => (Number.isFinite(a) ? Math.min(1, Math.max(0, a)) : 1);

export function penaltyOf(alpha: number): Penalty {
  if (alpha >= 1) return 'lasso';
  if (alpha <= 0) return 'ridge';
  return 'elasticnet';
}

/** The α a penalty stands for; elastic net keeps the current mix when it already is one, else `mix`. */
export function alphaFor(penalty: Penalty, currentAlpha: number, mix = 0.5): number {
  if (penalty === 'lasso') return 1;
  if (penalty === 'ridge') return 0;
  return currentAlpha > 0 && currentAlpha < 1 ? currentAlpha : mix;
}

/** Toggle L1/L2: lasso → ridge → elastic net → lasso. Returns the new α. */
export function nextPenaltyAlpha(alpha: number, mix = 0.5): number {
  const next: Record<Penalty, Penalty> = { lasso: 'ridge', ridge: 'elasticnet', elasticnet: 'lasso' };
  const m = mix > 0 && mix < 1 ? mix : 0.5;
  return alphaFor(next[penaltyOf(alpha)], alpha, m);
}

/** "name=factor, …" for the factors that differ from 1 (the input box's prefill). */
export function formatPenaltyFactors(pf: Record<string, number>, features: readonly string[]): string {
  return features.filter((f) => pf[f] !== undefined && pf[f] !== 1).map((f) => `${f}=${pf[f]}`).join(', ');
}

/**
 * Parses "name=factor, …" (names as in the header; factors ≥ 0, 0 = never penalized).
 * Returns the factors or a readable error naming the bad part.
 */
export function parsePenaltyFactors(text: string, features: readonly string[]): { ok: true; value: Record<string, number> } | { ok: false; error: string } {
  const value: Record<string, number> = {};
  const known = new Set(features);
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p.length > 0)) {
    const eq = part.lastIndexOf('=');
    if (eq <= 0) return { ok: false, error: l10n.t('"{0}" is not name=factor', part) };
    const name = part.slice(0, eq).trim();
    const factor = Number(part.slice(eq + 1).trim());
    if (!known.has(name)) return { ok: false, error: l10n.t('"{0}" is not one of the chosen features', name) };
    if (!Number.isFinite(factor) || factor < 0 || part.slice(eq + 1).trim() === '') return { ok: false, error: l10n.t('the factor for "{0}" must be a number ≥ 0', name) };
    value[name] = factor;
  }
  return { ok: true, value };
}

export const ruleLabel: Record<LambdaRule, string> = { min: 'λ.min', '1se': 'λ.1se', manual: 'chosen λ' };

/** What is known about a dataset when its family choice is resolved (a Session's fields). */
export interface FamilyContext {
  /** The target in the options, else the guessed one. */
  target: string | null;
  columns: readonly ColumnInfo[];
  /** The current model: its target and the family it was fitted with. */
  model?: { target: string; family: Family };
}

/**
 * The family a choice stands for, as frame.ts resolves `auto`: a text or true/false target is
 * binomial; a numeric one is binomial only with exactly two values, which only a binomial model of
 * the same target tells (columns do not count numeric values), so it reads as gaussian otherwise.
 */
export function resolveFamily(choice: FamilyChoice, ctx: FamilyContext): Family {
  if (choice !== 'auto') return choice;
  const target = ctx.target ?? ctx.model?.target ?? null;
  if (ctx.model && ctx.model.target === target && ctx.model.family === 'binomial') return 'binomial';
  const col = ctx.columns.find((c) => c.name === target);
  if (col && (col.type === 'categorical' || col.type === 'boolean' || col.type === 'identifier')) return 'binomial';
  return 'gaussian';
}

/**
 * The CV measure to keep when the family is set to `choice` (`auto` resolved with `ctx`):
 * misclassification and AUC exist only for binomial models, so a gaussian fit resets them to the
 * default (it would otherwise skip cross-validation with a warning).
 */
export function measureForFamily(choice: FamilyChoice, measure: CvMeasure | 'default', ctx: FamilyContext): CvMeasure | 'default' {
  return resolveFamily(choice, ctx) === 'gaussian' && (measure === 'class' || measure === 'auc') ? 'default' : measure;
}

/**
 * Penalty factors as the engine looks them up: by model feature, and a categorical column becomes one
 * 0/1 feature per level named `<column>_<level>` (frame.ts). A factor given for such a column is copied
 * to each of its level features (a factor named for a level itself wins), so "supp=0" keeps supp_OJ and
 * supp_VC unpenalized instead of being ignored.
 */
export function expandPenaltyFactors(pf: Record<string, number>, columns: readonly { name: string; type: string; levels?: string[] }[]): Record<string, number> {
  const out = { ...pf };
  for (const c of columns) {
    if (c.type !== 'categorical' || pf[c.name] === undefined) continue;
    for (const level of c.levels ?? []) out[`${c.name}_${level}`] ??= pf[c.name];
  }
  return out;
}
