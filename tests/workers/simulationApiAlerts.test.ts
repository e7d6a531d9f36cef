/**
 * The simulation API's live rules (`load` with a rules file) and its `alerts` feed, as the
 * browser's alert panel reads them: the scripted fall in the audit park raises a person-on-ground
 * alert where it lies; alerts are paged from a position; a bad rules file is reported, not thrown.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulationApi } from '../../workers/simulationApi.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const PARK = readFileSync(resolve(ROOT, 'scenarios/audit-park.json'), 'utf8');
const RULES = readFileSync(resolve(ROOT, 'scenarios/rules/safe-city-templates.json'), 'utf8');

describe('alerts on the simulation API', () => {
  it('raises the scripted fall\'s alert where it lies, and pages the alerts from a position', () => {
    const api = createSimulationApi({ nowMs: () => 0 });
    expect(api.load(PARK, 'scenarios/audit-park.json', undefined, { text: RULES, fileName: 'safe-city-templates.json' }).ok).toBe(true);
    api.step(Math.round(90 / 0.05));
    const { total, alerts } = api.alerts(0, 10_000);
    expect(total).toBe(alerts.length);
    expect(alerts.map((alert) => alert.index)).toEqual(alerts.map((_alert, k) => k));
    const atTheFall = alerts.filter((alert) => alert.rule === 'person-on-ground' && alert.timeS >= 60 && Math.hypot((alert.x ?? 1e9) - 35, (alert.y ?? 1e9) - 30) <= 3);
    expect(atTheFall.length).toBeGreaterThan(0);
    // From a position: the rest, at most `max`.
    const page = api.alerts(total - 3, 2);
    expect(page.alerts.map((alert) => alert.index)).toEqual([total - 3, total - 2]);
    expect(api.alerts(total).alerts).toEqual([]);
  });

  it('reports a bad rules file as a load problem', () => {
    const api = createSimulationApi({ nowMs: () => 0 });
    const result = api.load(PARK, 'scenarios/audit-park.json', undefined, { text: '{"rules": [{"id": "x"}]}', fileName: 'bad-rules.json' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('bad-rules.json');
  });
});
