/**
 * Reading the Jülich (FZJ IAS-7) laboratory trajectories and measuring bottleneck flow from them.
 *
 * The data lives outside this repository, in `../shared/data/juelich/` next to the checkout (see
 * its README.md for provenance, units and frame layout); nothing here copies it. Files are plain
 * text, one row per person per frame: `id frame x y z`, whitespace-separated, `#` comments.
 *
 * The flow estimator here (`steadyFlowPerS`) is the one the simulated flows are measured with as
 * well, so that the real and simulated figures are computed the same way.
 *
 * Test support only: uses node:fs, so it must never be imported from `engine/`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One person's track: frames in increasing order and positions in metres (owned by the parser). */
export interface PersonTrajectory {
  id: number;
  /** Frame numbers, strictly increasing (gaps are possible). */
  frames: Int32Array;
  xM: Float64Array;
  yM: Float64Array;
}

/** All tracks of one trajectory file. */
export interface TrajectorySet {
  /** Frames per second of the recording. */
  fps: number;
  /** One entry per person, in increasing id order. */
  persons: PersonTrajectory[];
}

export interface TrajectoryFileOptions {
  /** Metres per file unit: 0.01 for the uo files (centimetres), 1 for files in metres. */
  unitM: number;
  /** Frame rate of the recording (16 for the uo files, 25 for UNI_CORR_500 and CroMa). */
  fps: number;
}

/**
 * A horizontal measurement line y = yM, crossed in the walking direction: `walkingSign` -1 means
 * walking toward decreasing y (the uo series), +1 toward increasing y (the AO series).
 */
export interface HorizontalLine {
  yM: number;
  walkingSign?: -1 | 1;
}

/**
 * Parses one trajectory file (`id frame x y [z]` rows; `z` ignored) into per-person tracks.
 * Throws an Error naming the file and line for a row that does not parse.
 */
export function parseTrajectoryFile(path: string, options: TrajectoryFileOptions): TrajectorySet {
  const text = readFileSync(path, 'utf8');
  const rowsById = new Map<number, number[]>(); // flat [frame, x, y, frame, x, y, ...] per person
  let lineStart = 0;
  let lineNumber = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    lineNumber++;
    const line = text.slice(lineStart, lineEnd).trim();
    lineStart = lineEnd + 1;
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    const id = Number(fields[0]);
    const frame = Number(fields[1]);
    const x = Number(fields[2]);
    const y = Number(fields[3]);
    if (fields.length < 4 || !Number.isInteger(id) || !Number.isInteger(frame) || !Number.isFinite(x) || !Number.isFinite(y)) {
      throw new Error(`${path}:${lineNumber}: expected "id frame x y [z]", got "${line}"`);
    }
    let rows = rowsById.get(id);
    if (!rows) {
      rows = [];
      rowsById.set(id, rows);
    }
    rows.push(frame, x * options.unitM, y * options.unitM);
  }

  const persons: PersonTrajectory[] = [];
  for (const id of [...rowsById.keys()].sort((a, b) => a - b)) {
    const rows = rowsById.get(id)!;
    const count = rows.length / 3;
    const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => rows[3 * a] - rows[3 * b]);
    const frames = new Int32Array(count);
    const xM = new Float64Array(count);
    const yM = new Float64Array(count);
    for (let k = 0; k < count; k++) {
      const i = order[k];
      frames[k] = rows[3 * i];
      xM[k] = rows[3 * i + 1];
      yM[k] = rows[3 * i + 2];
      if (k > 0 && frames[k] === frames[k - 1]) {
        throw new Error(`${path}: person ${id} has two rows for frame ${frames[k]}`);
      }
    }
    persons.push({ id, frames, xM, yM });
  }
  return { fps: options.fps, persons };
}

/**
 * The time (s, frame / fps) at which each person first crosses the line in the walking
 * direction, interpolated linearly between the two frames on either side. A person is counted
 * once, at the first frame pair with y on the upstream side (strictly) then on the line or past
 * it; people who never cross are left out. Returned in increasing order.
 */
export function crossingTimesS(trajectories: TrajectorySet, line: HorizontalLine): Float64Array {
  const sign = line.walkingSign ?? -1;
  const times: number[] = [];
  for (const person of trajectories.persons) {
    const { frames, yM } = person;
    for (let k = 1; k < frames.length; k++) {
      // Signed progress past the line: negative upstream, >= 0 on or past it.
      const before = sign * (yM[k - 1] - line.yM);
      const after = sign * (yM[k] - line.yM);
      if (before < 0 && after >= 0) {
        const fraction = -before / (after - before);
        const frame = frames[k - 1] + fraction * (frames[k] - frames[k - 1]);
        times.push(frame / trajectories.fps);
        break;
      }
    }
  }
  return Float64Array.from(times).sort();
}

/** Share of the crossings dropped at each end by `steadyFlowPerS` (start-up and emptying). */
export const STEADY_FLOW_TRIM_FRACTION = 0.1;

