/**
 * The browser's audit view, its pure parts (the page itself is driven in Chromium by tests/e2e/):
 * an audit.json written by `vigie audit` on the bundled park is read for the view with its
 * figures, DET curves and placed false alarms; its markup escapes what the file says and scales
 * the charts; a file that is not JSON, a summary.json or an audit.json with a field missing or
 * of the wrong kind gives one message naming the file and the place, and nothing throws.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditViewHtml, parseAuditForView, scalableSvg, type AuditView } from '../../viz/audit/auditView.ts';
import { vigie } from '../bin/support/vigie.ts';

const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const FILE = 'audit.json';

let work: string;
let text: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'vigie-audit-view-'));
  // One run in one worker: a few seconds, enough for falls found, sitters flagged and DET curves.
  const run = vigie('audit', 'scenarios/audit-park.json', '--runs', '1', '--workers', '1', '--quiet', '--out', work);
  expect(run.status, run.stderr).toBe(0);
  text = readFileSync(join(work, 'audit.json'), 'utf8');
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** The view of the test's audit.json, or a failed test. */
function viewOf(source: string): AuditView {
  const parsed = parseAuditForView(source, FILE);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.view;
}

/** The message for the test's audit.json changed by `edit`. */
function messageFor(edit: (audit: Record<string, any>) => void, fileName = FILE): string {
  const audit = JSON.parse(text);
  edit(audit);
  const parsed = parseAuditForView(JSON.stringify(audit), fileName);
  expect(parsed.ok).toBe(false);
  return parsed.ok ? '' : parsed.message;
}

