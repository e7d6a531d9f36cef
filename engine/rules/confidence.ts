/**
 * The confidence of an alert, from its triggering events' confidences (an event without one
 * counts as 1) and the rule's weight w (default 1):
 *   mean     w · (Σ cᵢ) / n        repeated observations of one situation (count, persistence, change);
 *   min      w · min cᵢ            the weakest link;
 *   max      w · max cᵢ            the best single observation;
 *   product  w · Π cᵢ              independent facts that must all be true (sequence steps);
 *   noisyOr  w · (1 − Π (1 − cᵢ))  independent detections of one fact, any of which suffices.
 * Defaults: product for sequences, mean otherwise. The result is rounded to 4 decimals so that the
 * alert's JSON does not depend on the last bits of a sum.
 */
import type { ConfidenceSpec } from './RuleSet.ts';

/** Combines confidences in [0, 1] per `spec`; `fallback` is the kind's default combination. */
export function combineConfidence(values: readonly number[], spec: ConfidenceSpec | undefined, fallback: 'mean' | 'product'): number {
  const combine = spec?.combine ?? fallback;
  const weight = spec?.weight ?? 1;
  if (values.length === 0) return round4(weight);
  let result: number;
  switch (combine) {
    case 'mean': {
      let sum = 0;
      for (const value of values) sum += value;
      result = sum / values.length;
      break;
    }
    case 'min':
      result = Math.min(...values);
      break;
    case 'max':
      result = Math.max(...values);
      break;
    case 'product':
      result = values.reduce((product, value) => product * value, 1);
      break;
    case 'noisyOr':
      result = 1 - values.reduce((product, value) => product * (1 - value), 1);
      break;
  }
  return round4(weight * result);
}

function round4(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
