/**
 * Replayed movement: recorded tracks compiled for playback. Every track's points are placed in
 * the scenario (scale, rotation, translation) and shifted to simulation time, flattened into
 * typed arrays (CSR by track); tracks are spawned in order of their first instant. Stepped by
 * engine/step/phases/replayTrajectories.ts: a replayed person is an agent of kind `replayed`
 * that the pedestrian model moves straight to where the recording puts it at the end of the step
 * (its heading and speed set from the recording), so simulated people see it as a neighbour and
 * sensors see it like anyone, while it never reacts.
 */
import type { ReplaySpec } from '../scenario/Scenario.ts';

/** The playback state of a world's replays. */
export interface ReplayState {
  trackCount: number;
  /** Points of track k: start[k] .. start[k + 1] - 1 in t, x, y (simulation time, scenario metres). */
  start: Int32Array;
  t: Float64Array;
  x: Float64Array;
  y: Float64Array;
  /** Per track: the replay it belongs to (index in scenario.replays), its population (set by the world). */
  replayOf: Int32Array;
  /** Tracks in order of their first instant, and the next one to spawn. */
  spawnOrder: Int32Array;
  nextSpawn: number;
  /** Per track: the point before the current time (advances monotonically). */
  cursor: Int32Array;
  /** Per agent id: its track, or -1 (grown when agents are added). */
  trackOfAgent: Int32Array;
  /** Per replay: its population index in the world. */
  population: Int32Array;
  /** Per track: the recorded person's id (for ground truth). */
  recordedId: string[];
}

/** Compiles the replays (each with its tracks filled). */
export function buildReplay(specs: ReplaySpec[]): ReplayState | null {
  const tracks = specs.flatMap((spec, r) => (spec.tracks ?? []).filter((track) => track.points.length > 0).map((track) => ({ spec, r, track })));
  if (tracks.length === 0) return null;
  const total = tracks.reduce((sum, { track }) => sum + track.points.length, 0);
  const start = new Int32Array(tracks.length + 1);
  const t = new Float64Array(total), x = new Float64Array(total), y = new Float64Array(total);
  let p = 0;
  tracks.forEach(({ spec, track }, k) => {
    start[k] = p;
    const scale = spec.transform?.scale ?? 1;
    const angle = ((spec.transform?.rotateDeg ?? 0) * Math.PI) / 180;
    const cos = Math.cos(angle), sin = Math.sin(angle);
    const [dx, dy] = spec.transform?.translate ?? [0, 0];
    for (const [tS, px, py] of track.points) {
      t[p] = (spec.startS ?? 0) + tS;
      x[p] = scale * (cos * px - sin * py) + dx;
      y[p] = scale * (sin * px + cos * py) + dy;
      p++;
    }
  });
  start[tracks.length] = p;
  const order = tracks.map((_v, k) => k).sort((a, b) => t[start[a]] - t[start[b]] || a - b);
  return {
    trackCount: tracks.length, start, t, x, y,
    replayOf: Int32Array.from(tracks, ({ r }) => r),
    spawnOrder: Int32Array.from(order), nextSpawn: 0,
    cursor: Int32Array.from(start.subarray(0, tracks.length)),
    trackOfAgent: new Int32Array(64).fill(-1),
    population: new Int32Array(specs.length).fill(-1),
    recordedId: tracks.map(({ spec, track }) => `${spec.id}/${track.id}`),
  };
}

/** Position of track k at time `timeS` (clamped to its ends), into out[0..1]; advances its cursor. */
export function trackPositionAt(replay: ReplayState, k: number, timeS: number, out: Float64Array): void {
  const { t, x, y, start, cursor } = replay;
  const last = start[k + 1] - 1;
  let c = cursor[k];
  while (c < last && t[c + 1] <= timeS) c++;
  cursor[k] = c;
  if (c >= last || timeS <= t[c]) {
    out[0] = x[c];
    out[1] = y[c];
    return;
  }
  const f = (timeS - t[c]) / (t[c + 1] - t[c]);
  out[0] = x[c] + f * (x[c + 1] - x[c]);
  out[1] = y[c] + f * (y[c + 1] - y[c]);
}
