/**
 * Shared by the response tests: a gunshot rule, a control loop attached to a world as `vigie run
 * --rules` attaches it, heard gunshots injected into the world's event log (as an acoustic
 * sensor would log them), and stepping with actions at given times.
 */
import { stepWorld, type World } from '../../../engine/index.ts';
import type { VigieEvent } from '../../../engine/events/VigieEvent.ts';
import { createControlLoop } from '../../../engine/responses/ControlLoop.ts';
import { loadResponses } from '../../../engine/responses/loadResponses.ts';
import type { ResponseSpec } from '../../../engine/responses/ResponseSet.ts';
import { validateRules } from '../../../engine/rules/loadRules.ts';
import type { RuleSetSpec } from '../../../engine/rules/RuleSet.ts';

export const DETECTED_SOUND = 'tns1:AudioAnalytics/Audio/DetectedSound';

/** A rules file: one alert per gunshot heard (severity high), plus the given zones and responses. */
export function gunshotRules(responses: object[], zones: object[] = []): RuleSetSpec {
  return {
    zones,
    rules: [{
      id: 'gunshot', kind: 'event', severity: 'high', alertSubCategory: 'assault',
      match: { types: [DETECTED_SOUND], where: [{ field: 'class', op: 'eq', value: 'gunshot' }] },
    }],
    responses,
  } as unknown as RuleSetSpec;
}

/** Checks rules and responses against the world's scenario and attaches them; returns the responses. */
export function attachRules(world: World, rules: RuleSetSpec): ResponseSpec[] {
  const ruleSet = validateRules(rules, 'rules.json');
  const responses = loadResponses(ruleSet, 'rules.json', world.scenario);
  world.control = createControlLoop(ruleSet, responses, world.seed);
  return responses;
}

/** Logs a gunshot heard at (x, y) now (the end of the coming step), as a microphone would. */
export function hearGunshot(world: World, xM: number, yM: number): VigieEvent {
  const n = world.eventLog.filter((event) => event.source === 'mic').length + 1;
  const event: VigieEvent = {
    id: `mic#${n}`, category: 'analytic', type: DETECTED_SOUND, source: 'mic', timeS: (world.clock.tick + 1) * world.clock.stepS,
    x: xM, y: yM, confidence: 0.9, data: { class: 'gunshot', levelDb: 130 }, truth: ['incident/1'],
  };
  world.eventLog.push(event);
  return event;
}

/** Steps until `untilS` (or the run's end), calling `at[s]` just before the step that ends at s seconds. */
export function runTo(world: World, untilS: number, at: Record<number, () => void> = {}, afterStep?: () => void): void {
  const stepS = world.clock.stepS;
  const due = new Map(Object.entries(at).map(([s, f]) => [Math.round(Number(s) / stepS) - 1, f]));
  while (world.clock.tick * stepS < untilS - 1e-9 && world.clock.tick < world.durationTicks) {
    due.get(world.clock.tick)?.();
    stepWorld(world);
    afterStep?.();
  }
}

/** The events of the log of a category (and type). */
export function logged(world: World, category: VigieEvent['category'], type?: string): VigieEvent[] {
  return world.eventLog.filter((event) => event.category === category && (type === undefined || event.type === type));
}