describe('parseAuditForView on an audit.json from vigie audit', () => {
  it('reads the header, the per-rule figures, the groups and the DET curves as the file has them', () => {
    const audit = JSON.parse(text);
    const view = viewOf(text);
    expect(view.fileName).toBe(FILE);
    expect(view.scenario).toEqual(audit.scenario);
    expect(view.software).toEqual(audit.software);
    expect(view.seeds).toEqual([1]);
    expect(view.runs).toBe(1);
    expect(view.rules.map((r) => r.rule)).toEqual(Object.keys(audit.score.byRule));
    const fall = view.rules.find((r) => r.rule === 'person-on-ground')!;
    expect(fall).toMatchObject({ incidents: audit.score.byRule['person-on-ground'].incidents, detections: audit.score.byRule['person-on-ground'].detections, misses: 0 });
    expect(fall.falseAlarmsPerHour).toEqual(audit.score.byRule['person-on-ground'].falseAlarmsPerHour);
    // A rule meant for no incident type has no recall: null in the file, NaN in the view.
    expect(audit.score.byRule.running.recall.value).toBeNull();
    expect(view.rules.find((r) => r.rule === 'running')!.recall.value).toBeNaN();
    expect(view.groups.find((g) => g.group === 'sitting')!.ratioToAverage).toBeGreaterThan(1);
    expect(Object.keys(view.det)).toEqual(Object.keys(audit.score.det));
    expect(view.det['person-on-ground'].points.length).toBeGreaterThan(1);
  });

  it('gives every listed false alarm with a place to the map, with its time, rule and cause', () => {
    const audit = JSON.parse(text);
    const view = viewOf(text);
    expect(view.falseAlarmsTotal).toBe(audit.score.system.falseAlarms);
    expect(view.falseAlarmsLeftOut).toBe(0);
    expect(view.falseAlarms.length + view.unplacedFalseAlarms).toBe(audit.score.system.falseAlarms);
    expect(view.falseAlarms.length).toBeGreaterThan(10);
    const rules = new Set(view.rules.map((r) => r.rule));
    for (const point of view.falseAlarms) {
      expect(Number.isFinite(point.x) && Number.isFinite(point.y) && Number.isFinite(point.timeS)).toBe(true);
      expect(rules.has(point.rule)).toBe(true);
      expect(point.cause).not.toBe('');
    }
    // The same false alarms as the alarms.csv beside it, in the same order.
    const csv = readFileSync(join(work, 'alarms.csv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
    const fromCsv = csv.filter((row) => row[6] === 'false alarm').map((row) => `${row[2]} ${Number(row[3])} ${Number(row[4])} ${Number(row[5])} ${row[8]}`);
    expect(view.falseAlarms.map((p) => `${p.rule} ${p.timeS} ${p.x} ${p.y} ${p.cause}`)).toEqual(fromCsv);
  });
});

describe('the audit view markup', () => {
  it('holds the header, one table row per rule and the three charts, scaled to the panel', () => {
    const view = viewOf(text);
    const html = auditViewHtml(view);
    expect(html).toContain('Audit of Audit example: a park on a summer evening');
    expect(html).toContain('vigie 0.1.0');
    expect(html.match(/<tr><td>/g)?.length).toBe(view.rules.length);
    expect(html.match(/<div class="audit-chart"><svg /g)?.length).toBe(3);
    expect(html).toMatch(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 \d+ \d+"/);
    expect(html).not.toMatch(/<svg [^>]*width=/);
    expect(html).toContain(`${view.falseAlarms.length} false alarms on the map`);
  });

  it('escapes the names the file gives, which come from the user', () => {
    const audit = JSON.parse(text);
    audit.scenario.name = '<img src=x onerror=alert(1)>';
    audit.software.version = '"><script>alert(2)</script>';
    audit.score.byRule['<b>bold</b>'] = audit.score.byRule.running;
    audit.score.byGroup['<i>group</i>'] = audit.score.byGroup.sitting;
    audit.score.det['<u>det</u>'] = audit.score.det['person-on-ground'];
    const html = auditViewHtml(viewOf(JSON.stringify(audit)));
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('&lt;i&gt;group&lt;/i&gt;');
    expect(html).toContain('&lt;u&gt;det&lt;/u&gt;');
    expect(html).not.toMatch(/<img|<script|<b>|<i>|<u>/);
  });

  it('leaves a chart builder\'s paragraph as it is', () => {
    expect(scalableSvg('<p>nothing to plot</p>')).toBe('<p>nothing to plot</p>');
  });
});

describe('parseAuditForView on bad input', () => {
  it('says a file that is not JSON is not JSON', () => {
    for (const bad of ['', '{"score": ', 'audit', '<!DOCTYPE html>']) {
      const parsed = parseAuditForView(bad, 'report.html');
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(/^report\.html: \(root\): not JSON \(/);
    }
  });

  it('tells a summary.json or another JSON value from an audit.json', () => {
    const summary = JSON.stringify({ software: { name: 'vigie', version: '0.1.0' }, scenario: { name: 'Fireworks', file: 'scenarios/seafront-fireworks.json' }, scale: 1, seeds: [1407], run: { seed: 1407 } });
    expect(parseAuditForView(summary, 'summary.json')).toEqual({ ok: false, message: 'summary.json: score: expected an object with the audit\'s figures (is this the audit.json written by vigie audit?), got nothing' });
    expect(parseAuditForView('[1, 2]', FILE)).toEqual({ ok: false, message: 'audit.json: (root): expected an object (the audit.json written by vigie audit), got an array' });
    expect(parseAuditForView('null', FILE)).toEqual({ ok: false, message: 'audit.json: (root): expected an object (the audit.json written by vigie audit), got null' });
  });

  it('names the place of a missing or mistyped field', () => {
    expect(messageFor((a) => delete a.score.byRule['person-on-ground'].recall)).toBe('audit.json: score.byRule.person-on-ground.recall: expected an object {value, low, high}, got nothing');
    expect(messageFor((a) => (a.score.byRule = []))).toBe('audit.json: score.byRule: expected an object, got an array');
    expect(messageFor((a) => (a.score.byRule.running.falseAlarmsPerHour.high = 'many'))).toBe('audit.json: score.byRule.running.falseAlarmsPerHour.high: expected a number or null, got "many"');
    expect(messageFor((a) => (a.score.byGroup.sitting.people = -3))).toBe('audit.json: score.byGroup.sitting.people: expected a count (an integer >= 0), got -3');
    expect(messageFor((a) => (a.score.det['person-on-ground'].points[1].value = null))).toBe('audit.json: score.det.person-on-ground.points[1].value: expected a number, got null');
    expect(messageFor((a) => (a.scenario.name = 7))).toBe('audit.json: scenario.name: expected a string, got 7');
    expect(messageFor((a) => (a.seeds = []))).toBe('audit.json: seeds: expected at least one seed, got an empty list');
    expect(messageFor((a) => (a.falseAlarms.list[2].x = '12'))).toBe('audit.json: falseAlarms.list[2].x: expected a number or null, got "12"');
    expect(messageFor((a) => (a.score.byRule['odd rule'] = 1))).toBe('audit.json: score.byRule["odd rule"]: expected an object, got 1');
    expect(messageFor((a) => delete a.falseAlarms, 'old-audit.json')).toBe('old-audit.json: falseAlarms: expected an object listing the false alarms (audit.json from before the list: run vigie audit again), got nothing');
  });

  it('keeps a listed false alarm without a place off the map and counts it', () => {
    const audit = JSON.parse(text);
    audit.falseAlarms.list[0].x = null;
    audit.falseAlarms.list[0].y = null;
    const view = viewOf(JSON.stringify(audit));
    expect(view.unplacedFalseAlarms).toBe(1);
    expect(view.falseAlarms.length).toBe(audit.falseAlarms.list.length - 1);
    expect(auditViewHtml(view)).toContain('1 without a place');
  });

  it('never throws, whatever a field of the file is changed to or whether it is cut short', () => {
    const audit = JSON.parse(text);
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (value !== null && typeof value === 'object') for (const [key, member] of Object.entries(value)) walk(member, [...path, Array.isArray(value) ? Number(key) : key]);
    };
    walk(audit, []);
    fc.assert(
      fc.property(fc.nat(paths.length - 1), fc.option(fc.jsonValue(), { nil: undefined }), fc.nat(text.length), (k, replacement, cut) => {
        const changed = structuredClone(audit);
        const path = paths[k];
        if (path.length === 0) return;
        let parent = changed;
        for (const key of path.slice(0, -1)) parent = parent[key];
        if (replacement === undefined) delete parent[path[path.length - 1]];
        else parent[path[path.length - 1]] = replacement;
        for (const source of [JSON.stringify(changed), text.slice(0, cut)]) {
          const parsed = parseAuditForView(source, FILE);
          if (!parsed.ok) expect(parsed.message.startsWith(`${FILE}: `)).toBe(true);
          else expect(() => auditViewHtml(parsed.view)).not.toThrow();
        }
      }),
      { seed: FUZZ_SEED, numRuns: 300 },
    );
  });
});
