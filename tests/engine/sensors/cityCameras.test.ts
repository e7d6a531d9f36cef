/**
 * Cameras in a city scenario: entries naming the district's surveillance cameras take their
 * position, mapped direction and type; obstacles get heights (buildings' heights, barriers'
 * typical heights); the cameras then watch the fireworks crowd of the default scenario, with
 * buildings hiding part of it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorld } from '../../../engine/index.ts';
import { loadScenarioFile } from '../../../bin/loadScenarioFile.ts';
import { runFor } from './sensorWorld.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'vigie-cameras-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function withCameras(cameras: unknown[]): string {
  const scenario = JSON.parse(readFileSync(resolve(ROOT, 'scenarios/default.json'), 'utf8'));
  scenario.city = resolve(ROOT, 'city-models/default/district.geojson');
  scenario.durationS = 20;
  scenario.sensors = { cameras };
  const path = join(dir, `cameras-${cameras.length}.json`);
  writeFileSync(path, JSON.stringify(scenario));
  return path;
}

describe('cameras of a city', () => {
  it('take the position, direction and type of the city camera they name, and watch the crowd with buildings in the way', () => {
    const scenario = loadScenarioFile(withCameras([{ id: 'square', ref: 'camera-square' }, { ref: 'camera-promenade-west', heightM: 8 }, { ref: 'camera-tram-marche' }, { ref: 'camera-rue-droite', heightM: 4 }, { ref: 'camera-littoral-mimosas' }, { ref: 'camera-promenade-east' }]));
    const [square, promenade] = scenario.sensors!.cameras!;
    expect(square).toMatchObject({ id: 'square', ref: 'camera-square', headingDeg: 225, kind: 'ptz' });
    expect(promenade).toMatchObject({ id: 'camera-promenade-west', headingDeg: 180, kind: 'ptz', heightM: 8 });
    const heights = scenario.geometry.obstacleHeightsM!;
    expect(heights.length).toBe(scenario.geometry.obstacles!.length);
    expect(heights.filter((h) => h !== null && h >= 6).length).toBeGreaterThan(20);

    const world = createWorld(scenario, 'cameras.json');
    runFor(world, 10);
    const stats = world.sensors!.cameras.map((camera) => camera.stats);
    // 5 Hz by default: 50 frames in 10 s.
    expect(stats.every((s) => s.frames === 50)).toBe(true);
    expect(stats.reduce((sum, s) => sum + s.personDetections, 0)).toBeGreaterThan(100);
    expect(world.eventLog.length).toBeGreaterThan(50);
    expect(stats.reduce((sum, s) => sum + s.peopleOccluded, 0)).toBeGreaterThan(0);
  }, 120_000);

  it('report a camera the city does not have, with the ones it has', () => {
    expect(() => loadScenarioFile(withCameras([{ ref: 'camera-nowhere' }]))).toThrow(/sensors\.cameras\[0\]\.ref: no surveillance camera "camera-nowhere" in the city model .*camera-square/);
  }, 120_000);
});
