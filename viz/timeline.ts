/**
 * The timeline: the run as it plays is recorded (one frame per simulated second at most: people,
 * road vehicles and trams, as Float32 copies), so that the slider can scrub back through it while
 * the simulation waits; a run recorded by `vigie run --trajectories` is read into one too
 * (recordedRun/). The recording keeps within a memory budget: when full, every other frame
 * is dropped and frames are kept twice as far apart (the whole run stays scrubbable, coarser).
 */
import type { MovingFrame } from './scene/agents.ts';

/** A recorded frame. */
export interface RecordedFrame extends MovingFrame {
  timeS: number;
}

/** Memory the recording may use, bytes. */
const BUDGET_BYTES = 256 * 1024 * 1024;

function bytesOf(frame: RecordedFrame): number {
  return 8 * frame.count + 17 * frame.vehicleCount + 16 * frame.tramCount + 64;
}

export class Recording {
  frames: RecordedFrame[] = [];
  private spacingS = 1;
  private bytes = 0;

  /** Records a snapshot if it is at least the spacing after the last frame. */
  add(timeS: number, frame: MovingFrame): void {
    const last = this.frames.at(-1);
    if (last !== undefined && timeS < last.timeS + this.spacingS - 1e-9) return;
    const copy: RecordedFrame = {
      timeS,
      count: frame.count, x: Float32Array.from(frame.x), y: Float32Array.from(frame.y),
      vehicleCount: frame.vehicleCount, vehicleX: Float32Array.from(frame.vehicleX), vehicleY: Float32Array.from(frame.vehicleY),
      vehicleAngle: Float32Array.from(frame.vehicleAngle), vehicleClass: Uint8Array.from(frame.vehicleClass),
      tramCount: frame.tramCount, tramX: Float32Array.from(frame.tramX), tramY: Float32Array.from(frame.tramY),
      tramAngle: Float32Array.from(frame.tramAngle), tramLengthM: Float32Array.from(frame.tramLengthM),
    };
    this.keep(copy);
  }

  /** Keeps a frame as it is (a recorded run's frames, already copies and in time order). */
  keep(frame: RecordedFrame): void {
    this.frames.push(frame);
    this.bytes += bytesOf(frame);
    while (this.bytes > BUDGET_BYTES && this.frames.length > 2) {
      // Keep the first, the last and every other one between.
      this.frames = this.frames.filter((_, k, all) => k % 2 === 0 || k === all.length - 1);
      this.bytes = this.frames.reduce((sum, f) => sum + bytesOf(f), 0);
      this.spacingS *= 2;
    }
  }

  /** The recorded frame nearest before or at `timeS` (the first one before it all). */
  at(timeS: number): RecordedFrame | undefined {
    const frames = this.frames;
    let lo = 0, hi = frames.length - 1;
    if (hi < 0) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (frames[mid].timeS <= timeS) lo = mid;
      else hi = mid - 1;
    }
    return frames[lo];
  }

  get endS(): number {
    return this.frames.at(-1)?.timeS ?? 0;
  }
}
