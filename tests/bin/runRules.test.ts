/**
 * `vigie run --rules` (and a scenario's `rules`): the rules and responses run live, events.jsonl
 * holds the observations, alerts, commands and acknowledgements, summary.json lists the
 * responses; `vigie replay` of that log reports identical alerts; malformed responses are refused
 * with exit code 2, `FILE: PATH: MESSAGE` lines naming the response, and nothing written.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VigieEvent } from '../../engine/events/VigieEvent.ts';
import type { RunSummary } from '../../engine/index.ts';
import { ROOT, vigie } from './support/vigie.ts';

const RULES = join(ROOT, 'scenarios/rules/gate-responses.json');

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'vigie-run-rules-'));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** People walking west past a gate camera (with a line), a PTZ camera and a dimmed street light. */
function scenario(extra: object = {}): object {
  const people: [number, number][] = [];
  for (let k = 0; k < 24; k++) people.push([100 + (k % 3) * 1.5, -9 + Math.floor(k / 3) * 2.5]);
  return {
    name: 'gate', seed: 3, durationS: 80, stopWhenEmpty: false, navigation: { cellM: 0.5 },
    geometry: { walkable: [[[0, -60], [160, -60], [160, 60], [0, 60]]], exits: [{ id: 'west', polygon: [[-0.5, -2], [0, -2], [0, 2], [-0.5, 2]] }] },
    pedestrians: [{ id: 'crowd', count: people.length, spawn: { points: people }, desiredSpeedMps: 1.3, goal: 'west' }],
    sensors: {
      cameras: [
        { id: 'gate', at: [60, 15], heightM: 6, headingDeg: 225, fovDeg: 90, lines: [{ id: 'l1', from: [50, -15], to: [50, 15] }] },
        { id: 'ptz', kind: 'ptz', at: [30, 30], heightM: 8, headingDeg: 0, fovDeg: 40, panSpeedDegS: 40 },
      ],
      lighting: { ambientLux: 20, streetLights: [{ id: 'lamp', polygon: [[0, -60], [160, -60], [160, 60], [0, 60]], lux: 30, level: 0.2 }] },
    },
    ...extra,
  };
}

function write(name: string, value: object): string {
  const path = join(work, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

const readLog = (dir: string): VigieEvent[] => readFileSync(join(dir, 'events.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as VigieEvent);

describe('vigie run --rules', () => {
  let out: string;
  let run: ReturnType<typeof vigie>;
  beforeAll(() => {
    out = join(work, 'live');
    run = vigie('run', write('gate.json', scenario()), '--rules', RULES, '--out', out, '--quiet');
  });

  it('logs observations, alerts, commands and acknowledgements in events.jsonl', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const categories = new Set(readLog(out).map((event) => event.category));
    expect(categories).toEqual(new Set(['analytic', 'observation', 'alert', 'command', 'ack']));
  });

  it('lists the responses in summary.json', () => {
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as RunSummary;
    expect(summary.rules!.alerts).toBeGreaterThan(0);
    expect(summary.responses!.some((row) => row.response === 'lights-up' && row.ok && row.delayS === 2)).toBe(true);
    expect(summary.responses!.some((row) => row.response === 'look' && row.confirmed !== null)).toBe(true);
  });

  it('replays to identical alerts', () => {
    const replay = vigie('replay', join(out, 'events.jsonl'), '--rules', RULES, '--out', join(work, 'replay'));
    expect(replay.status).toBe(0);
    const alerts = readLog(out).filter((event) => event.category === 'alert');
    expect(replay.stdout).toContain(`identical to the ${alerts.length} alerts recorded in the log`);
    expect(readFileSync(join(work, 'replay', 'alerts.jsonl'), 'utf8')).toBe(alerts.map((alert) => `${JSON.stringify(alert)}\n`).join(''));
  });

  it('takes the rules file from the scenario\'s "rules", relative to it, with the same result', () => {
    writeFileSync(join(work, 'rules.json'), readFileSync(RULES, 'utf8'));
    const again = join(work, 'again');
    const second = vigie('run', write('gate-with-rules.json', scenario({ rules: 'rules.json' })), '--out', again, '--quiet');
    expect(second.status).toBe(0);
    expect(readFileSync(join(again, 'events.jsonl'), 'utf8')).toBe(readFileSync(join(out, 'events.jsonl'), 'utf8'));
  });
});

describe('vigie run with malformed responses', () => {
  it('refuses them with the file, the path and the response named, and writes nothing', () => {
    const rules = JSON.parse(readFileSync(RULES, 'utf8')) as { responses: object[] };
    rules.responses.push({ id: 'shut', on: { rule: 'line-crossed' }, actions: [{ action: 'exit.close', exit: 'east' }, { action: 'camera.point', camera: 'gate' }] });
    const bad = write('bad-rules.json', rules);
    const out = join(work, 'bad');
    const run = vigie('run', write('gate2.json', scenario()), '--rules', bad, '--out', out);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      `${bad}: responses[2].actions[0].exit: response "shut": unknown exit "east" (known: west)`,
      `${bad}: responses[2].actions[1].camera: response "shut": camera "gate" is fixed: only a PTZ camera turns`,
    ]);
    expect(existsSync(out)).toBe(false);
  });
});
