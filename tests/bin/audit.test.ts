/**
 * `vigie audit`: the bundled park example audited over seeds in worker threads; the same figures
 * with one worker or two, audit.json and alarms.csv written; bad input refused with exit code 2
 * and nothing written.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, vigie } from './support/vigie.ts';

const PARK = 'scenarios/audit-park.json';
let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'vigie-audit-'));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('vigie audit', () => {
  it('gives the same audit with one worker and with two, and writes audit.json and alarms.csv', () => {
    const one = vigie('audit', PARK, '--runs', '3', '--workers', '1', '--out', join(work, 'one'));
    const two = vigie('audit', PARK, '--runs', '3', '--workers', '2', '--out', join(work, 'two'));
    expect(one.status, one.stderr).toBe(0);
    expect(two.status, two.stderr).toBe(0);
    const a = JSON.parse(readFileSync(join(work, 'one', 'audit.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(work, 'two', 'audit.json'), 'utf8'));
    expect(a.workers).toBe(1);
    expect(b.workers).toBe(2);
    expect(JSON.stringify(b.score)).toBe(JSON.stringify(a.score));
    expect(readFileSync(join(work, 'two', 'alarms.csv'), 'utf8')).toBe(readFileSync(join(work, 'one', 'alarms.csv'), 'utf8'));
    expect(a.seeds).toEqual([1, 2, 3]);
    expect(a.software.name).toBe('vigie');
    // The park's falls, bag and fire are all found; sitters, sunbathers and joggers are over-flagged.
    expect(a.score.byRule['person-on-ground']).toMatchObject({ incidents: 6, detections: 6 });
    expect(a.score.byRule['fire-smoke']).toMatchObject({ incidents: 3, detections: 3, falseAlarms: 0 });
    expect(a.score.byGroup.sitting.ratioToAverage).toBeGreaterThan(1);
    expect(a.score.byGroup.ordinary.ratioToAverage).toBeLessThan(1);
    const csv = readFileSync(join(work, 'one', 'alarms.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('seed,id,rule,timeS,x,y,outcome,incident,cause,people');
    expect(csv.length - 1).toBe(a.score.system.alarms);
    // The false alarms listed for the viewer's map: all of them here, as in alarms.csv, whatever the workers.
    expect(JSON.stringify(b.falseAlarms)).toBe(JSON.stringify(a.falseAlarms));
    expect(a.falseAlarms).toMatchObject({ total: a.score.system.falseAlarms, leftOut: 0 });
    expect(a.falseAlarms.list.length).toBe(csv.filter((line) => line.includes(',false alarm,')).length);
    expect(one.stdout).toContain('person-on-ground: 6/6 incidents detected');
    // The report: self-contained (no script, no link out), with its plots and the audit's figures.
    const html = readFileSync(join(work, 'one', 'report.html'), 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(3);
    expect(html).not.toMatch(/<script|<link |src="http|href="http/);
    expect(html).toContain(`${a.score.byRule['person-on-ground'].falseAlarms}</td>`);
    expect(html).toContain('Who gets flagged');
  });

  it('refuses a scenario without an audit section, an unknown rule and a bad run count, writing nothing', () => {
    const scenario = JSON.parse(readFileSync(join(ROOT, PARK), 'utf8'));
    const noAudit = join(work, 'no-audit.json');
    writeFileSync(noAudit, JSON.stringify({ ...scenario, audit: undefined, rules: join(ROOT, 'scenarios', scenario.rules) }));
    const missing = vigie('audit', noAudit, '--runs', '2', '--out', join(work, 'x1'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no-audit.json: audit: missing');
    const badRule = join(work, 'bad-rule.json');
    writeFileSync(badRule, JSON.stringify({ ...scenario, audit: { rules: { 'person-on-gruond': ['fall'] } }, rules: join(ROOT, 'scenarios', scenario.rules) }));
    const unknown = vigie('audit', badRule, '--runs', '2', '--out', join(work, 'x2'));
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('audit.rules.person-on-gruond: no rule "person-on-gruond"');
    expect(unknown.stderr).toContain('did you mean "person-on-ground"');
    const zero = vigie('audit', PARK, '--runs', '0', '--out', join(work, 'x3'));
    expect(zero.status).toBe(2);
    expect(zero.stderr).toContain('--runs: expected a positive integer');
    for (const dir of ['x1', 'x2', 'x3']) expect(existsSync(join(work, dir))).toBe(false);
    expect(`${missing.stderr}${unknown.stderr}${zero.stderr}`).not.toContain('    at ');
  });
});