/**
 * Steady-state flow through a line in persons per second, from the crossing times (any order):
 * sort them, keep the crossings from the 10th to the 90th percentile of the crossing order
 * (ranks i_lo = round(0.1 (n - 1)) to i_hi = round(0.9 (n - 1))), and return
 * J = (i_hi - i_lo) / (t[i_hi] - t[i_lo]), the inverse of the mean time gap between successive
 * crossings in that window. Trimming drops the first people, who reach an empty exit before the
 * jam forms, and the last ones, who leave as the corridor empties.
 * Throws when fewer than 10 crossings are given or the window has no duration.
 */
export function steadyFlowPerS(crossingTimes: ArrayLike<number>): number {
  const n = crossingTimes.length;
  if (n < 10) throw new Error(`steadyFlowPerS: needs at least 10 crossings, got ${n}`);
  const sorted = Float64Array.from(crossingTimes).sort();
  const low = Math.round(STEADY_FLOW_TRIM_FRACTION * (n - 1));
  const high = Math.round((1 - STEADY_FLOW_TRIM_FRACTION) * (n - 1));
  const durationS = sorted[high] - sorted[low];
  if (!(durationS > 0)) throw new Error(`steadyFlowPerS: crossings ${low}..${high} span ${durationS} s`);
  return (high - low) / durationS;
}

/** Folder of the Jülich data, resolved from this file: `<repo>/../shared/data/juelich/`. */
export const JUELICH_DATA_DIR = fileURLToPath(new URL('../../../../shared/data/juelich/', import.meta.url));

/** One file of the HERMES 2009 unidirectional corridor series with varied exit width (uo-180-180-*). */
export interface JuelichUoExitFile {
  /** File name inside `bottleneck_uo_exit_series/`. */
  file: string;
  /** Exit (bottleneck) width in metres. */
  exitWidthM: number;
  /** Number of people tracked in the file (from the data README, checked by the tests). */
  persons: number;
}

/**
 * The uo exit series: corridor 1.8 m wide (x in [0, 1.8] m, y from +4 to -4 m), entrance 1.8 m,
 * exit width varied; walking toward -y. Data README table; experiment described by Zhang,
 * Klingsch, Schadschneider, Seyfried, J. Stat. Mech. (2011) P06004. Centimetres, 16 fps.
 */
export const juelichUoExitSeries: readonly JuelichUoExitFile[] = [
  { file: 'uo-180-180-070.txt', exitWidthM: 0.7, persons: 148 },
  { file: 'uo-180-180-095.txt', exitWidthM: 0.95, persons: 159 },
  { file: 'uo-180-180-120.txt', exitWidthM: 1.2, persons: 170 },
  { file: 'uo-180-180-180.txt', exitWidthM: 1.8, persons: 220 },
];

/** Units and frame rate of every uo file: centimetres, 16 frames per second. */
export const JUELICH_UO_FILE_OPTIONS: TrajectoryFileOptions = { unitM: 0.01, fps: 16 };

/**
 * The line the uo exit flow is measured at: y = -4.0 m, the end of the 1.8 m corridor and the
 * entrance of the exit narrowing, crossed toward -y.
 * NOTE: the lateral spread of the tracked heads shows the narrowing: for b = 0.70 m it falls from
 * about 1.1 m at y = -3.7 m to 0.56 m at y = -4.0 m and is smallest (0.46 m) at y = -4.1..-4.3 m,
 * widening again past -4.5 m. Everyone crosses every line in that range, and the flows at
 * y = -3.5, -4.0, -4.25 and -4.5 m differ by a few per cent at most (see juelichData.test.ts).
 * -4.0 m is chosen because a simulated exit starts there, whatever it does beyond.
 */
export const JUELICH_UO_EXIT_LINE: HorizontalLine = { yM: -4.0, walkingSign: -1 };

/** Absolute path of one uo exit-series file. */
export function juelichUoExitFilePath(entry: JuelichUoExitFile): string {
  return `${JUELICH_DATA_DIR}bottleneck_uo_exit_series/${entry.file}`;
}

/** The measured exit flow of one uo file, with what it was computed from. */
export interface JuelichExitFlow {
  exitWidthM: number;
  /** People in the file, and how many crossed the line. */
  persons: number;
  crossings: number;
  /** Steady flow through the line (`steadyFlowPerS`), persons per second. */
  flowPerS: number;
  /** flowPerS / exitWidthM, persons per metre per second. */
  specificFlowPerMS: number;
}

/** Reads one uo exit-series file and measures its steady exit flow at `line` (default y = -4.0 m). */
export function juelichUoExitFlow(entry: JuelichUoExitFile, line: HorizontalLine = JUELICH_UO_EXIT_LINE): JuelichExitFlow {
  const trajectories = parseTrajectoryFile(juelichUoExitFilePath(entry), JUELICH_UO_FILE_OPTIONS);
  const times = crossingTimesS(trajectories, line);
  const flowPerS = steadyFlowPerS(times);
  return {
    exitWidthM: entry.exitWidthM,
    persons: trajectories.persons.length,
    crossings: times.length,
    flowPerS,
    specificFlowPerMS: flowPerS / entry.exitWidthM,
  };
}
