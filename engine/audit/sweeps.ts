/**
 * Detection-error trade-off (DET) curves: each audited rule is run live at several settings of
 * its main threshold alongside the rule itself (the rules do not act on the simulated city in an
 * audit, so the variants see exactly the same events), and each setting gives one point,
 * probability of miss against false alarms per hour (Martin et al. 1997, "The DET curve in
 * assessment of detection task performance", the plot of the NIST evaluations).
 *
 * The threshold swept, by preference: the first `gt`/`gte` condition's value (density over 4,
 * speed over 3 m/s, nobody within 5 m); else the dwell of a persistence rule (`forS`), the count
 * of a count rule (`minCount`) or the change of a change rule (`by`); else the first `lt`/`lte`
 * condition's value, else the minimum confidence of the events it selects. Each is multiplied by SWEEP_FACTORS (counts rounded, at least 1). Sequence
 * rules are not swept. Variant ids are `RULE~K` (K the factor's index).
 */
import type { RuleSetSpec, RuleSpec } from '../rules/RuleSet.ts';

export const SWEEP_FACTORS = [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4];
export const VARIANT_MARK = '~';

/** One setting of a rule's swept threshold. */
export interface SweepVariant {
  id: string;
  rule: string;
  /** What was swept (`condition.speedMps`, `forS`, `minCount`, `by`) and its value. */
  parameter: string;
  factor: number;
  value: number;
  spec: RuleSpec;
}

/** The variants of a rule (none when it has no threshold to sweep). */
export function sweepVariants(rule: RuleSpec): SweepVariant[] {
  if (rule.kind === 'sequence') return [];
  const conditions = rule.condition ?? [];
  const numeric = (ops: string[]) => conditions.findIndex((c) => ops.includes(c.op) && typeof c.value === 'number' && c.value !== 0);
  let target: { parameter: string; base: number; apply: (spec: RuleSpec, value: number) => void; integer: boolean } | null = null;
  const strict = numeric(['gt', 'gte']);
  const loose = numeric(['lt', 'lte']);
  const onCondition = (index: number) => ({
    parameter: `condition.${conditions[index].field}`, base: conditions[index].value as number, integer: false,
    apply: (spec: RuleSpec, value: number) => {
      spec.condition = conditions.map((c, k) => (k === index ? { ...c, value } : c));
    },
  });
  if (strict >= 0) target = onCondition(strict);
  else if (rule.kind === 'persistence' && (rule.forS ?? 0) > 0) target = { parameter: 'forS', base: rule.forS!, integer: false, apply: (spec, value) => (spec.forS = value) };
  else if (rule.kind === 'count' && rule.minCount !== undefined) target = { parameter: 'minCount', base: rule.minCount, integer: true, apply: (spec, value) => (spec.minCount = value) };
  else if (rule.kind === 'change' && rule.by !== undefined) target = { parameter: 'by', base: rule.by, integer: false, apply: (spec, value) => (spec.by = value) };
  else if (loose >= 0) target = onCondition(loose);
  else if (rule.match?.minConfidence !== undefined && rule.match.minConfidence > 0) {
    target = { parameter: 'match.minConfidence', base: rule.match.minConfidence, integer: false, apply: (spec, value) => (spec.match = { ...rule.match, minConfidence: Math.min(1, value) }) };
  }
  if (target === null) return [];
  const seen = new Set<number>();
  const variants: SweepVariant[] = [];
  SWEEP_FACTORS.forEach((factor, k) => {
    const raw = target.base * factor;
    const value = target.integer ? Math.max(1, Math.round(raw)) : Math.round(raw * 1e6) / 1e6;
    if (seen.has(value)) return;
    seen.add(value);
    const spec: RuleSpec = { ...rule, id: `${rule.id}${VARIANT_MARK}${k}` };
    target.apply(spec, value);
    variants.push({ id: spec.id, rule: rule.id, parameter: target.parameter, factor, value, spec });
  });
  return variants;
}

/** The rule set with the sweep variants of `rules` added after the original rules. */
export function withSweepVariants(ruleSet: RuleSetSpec, rules: readonly string[]): { ruleSet: RuleSetSpec; variants: SweepVariant[] } {
  const variants = ruleSet.rules.filter((rule) => rules.includes(rule.id) && rule.enabled !== false).flatMap(sweepVariants);
  return { ruleSet: { ...ruleSet, rules: [...ruleSet.rules, ...variants.map((variant) => variant.spec)] }, variants };
}
