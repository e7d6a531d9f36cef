/**
 * Reads a recorded run, the `trajectories.csv` that `vigie run --trajectories` writes (header
 * `id,timeS,x,y`, rows grouped by sample time, positions in metres), into frames for the
 * browser's timeline: one frame per sample time at least `minSpacingS` after the last one kept
 * (the file's 10 Hz thinned to the timeline's pace), positions as Float32Arrays. It takes the
 * text in chunks as they are read, so a file of hundreds of megabytes is never held whole.
 * A malformed file is refused with a message naming the file and the line. No DOM.
 */
import type { RecordedFrame } from '../timeline.ts';

/** A file the reader refuses: the message names the file and the line. */
export class TrajectoryFileError extends Error {}

export const TRAJECTORY_HEADER = 'id,timeS,x,y';

export interface TrajectoryReader {
  /** Reads a chunk of the file's text (any split, even inside a line). */
  push(chunk: string): void;
  /** The end of the file: the last frame is handed over; returns the rows read. */
  end(): number;
}

const EMPTY = new Float32Array(0);

/** A frame of a recorded run: people only (the file has no vehicles), positions as Float32Arrays. */
export type TrajectoryFrame = RecordedFrame & { x: Float32Array; y: Float32Array };

/** A reader handing each kept frame to `onFrame` (its arrays are the receiver's). */
export function createTrajectoryReader(fileName: string, onFrame: (frame: TrajectoryFrame) => void, minSpacingS = 1): TrajectoryReader {
  let pending = '';
  let line = 0;
  let rows = 0;
  let headerSeen = false;
  let frameTimeS = Number.NaN;
  let keep = false;
  let lastKeptS = -Infinity;
  let xs: number[] = [];
  let ys: number[] = [];
  const fail = (message: string): never => {
    throw new TrajectoryFileError(`${fileName}: line ${line}: ${message}`);
  };
  const flush = () => {
    if (!keep || Number.isNaN(frameTimeS)) return;
    onFrame({
      timeS: frameTimeS, count: xs.length, x: Float32Array.from(xs), y: Float32Array.from(ys),
      vehicleCount: 0, vehicleX: EMPTY, vehicleY: EMPTY, vehicleAngle: EMPTY, vehicleClass: new Uint8Array(0),
      tramCount: 0, tramX: EMPTY, tramY: EMPTY, tramAngle: EMPTY, tramLengthM: EMPTY,
    });
    lastKeptS = frameTimeS;
  };
  const readLine = (text: string) => {
    line++;
    const row = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (!headerSeen) {
      if (row.replace(/^\uFEFF/, '') !== TRAJECTORY_HEADER) fail(`expected the header "${TRAJECTORY_HEADER}" of a trajectories.csv written by vigie run --trajectories, found "${row.slice(0, 60)}"`);
      headerSeen = true;
      return;
    }
    if (row === '') return;
    const fields = row.split(',');
    if (fields.length !== 4) fail(`expected 4 fields (id,timeS,x,y), found ${fields.length}`);
    const timeS = Number(fields[1]), x = Number(fields[2]), y = Number(fields[3]);
    if (fields[1] === '' || !Number.isFinite(timeS) || fields[2] === '' || !Number.isFinite(x) || fields[3] === '' || !Number.isFinite(y)) fail(`expected numbers for timeS, x and y, found "${row.slice(0, 60)}"`);
    if (timeS !== frameTimeS) {
      if (timeS < frameTimeS) fail(`time goes back from ${frameTimeS} s to ${timeS} s (rows must be grouped by time, in order)`);
      flush();
      frameTimeS = timeS;
      keep = timeS >= lastKeptS + minSpacingS - 1e-9;
      xs = [];
      ys = [];
    }
    rows++;
    if (keep) {
      xs.push(x);
      ys.push(y);
    }
  };
  return {
    push(chunk) {
      pending += chunk;
      let start = 0;
      for (let newline = pending.indexOf('\n', start); newline >= 0; newline = pending.indexOf('\n', start)) {
        readLine(pending.slice(start, newline));
        start = newline + 1;
      }
      pending = pending.slice(start);
    },
    end() {
      if (pending !== '') readLine(pending);
      pending = '';
      if (!headerSeen) {
        line = Math.max(line, 1);
        fail(`empty: expected the header "${TRAJECTORY_HEADER}"`);
      }
      flush();
      return rows;
    },
  };
}
