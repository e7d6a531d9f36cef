/**
 * `vigie replay`: re-runs rules on a recorded event log, writes alerts.jsonl (the same alerts as
 * the engine gives on the same events), says whether they match the alerts recorded in the log,
 * and refuses bad input with exit code 2, `FILE: PATH: MESSAGE` lines and nothing written.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runRules } from '../../engine/rules/RuleEngine.ts';
import type { VigieEvent } from '../../engine/events/VigieEvent.ts';
import { Stream, TEMPLATES_PATH, templates, times } from '../engine/rules/eventStreams.ts';
import { vigie } from './support/vigie.ts';

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'vigie-replay-'));
});
afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

/** A recorded stream where several templates fire: a dense square, a runner, a lying person. */
function recordedEvents(): VigieEvent[] {
  const s = new Stream();
  for (const t of times(0, 60, 5)) s.crowd(t, 'square', { densityPerM2: 4.6, peopleCount: 1200 });
  for (const t of times(0, 15, 0.5)) s.track(t, 'p1', 'person', 10 + 4 * t, 20, { speedMps: 4, posture: 'standing' });
  for (const t of times(20, 40, 0.5)) s.track(t, 'p2', 'person', 30, 20, { speedMps: 0, posture: 'lying' });
  return s.events();
}

function writeLog(events: VigieEvent[]): string {
  const path = join(work, 'events.jsonl');
  writeFileSync(path, events.map((event) => `${JSON.stringify(event)}\n`).join(''));
  return path;
}

describe('vigie replay', () => {
  it('writes the alerts the rules give on the log and prints a summary per rule', () => {
    const events = recordedEvents();
    const out = join(work, 'out');
    const run = vigie('replay', writeLog(events), '--rules', TEMPLATES_PATH, '--out', out);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const expected = runRules(templates(), events).alerts;
    expect(expected.map((alert) => alert.source).sort()).toEqual(['crowd-density', 'person-on-ground', 'running']);
    expect(readFileSync(join(out, 'alerts.jsonl'), 'utf8')).toBe(expected.map((alert) => `${JSON.stringify(alert)}\n`).join(''));
    expect(run.stdout).toMatch(/^replayed .*events\.jsonl: \d+ events, 3 alerts$/m);
    expect(run.stdout).toMatch(/^ {2}crowd-density +1$/m);
    expect(run.stdout).toMatch(/events\/s\)$/m);
    expect(run.stdout).toMatch(/^wrote .*alerts\.jsonl \(3 alerts\)$/m);
  });

  it('says the replay is identical to the alerts recorded in a live log, and when it is not', () => {
    const events = recordedEvents();
    const alerts = runRules(templates(), events).alerts;
    const live = [...events, ...alerts].sort((a, b) => a.timeS - b.timeS);
    const identical = vigie('replay', writeLog(live), '--rules', TEMPLATES_PATH, '--out', join(work, 'a'));
    expect(identical.status).toBe(0);
    expect(identical.stdout).toContain('identical to the 3 alerts recorded in the log');
    const tampered = live.map((event) => (event.id === alerts[1].id ? { ...event, confidence: 0.1 } : event));
    const differs = vigie('replay', writeLog(tampered), '--rules', TEMPLATES_PATH, '--out', join(work, 'b'), '--quiet');
    expect(differs.status).toBe(0);
    expect(differs.stdout).toBe('');
    const again = vigie('replay', writeLog(tampered), '--rules', TEMPLATES_PATH, '--out', join(work, 'b'));
    expect(again.stdout).toContain('differs from the 3 alerts recorded in the log (first difference: alert 2)');
  });

  it('refuses bad log lines with their line numbers, no stack trace and nothing written', () => {
    const log = join(work, 'bad.jsonl');
    const good = JSON.stringify(recordedEvents()[0]);
    writeFileSync(log, `${good}\n{"id": "x"\n\n${JSON.stringify({ ...recordedEvents()[1], timeS: 'soon' })}\n`);
    const out = join(work, 'out');
    const run = vigie('replay', log, '--rules', TEMPLATES_PATH, '--out', out);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/bad\.jsonl: line 2: not valid JSON: /),
      `${log}: line 4: expected "timeS" to be a finite number of seconds, got "soon"`,
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses malformed rules naming the file, the rule and the field', () => {
    const rules = join(work, 'rules.json');
    writeFileSync(rules, JSON.stringify({ rules: [{ id: 'dense', kind: 'persistence', severity: 'high', match: { types: ['CrowdFlowObserved'] }, zones: ['plaza'], forS: 30 }] }));
    const run = vigie('replay', writeLog(recordedEvents()), '--rules', rules, '--out', join(work, 'out'));
    expect(run.status).toBe(2);
    // The log's zone ids count as known zones.
    expect(run.stderr.trim()).toBe(`${rules}: rules[0].zones[0]: rule "dense": unknown zone "plaza" (known: square)`);
    expect(existsSync(join(work, 'out'))).toBe(false);
  });

  it('refuses a missing --rules option and a missing log with one line', () => {
    const noRules = vigie('replay', join(work, 'events.jsonl'));
    expect(noRules.status).toBe(2);
    expect(noRules.stderr).toMatch(/required option '--rules <file>' not specified/);
    const noLog = vigie('replay', join(work, 'nowhere.jsonl'), '--rules', TEMPLATES_PATH, '--out', join(work, 'out'));
    expect(noLog.status).toBe(2);
    expect(noLog.stderr.trim()).toMatch(/nowhere\.jsonl: cannot read the event log: no such file$/);
  });
});
