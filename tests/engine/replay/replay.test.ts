/**
 * Replayed movement: the ETH "hotel" recording (ETH/UCY benchmark, 389 people, 2.5 Hz; see
 * ../shared/data/eth-ucy/README.md) played back among simulated people. Every recorded person
 * appears, is exactly where the recording puts them at each recorded instant, keeps the recorded
 * walking speeds, and leaves at the end of their track; simulated people share the space.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { median } from 'simple-statistics';
import { AgentKind, createWorld, isRunOver, stepWorld, summarizeWorld, validateScenario } from '../../../engine/index.ts';
import { parseTrajectories } from '../../../engine/replay/parseTrajectories.ts';
import { loadScenarioFile } from '../../../bin/loadScenarioFile.ts';
import { ScenarioError } from '../../../engine/scenario/ScenarioError.ts';

const HOTEL = resolve(import.meta.dirname, '../../../../shared/data/eth-ucy/biwi_hotel.txt');
/** UCY and hotel files: frame ids at 25 fps (10 ids per 0.4 s annotation step). */
const FRAME_S = 0.04;
/** The scene's frame (x -3.25..4.35, y -10.31..4.31) moved into the scenario's area. */
const TRANSLATE: [number, number] = [20, 20];

const tracks = parseTrajectories(readFileSync(HOTEL, 'utf8'), 'eth-ucy', FRAME_S);

function scenario(withRecording = true) {
  return validateScenario({
    name: 'hotel replay', seed: 2, durationS: 800, stepS: 0.05,
    geometry: { walkable: [[[0, 0], [40, 0], [40, 40], [0, 40]]], exits: [{ id: 'east', polygon: [[40, 15], [41, 15], [41, 25], [40, 25]] }] },
    pedestrians: [{ id: 'walkers', count: 30, spawn: { polygon: [[2, 12], [8, 12], [8, 28], [2, 28]] }, startS: 100, desiredSpeedMps: 1.34, goal: 'east' }],
    ...(withRecording ? { replays: [{ id: 'hotel', transform: { translate: TRANSLATE }, tracks }] } : {}),
  }, 'replay.json');
}

describe('a replayed recording', () => {
  const world = createWorld(scenario(), 'replay.json');
  const byAgentTrack = new Map<number, string>();
  let positionErrorM = 0;
  let checked = 0;
  const replayedSpeeds: number[] = [];
  const hotel = new Map(tracks.map((track) => [track.id, track]));
  let simulatedMinGapM = Infinity;
  while (!isRunOver(world)) {
    stepWorld(world);
    const tS = world.clock.tick * world.clock.stepS;
    const { agents } = world;
    for (let i = 0; i < agents.count; i++) {
      if (agents.kind[i] !== AgentKind.replayed) continue;
      const k = world.replay!.trackOfAgent[agents.id[i]];
      const recordedId = world.replay!.recordedId[k].split('/')[1];
      byAgentTrack.set(agents.id[i], recordedId);
      replayedSpeeds.push(agents.desiredSpeedMps[i]);
      // At a recorded instant (every 0.4 s) the person stands exactly on the recorded point.
      const point = hotel.get(recordedId)!.points.find(([t]) => Math.abs(t - tS) < 1e-6);
      if (point) {
        positionErrorM = Math.max(positionErrorM, Math.hypot(agents.posXM[i] - (point[1] + TRANSLATE[0]), agents.posYM[i] - (point[2] + TRANSLATE[1])));
        checked++;
      }
      for (let j = 0; j < agents.count; j++) {
        if (agents.kind[j] !== AgentKind.pedestrian) continue;
        simulatedMinGapM = Math.min(simulatedMinGapM, Math.hypot(agents.posXM[i] - agents.posXM[j], agents.posYM[i] - agents.posYM[j]));
      }
    }
  }
  const summary = summarizeWorld(world, 0);

  it('brings every recorded person in, and out at the end of their track', () => {
    const multiPoint = tracks.filter((track) => track.points.length > 1).length;
    expect(tracks.length).toBe(389);
    expect(byAgentTrack.size).toBeGreaterThanOrEqual(multiPoint);
    expect(summary.pedestrians.remaining).toBe(0);
  });

  it('puts them exactly where the recording does at every recorded instant', () => {
    expect(checked).toBeGreaterThan(5000);
    expect(positionErrorM).toBeLessThan(1e-6);
  });

  it('keeps the recorded walking speeds (median within 2 %)', () => {
    const recorded: number[] = [];
    for (const track of tracks) for (let p = 1; p < track.points.length; p++) {
      const [t0, x0, y0] = track.points[p - 1], [t1, x1, y1] = track.points[p];
      recorded.push(Math.hypot(x1 - x0, y1 - y0) / (t1 - t0));
    }
    expect(Math.abs(median(replayedSpeeds) - median(recorded)) / median(recorded)).toBeLessThan(0.02);
  });

  it('shares the space with simulated people, who keep out of the recorded people\'s bodies', () => {
    expect(summary.exits.east.count).toBe(30);
    expect(simulatedMinGapM).toBeGreaterThan(0.2);
  });
});

describe('recordings named in a scenario file', () => {
  it('are read by vigie run\'s loader, and a bad line is named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-replay-'));
    writeFileSync(join(dir, 'walk.txt'), '0\t1\t0\t0\n10\t1\t0.5\t0\n20\t1\t1.0\t0\n');
    const file = join(dir, 'scenario.json');
    const spec = { name: 'r', seed: 1, durationS: 10, geometry: { walkable: [[[-5, -5], [5, -5], [5, 5], [-5, 5]]], exits: [{ id: 'e', polygon: [[5, -1], [6, -1], [6, 1], [5, 1]] }] }, replays: [{ id: 'walk', file: 'walk.txt', format: 'eth-ucy', frameS: 0.04 }] };
    writeFileSync(file, JSON.stringify(spec));
    const loaded = loadScenarioFile(file);
    expect(loaded.replays![0].tracks).toEqual([{ id: '1', points: [[0, 0, 0], [0.4, 0.5, 0], [0.8, 1, 0]] }]);
    writeFileSync(join(dir, 'walk.txt'), '0\t1\t0\t0\n10\t1\tfast\t0\n');
    expect(() => loadScenarioFile(file)).toThrow(ScenarioError);
    expect(() => loadScenarioFile(file)).toThrow(/replays\[0\]\.file: .*walk\.txt: line 2: expected numbers/);
  });
});
