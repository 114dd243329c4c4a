/**
 * Last step between a compiled Vega-Lite spec and vega-embed: Vega-Lite names a unit's marks
 * `<unit name>_marks`; the E2E tests and the export code look for a mark named exactly
 * `lambda_rule` (HOOKS.md), so that mark is renamed. Works on the plain JSON of a Vega spec.
 */
import { LAMBDA_RULE } from './common';

interface MarkLike { name?: string; marks?: MarkLike[] }

/** Renames `lambda_rule_marks` to `lambda_rule` in place (at any depth) and returns the spec. */
export function finalizeVegaSpec<T extends { marks?: unknown[] }>(spec: T): T {
  const visit = (marks: MarkLike[] | undefined): void => {
    for (const m of marks ?? []) {
      if (m.name === `${LAMBDA_RULE}_marks`) m.name = LAMBDA_RULE;
      visit(m.marks);
    }
  };
  visit(spec.marks as MarkLike[] | undefined);
  return spec;
}
