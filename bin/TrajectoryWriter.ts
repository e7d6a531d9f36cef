/**
 * Streams `trajectories.csv` (header `id,timeS,x,y`; one row per person inside per sample;
 * positions in metres rounded to the millimetre, time in seconds rounded to the millisecond)
 * to a temporary file beside the destination, renamed into place when the run is done.
 * Rows are grouped by sample time; within one time they follow the engine's agent slots.
 * Called from runWorld's `onSample`: synchronous, buffered, flushed about every megabyte.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { AgentKind, type World } from '../engine/index.ts';
import { commitTempFile, discardTempFile, tempPathFor } from './atomicWrite.ts';

/** The CSV header line of `trajectories.csv`. */
export const TRAJECTORY_HEADER = 'id,timeS,x,y';
/** Buffered text is written to disk once it exceeds this many characters. */
const FLUSH_CHARS = 1 << 20;

/** An open trajectory file; owned by the CLI run that opened it. */
export interface TrajectoryWriter {
  path: string;
  tempPath: string;
  fd: number;
  buffer: string;
  rows: number;
}

/** Opens the temporary file and writes the header. */
export function openTrajectoryWriter(path: string): TrajectoryWriter {
  const tempPath = tempPathFor(path);
  const fd = openSync(tempPath, 'w');
  return { path, tempPath, fd, buffer: `${TRAJECTORY_HEADER}\n`, rows: 0 };
}

/** Appends one row per person inside the world at `timeS` (people already through an exit are not written). */
export function writeTrajectorySample(writer: TrajectoryWriter, world: World, timeS: number): void {
  const { id, posXM, posYM, count, kind } = world.agents;
  const time = formatRounded(timeS);
  let text = '';
  let rows = 0;
  for (let slot = 0; slot < count; slot++) {
    if (kind[slot] !== AgentKind.pedestrian) continue;
    text += `${id[slot]},${time},${formatRounded(posXM[slot])},${formatRounded(posYM[slot])}\n`;
    rows++;
  }
  writer.buffer += text;
  writer.rows += rows;
  if (writer.buffer.length > FLUSH_CHARS) flush(writer);
}

/** Flushes, closes and renames the file into place. */
export function finishTrajectoryWriter(writer: TrajectoryWriter): void {
  flush(writer);
  closeSync(writer.fd);
  writer.fd = -1;
  commitTempFile(writer.tempPath, writer.path);
}

/** Closes and deletes the temporary file after a failed run (never throws). */
export function abortTrajectoryWriter(writer: TrajectoryWriter): void {
  try {
    if (writer.fd >= 0) closeSync(writer.fd);
  } catch {
    // already closed
  }
  writer.fd = -1;
  discardTempFile(writer.tempPath);
}

function flush(writer: TrajectoryWriter): void {
  if (writer.buffer.length > 0) writeSync(writer.fd, writer.buffer);
  writer.buffer = '';
}

/** A value rounded to 3 decimals (mm, ms), without a trailing `.000` or a `-0`. */
function formatRounded(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  return rounded === 0 ? '0' : String(rounded);
}
