import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWorld, loadScenario, runWorld, stepWorld, type RunSummary } from '../../engine/index.ts';
import { createSimulationApi, type LoadResult, type StepResult } from '../../workers/simulationApi.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const FILE = 'tests/fixtures/scenarios/small-room.json';
const TEXT = readFileSync(resolve(ROOT, FILE), 'utf8');

function withoutWallTime(summary: RunSummary): Omit<RunSummary, 'wallS'> {
  const { wallS: _wallS, ...rest } = summary;
  return rest;
}

/** What tests/workers/support/runInWorker.ts prints. */
interface WorkerRun {
  loaded: LoadResult;
  firstStep: StepResult;
  snapshot: { timeS: number; count: number; classes: string[]; ids: number[]; x: number[]; y: number[] };
  summary: RunSummary;
  invalid: LoadResult;
}

describe('simulation API in a Node worker thread', () => {
  let run: WorkerRun;

  beforeAll(() => {
    // NOTE: a child process, because comlink draws message ids from Math.random, which
    // tests/setup.ts makes throw in this process.
    const child = spawnSync(process.execPath, ['tests/workers/support/runInWorker.mjs', FILE], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    if (child.status !== 0) throw new Error(`worker run failed (status ${child.status}):\n${child.stderr}`);
    run = JSON.parse(child.stdout) as WorkerRun;
  });

  it('runs a scenario to the same summary (apart from wallS) as runWorld in-process', () => {
    expect(run.loaded).toMatchObject({ ok: true, name: 'small room', seed: 7, exitIds: ['door'] });
    const inProcess = runWorld(createWorld(loadScenario(TEXT, FILE), FILE));
    expect(inProcess.pedestrians.exited).toBe(40);
    expect(withoutWallTime(run.summary)).toEqual(withoutWallTime(inProcess));
  });

  it('sends snapshots as typed arrays holding the same positions as the engine stepped in-process', () => {
    expect(run.firstStep).toMatchObject({ tick: 20, inside: 40, done: false });
    expect(run.snapshot.classes).toEqual(['Int32Array', 'Float64Array', 'Float64Array']);
    expect(run.snapshot.count).toBe(40);
    const world = createWorld(loadScenario(TEXT, FILE), FILE);
    for (let k = 0; k < 20; k++) stepWorld(world);
    expect(run.snapshot.ids).toEqual([...world.agents.id.subarray(0, 40)]);
    expect(run.snapshot.x).toEqual([...world.agents.posXM.subarray(0, 40)]);
    expect(run.snapshot.y).toEqual([...world.agents.posYM.subarray(0, 40)]);
  });

  it('reports scenario problems as plain data naming the file and the path', () => {
    expect(run.invalid.ok).toBe(false);
    if (run.invalid.ok) return;
    expect(run.invalid.problems.map((p) => p.path)).toContain('seed');
    expect(run.invalid.message).toMatch(/^bad\.json: seed: /m);
  });
});

describe('simulation API in-process', () => {
  it('stops stepping where runWorld stops and then reports done', () => {
    const api = createSimulationApi();
    expect(api.load(TEXT, FILE).ok).toBe(true);
    let progress = api.step(10_000);
    expect(progress.done).toBe(true);
    const summary = api.summary();
    expect(summary.steps).toBe(progress.tick);
    progress = api.step(10);
    expect(progress.tick).toBe(summary.steps);
    expect(summary.pedestrians.remaining).toBe(0);
  });

  it('loads a scenario placed in a city when given the city text, and asks for it otherwise', () => {
    const scenarioText = readFileSync(resolve(ROOT, 'tests/fixtures/scenarios/paris-liszt.json'), 'utf8');
    const api = createSimulationApi();
    const missing = api.load(scenarioText, 'paris-liszt.json');
    expect(missing).toMatchObject({ ok: false, problems: [{ path: 'city', message: expect.stringContaining('pass its text to load()') }] });
    const cityFile = resolve(ROOT, 'tests/fixtures/scenarios', JSON.parse(scenarioText).city);
    const loaded = api.load(scenarioText, 'paris-liszt.json', { text: readFileSync(cityFile, 'utf8'), fileName: 'paris_10e_map.osm' });
    expect(loaded).toMatchObject({ ok: true, exitIds: ['north'] });
    const lost = JSON.parse(scenarioText);
    lost.geometry.area.around.name = 'Place Nulle Part';
    const wrong = api.load(JSON.stringify(lost), 'paris-liszt.json', { text: readFileSync(cityFile, 'utf8'), fileName: 'paris_10e_map.osm' });
    expect(wrong).toMatchObject({ ok: false, problems: [{ path: 'geometry.area.around.name' }] });
  });

  it('refuses to step before a scenario is loaded, and keeps none after a failed load', () => {
    const api = createSimulationApi();
    expect(() => api.step(1)).toThrow(/no scenario loaded/);
    expect(api.load('not json', 'x.json')).toMatchObject({ ok: false });
    expect(() => api.snapshot()).toThrow(/no scenario loaded/);
  });
});
