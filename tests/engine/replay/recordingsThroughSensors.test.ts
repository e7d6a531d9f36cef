/**
 * Real movement through the sensors and the rules: the ETH "hotel" recording (389 people at a
 * tram stop) replayed under a camera, and the Jülich uo-100 corridor recording read in its
 * units. The camera sees every recorded person who is in view long enough for a track to be
 * confirmed; once a track has settled (the tracker's
 * alpha-beta filter starts from rest) its speed estimates follow the recorded speeds; and the
 * "running" rule template, run on what the camera reports, says how many alerts ordinary walking
 * produces (none here: nobody in this recording runs).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { median } from 'simple-statistics';
import { AgentKind, createWorld, isRunOver, stepWorld, validateScenario } from '../../../engine/index.ts';
import { parseTrajectories } from '../../../engine/replay/parseTrajectories.ts';
import { validateRules } from '../../../engine/rules/loadRules.ts';
import { runRules } from '../../../engine/rules/RuleEngine.ts';

const DATA = resolve(import.meta.dirname, '../../../../shared/data');
const TEMPLATES = resolve(import.meta.dirname, '../../../scenarios/rules/safe-city-templates.json');
/** A track's speed estimate is compared once the track is this old, s. */
const SETTLED_S = 3;

describe('the ETH hotel recording under a camera', () => {
  const tracks = parseTrajectories(readFileSync(`${DATA}/eth-ucy/biwi_hotel.txt`, 'utf8'), 'eth-ucy', 0.04);
  const world = createWorld(validateScenario({
    name: 'hotel under a camera', seed: 1, durationS: 800,
    geometry: { walkable: [[[0, 0], [40, 0], [40, 40], [0, 40]]], exits: [{ id: 'e', polygon: [[40, 0], [41, 0], [41, 1], [40, 1]] }] },
    replays: [{ id: 'hotel', transform: { translate: [20, 20] }, tracks }],
    sensors: { cameras: [{ id: 'cam', at: [20, 0], heightM: 8, headingDeg: 0, fovDeg: 70 }], lighting: { ambientLux: 10000 } },
  }, 'hotel.json'), 'hotel.json');
  // Each replayed person's true speed over the last second, and the camera's estimates against it.
  const recent = new Map<string, number[]>();
  const firstReport = new Map<string, number>();
  const pairs: [number, number][] = [];
  let read = 0;
  while (!isRunOver(world)) {
    stepWorld(world);
    const { agents } = world;
    for (let i = 0; i < agents.count; i++) {
      if (agents.kind[i] !== AgentKind.replayed) continue;
      const key = `agent/${agents.id[i]}`;
      const speeds = recent.get(key) ?? [];
      speeds.push(agents.desiredSpeedMps[i]);
      if (speeds.length > 20) speeds.shift();
      recent.set(key, speeds);
    }
    for (; read < world.eventLog.length; read++) {
      const event = world.eventLog[read];
      if (event.type !== 'tns1:VideoAnalytics/ObjectTrack' || (event.truth ?? []).length === 0) continue;
      const track = event.data.objectId as string;
      if (!firstReport.has(track)) firstReport.set(track, event.timeS);
      const speeds = recent.get(event.truth![0]);
      if (event.timeS - firstReport.get(track)! < SETTLED_S || !speeds) continue;
      pairs.push([event.data.speedMps as number, speeds.reduce((sum, v) => sum + v, 0) / speeds.length]);
    }
  }
  const reports = world.eventLog.filter((event) => event.type === 'tns1:VideoAnalytics/ObjectTrack');

  it('sees every recorded person who stays long enough for a confirmed track (3 detections)', () => {
    const seen = new Set(reports.flatMap((event) => event.truth ?? []));
    const briefly = tracks.filter((track) => track.points[track.points.length - 1][0] - track.points[0][0] < 0.6).length;
    expect(seen.size).toBeGreaterThanOrEqual(389 - briefly);
    expect(seen.size / 389).toBeGreaterThan(0.98);
  });

  it('estimates their speeds as recorded once a track has settled (moving people: median ratio within 10 %)', () => {
    const moving = pairs.filter(([, truth]) => truth > 0.5);
    expect(moving.length).toBeGreaterThan(200);
    expect(Math.abs(median(moving.map(([estimate, truth]) => estimate / truth)) - 1)).toBeLessThan(0.1);
    expect(median(pairs.map(([estimate, truth]) => Math.abs(estimate - truth)))).toBeLessThan(0.15);
  });

  it('gives the "running" rule nothing to flag in ordinary walking', () => {
    const templates = JSON.parse(readFileSync(TEMPLATES, 'utf8')) as { rules: { id: string }[] };
    const rules = validateRules({ rules: templates.rules.filter((rule) => rule.id === 'running') }, 'running.json');
    const { alerts, stats } = runRules(rules, world.eventLog);
    expect(stats.events).toBe(world.eventLog.length);
    expect(alerts).toHaveLength(0);
  });
});

describe('a Jülich recording (PeTrack: id frame x y z, centimetres, 16 fps)', () => {
  it('is read in metres and seconds: 121 people at the README\'s median frame-to-frame speed of 1.23 m/s', () => {
    const tracks = parseTrajectories(readFileSync(`${DATA}/juelich/corridor_uo_entrance_series/uo-100-180-180.txt`, 'utf8'), 'juelich', 1 / 16, 0.01);
    expect(tracks).toHaveLength(121);
    const speeds: number[] = [];
    for (const track of tracks) for (let p = 1; p < track.points.length; p++) {
      const [t0, x0, y0] = track.points[p - 1], [t1, x1, y1] = track.points[p];
      speeds.push(Math.hypot(x1 - x0, y1 - y0) / (t1 - t0));
    }
    expect(median(speeds)).toBeCloseTo(1.23, 1);
  });
});
