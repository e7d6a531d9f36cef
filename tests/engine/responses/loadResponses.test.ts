/**
 * Malformed responses are refused at load time with a RulesError whose lines name the file, the
 * path to the field and the response (issue 5: "rejected with a clear error naming the rule and
 * field"); valid ones load, and are checked against the scenario they will run on.
 */
import { describe, expect, it } from 'vitest';
import schema from '../../../scenarios/responses.schema.json';
import { validateScenario } from '../../../engine/index.ts';
import { loadResponses } from '../../../engine/responses/loadResponses.ts';
import { loadRules } from '../../../engine/rules/loadRules.ts';
import { RulesError } from '../../../engine/rules/RulesError.ts';
import { gunshotRules } from './controlWorld.ts';

const SCENARIO = validateScenario({
  name: 'checks', seed: 1, durationS: 60,
  geometry: { walkable: [[[0, 0], [20, 0], [20, 10], [0, 10]]], exits: [{ id: 'west', polygon: [[-0.3, 4], [0, 4], [0, 6], [-0.3, 6]] }] },
  traffic: {
    roads: { nodes: [[0, -50], [100, -50]], links: [{ from: 0, to: 1 }] },
    closures: [{ id: 'bollards', kind: 'bollard', links: [0], fromS: 1000 }],
    signals: [{ node: 1 }],
  },
  sensors: { cameras: [{ id: 'ptz', kind: 'ptz', at: [10, 20], headingDeg: 180 }, { id: 'fixed', at: [0, 20], headingDeg: 180 }] },
}, 'checks.json');

/** The problems of a rules file's responses, as `PATH: MESSAGE` lines (the file name checked once). */
function problems(responses: object[], zones: object[] = []): string[] {
  const text = JSON.stringify(gunshotRules(responses, zones));
  try {
    loadResponses(loadRules(text, 'rules.json'), 'rules.json', SCENARIO);
  } catch (error) {
    expect(error).toBeInstanceOf(RulesError);
    const lines = (error as RulesError).message.split('\n');
    for (const line of lines) expect(line.startsWith('rules.json: ')).toBe(true);
    return lines.map((line) => line.slice('rules.json: '.length));
  }
  return [];
}

const ok = (actions: object[], extra: object = {}) => [{ id: 'r', on: { rule: 'gunshot' }, actions, ...extra }];

describe('loading responses', () => {
  it('accepts every action kind on a scenario that has their targets', () => {
    expect(problems(ok([
      { action: 'closure.set', closure: 'bollards', active: true }, { action: 'signal.allRed', signal: 0 }, { action: 'signal.forcePhase', signal: 0, phase: 1 },
      { action: 'signal.resume', signal: 0 }, { action: 'dispatch', team: 'police', base: 0, vehicleClass: 'emergency' }, { action: 'camera.point', camera: 'ptz' },
      { action: 'exit.close', exit: 'west' }, { action: 'exit.open', exit: 'west' }, { action: 'publicAddress', zone: 'z', goal: ['west'] },
    ], { delayS: 3, operator: { takesS: 10, confirmProbability: 0.9 }, limits: { maxActivations: 2, perS: 60, keepOneExitOpen: true } }), [{ id: 'z', polygon: [[0, 0], [5, 0], [5, 5]] }])).toEqual([]);
  });

  it('names the file, the field and the response for schema problems, with suggestions', () => {
    expect(problems([{ id: 'close', on: { rule: 'gunshot', zon: 'a' }, actions: [{ action: 'closure.set', closur: 'bollards' }, { action: 'explode' }], delayS: -1 }])).toEqual([
      'responses[0].on.zon: response "close": unknown field "zon", did you mean "zone"?',
      'responses[0].delayS: response "close": expected a number >= 0, got -1',
      'responses[0].actions[0].closur: response "close": unknown field "closur", did you mean "closure"?',
      expect.stringMatching(/^responses\[0\]\.actions\[1\]\.action: response "close": expected one of "closure\.set", .*, got "explode"$/),
    ]);
    expect(problems([{ id: 'r', on: { rule: 'gunshot' }, operator: { takesS: 5, confirmProbability: 1.5 }, actions: [] }])).toEqual([
      'responses[0].operator.confirmProbability: response "r": expected a number <= 1, got 1.5',
      'responses[0].actions: response "r": expected at least 1 item, got 0',
    ]);
  });

  it('names unknown rules, zones and targets, and fields that do not apply to an action', () => {
    expect(problems([
      { id: 'a', on: { rule: 'gunshots', zone: 'plaza' }, limits: { maxActivations: 2 }, actions: [{ action: 'closure.set', closure: 'bolards' }, { action: 'camera.point', camera: 'fixed', level: 1 }] },
      { id: 'a', on: { rule: 'gunshot' }, actions: [{ action: 'signal.forcePhase', signal: 3 }, { action: 'lights.set', lights: ['l1'], level: 0.5 }, { action: 'publicAddress', zone: 'hall', goal: 'east' }, { action: 'dispatch', team: 'p', base: 7 }] },
    ])).toEqual([
      'responses[0].on.rule: response "a": unknown rule "gunshots", did you mean "gunshot"?',
      'responses[0].on.zone: response "a": unknown zone "plaza"',
      'responses[0].limits.perS: response "a": maxActivations and perS go together (at most N activations per T seconds)',
      'responses[0].actions[0].closure: response "a": unknown closure "bolards", did you mean "bollards"?',
      'responses[0].actions[1].level: response "a": "level" does not apply to "camera.point" (it takes camera)',
      'responses[0].actions[1].camera: response "a": camera "fixed" is fixed: only a PTZ camera turns',
      'responses[1].id: response "a": duplicate response id "a"',
      'responses[1].actions[0].phase: response "a": "signal.forcePhase" needs "phase"',
      'responses[1].actions[1].lights[0]: response "a": unknown street light "l1" (the scenario has no sensors.lighting.streetLights)',
      'responses[1].actions[2].zone: response "a": unknown zone "hall": a public address needs a zone drawn in the rules file',
      'responses[1].actions[2].goal: response "a": unknown exit "east" (known: west)',
      'responses[1].actions[3].base: response "a": unknown road node 7 (known: the indices of traffic.roads.nodes, 0 to 1)',
    ]);
  });

  it('checks the targets only when given the scenario (a replay has none)', () => {
    const ruleSet = loadRules(JSON.stringify(gunshotRules(ok([{ action: 'closure.set', closure: 'anything' }]))), 'rules.json');
    expect(loadResponses(ruleSet, 'rules.json').length).toBe(1);
    expect(() => loadResponses(ruleSet, 'rules.json', SCENARIO)).toThrow(RulesError);
  });

  it('gives every property of the responses schema a description', () => {
    const undescribed: string[] = [];
    const visit = (node: unknown, path: string) => {
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      for (const [key, child] of Object.entries((record.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        if (typeof child.description !== 'string') undescribed.push(`${path}.${key}`);
        visit(child, `${path}.${key}`);
      }
      if (record.items) visit(record.items, `${path}[]`);
    };
    visit(schema, 'responses');
    expect(undescribed).toEqual([]);
  });
});
