/**
 * Loading rules: the schema and the semantic checks refuse malformed rules with a `RulesError`
 * whose lines are `FILE: PATH: MESSAGE` and name the rule and the field.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../../engine/rules/loadRules.ts';
import { RulesError, type RulesProblem } from '../../../engine/rules/RulesError.ts';
import { EVENT_CATALOG } from '../../../engine/rules/eventCatalog.ts';
import { templates } from './eventStreams.ts';

const FILE = 'rules.json';

function problemsOf(spec: unknown, options = {}): RulesProblem[] {
  try {
    loadRules(typeof spec === 'string' ? spec : JSON.stringify(spec), FILE, options);
  } catch (error) {
    expect(error).toBeInstanceOf(RulesError);
    expect((error as RulesError).message.split('\n')).toEqual((error as RulesError).problems.map((p) => `${FILE}: ${p.path}: ${p.message}`));
    return (error as RulesError).problems;
  }
  return [];
}

const density = {
  id: 'crowd',
  kind: 'persistence',
  severity: 'high',
  match: { types: ['CrowdFlowObserved'] },
  zones: ['square'],
  condition: [{ field: 'densityPerM2', op: 'gt', value: 4 }],
  forS: 30,
};
const zones = [{ id: 'square', polygon: [[0, 0], [40, 0], [40, 30], [0, 30]] }];

describe('loadRules', () => {
  it('loads the templates and a minimal rule set', () => {
    expect(templates().rules.length).toBe(17);
    expect(problemsOf({ zones, rules: [density] })).toEqual([]);
  });

  it('refuses an unknown field of a rule, naming the rule and suggesting the right one', () => {
    expect(problemsOf({ zones, rules: [{ ...density, windwS: 3 }] })).toEqual([
      { path: 'rules[0].windwS', message: 'rule "crowd": unknown field "windwS", did you mean "windowS"?' },
    ]);
  });

  it('refuses a data field the selected event type does not carry', () => {
    const [problem] = problemsOf({ zones, rules: [{ ...density, condition: [{ field: 'densityPerM3', op: 'gt', value: 4 }] }] });
    expect(problem.path).toBe('rules[0].condition[0].field');
    expect(problem.message).toBe('rule "crowd": unknown field "densityPerM3": events of type CrowdFlowObserved carry no such data field (did you mean "densityPerM2"?)');
  });

  it('refuses a field that does not apply to the rule kind', () => {
    expect(problemsOf({ zones, rules: [{ ...density, windowS: 10 }] })[0]).toEqual({
      path: 'rules[0].windowS',
      message: 'rule "crowd": "windowS" does not apply to a persistence rule (it takes match, forS, zones, condition, maxGapS)',
    });
  });

  it('refuses a bad zone id, and accepts a zone the scenario defines', () => {
    expect(problemsOf({ zones, rules: [{ ...density, zones: ['sqare'] }] })).toEqual([
      { path: 'rules[0].zones[0]', message: 'rule "crowd": unknown zone "sqare", did you mean "square"?' },
    ]);
    expect(problemsOf({ rules: [{ ...density, zones: ['platform'] }] })[0].message).toBe('rule "crowd": unknown zone "platform" (the rules file and the scenario define no zones)');
    expect(problemsOf({ rules: [{ ...density, zones: ['platform'] }] }, { zoneIds: ['platform'] })).toEqual([]);
  });

  it('refuses a cyclic sequence, naming the chain of rules', () => {
    const sequence = (id: string, after: string) => ({ id, kind: 'sequence', severity: 'low', withinS: 60, steps: [{ rule: after }, { match: { types: ['WaterObserved'] } }] });
    const problems = problemsOf({ rules: [sequence('a', 'b'), sequence('b', 'c'), sequence('c', 'a')] });
    expect(problems).toEqual([{ path: 'rules[0].steps[0].rule', message: 'rule "a": cyclic sequence: "a" -> "b" -> "c" -> "a" (a sequence may not wait for its own alerts)' }]);
    expect(problemsOf({ rules: [sequence('self', 'self')] })[0].message).toContain('cyclic sequence: "self" -> "self"');
  });

  it('refuses negative or zero windows and durations', () => {
    const count = { id: 'n', kind: 'count', severity: 'low', match: {}, windowS: -5, minCount: 0, suppressS: -1 };
    expect(problemsOf({ rules: [count] })).toEqual([
      { path: 'rules[0].windowS', message: 'rule "n": expected a duration or rate > 0, got -5' },
      { path: 'rules[0].suppressS', message: 'rule "n": expected a number >= 0, got -1' },
      { path: 'rules[0].minCount', message: 'rule "n": expected an integer >= 1, got 0' },
    ]);
    expect(problemsOf({ rules: [{ ...density, zones: undefined, forS: -1 }] })[0]).toEqual({ path: 'rules[0].forS', message: 'rule "crowd": expected a number >= 0, got -1' });
  });

  it('refuses a step that names an unknown rule, and duplicate rule ids', () => {
    const problems = problemsOf({
      rules: [
        { id: 'x', kind: 'event', severity: 'low', match: {} },
        { id: 'x', kind: 'sequence', severity: 'low', withinS: 5, steps: [{ rule: 'y' }, { match: {} }] },
      ],
    });
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'rules[1].id: rule "x": duplicate rule id "x" (also rules[0])',
      'rules[1].steps[0].rule: rule "x": unknown rule "y", did you mean "x"?',
    ]);
  });

  it('refuses a condition whose value does not fit its operator, and a self-crossing zone', () => {
    const problems = problemsOf({
      zones: [{ id: 'bow', polygon: [[0, 0], [10, 10], [10, 0], [0, 10]] }],
      rules: [{ id: 'q', kind: 'event', severity: 'low', match: { where: [{ field: 'speedMps', op: 'gt', value: 'fast' }] } }],
    });
    expect(problems).toEqual([
      { path: 'zones[0].polygon', message: 'the polygon crosses itself (edges 0 and 2)' },
      { path: 'rules[0].match.where[0].value', message: 'rule "q": "gt" needs a number, got "fast"' },
    ]);
  });

  it('reports schema errors with plain messages and JSON syntax errors with line and column', () => {
    expect(problemsOf({ rules: [{ id: 'r', kind: 'threshold', severity: 'loud' }] })).toEqual([
      { path: 'rules[0].kind', message: 'rule "r": expected one of "event", "count", "persistence", "change", "sequence", got "threshold"' },
      { path: 'rules[0].severity', message: 'rule "r": expected one of "informational", "low", "medium", "high", "critical", got "loud"' },
    ]);
    expect(problemsOf('{\n  "rules": [,]\n}')).toEqual([{ path: '(root)', message: expect.stringMatching(/^not valid JSON at line 2, column 13: /) }]);
    expect(problemsOf('')).toEqual([{ path: '(root)', message: 'the file is empty; expected a JSON object' }]);
  });

  it('gives every property of the rules schema a description', () => {
    const schema = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../scenarios/rules.schema.json'), 'utf8'));
    const missing: string[] = [];
    const visit = (node: unknown, path: string) => {
      if (typeof node !== 'object' || node === null) return;
      const object = node as Record<string, unknown>;
      if (typeof object.properties === 'object' && object.properties !== null) {
        for (const [key, child] of Object.entries(object.properties)) {
          const described = typeof (child as Record<string, unknown>).description === 'string' || typeof (child as Record<string, unknown>).$ref === 'string';
          if (!described) missing.push(`${path}.${key}`);
        }
      }
      for (const [key, child] of Object.entries(object)) visit(child, `${path}.${key}`);
    };
    visit(schema, '(schema)');
    expect(missing).toEqual([]);
  });

  it('catalogues each input event type with described fields', () => {
    for (const [type, spec] of Object.entries(EVENT_CATALOG)) {
      expect(Object.keys(spec.fields).length, type).toBeGreaterThan(0);
      for (const description of Object.values(spec.fields)) expect(description.length).toBeGreaterThan(5);
    }
  });
});
