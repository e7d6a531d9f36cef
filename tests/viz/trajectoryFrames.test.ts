/**
 * A recorded run for the browser's timeline: the trajectories.csv of `vigie run --trajectories`
 * read in chunks into frames (one a simulated second), the same people at the same places as in
 * the file whatever the chunking; malformed files refused naming the file and the line.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrajectoryReader, TrajectoryFileError, type TrajectoryFrame } from '../../viz/recordedRun/trajectoryFrames.ts';
import { vigie } from '../bin/support/vigie.ts';

let work: string;
let text: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'vigie-trajectory-frames-'));
  const run = vigie('run', 'tests/fixtures/scenarios/small-room.json', '--out', work, '--trajectories', '--quiet');
  expect(run.status).toBe(0);
  text = readFileSync(join(work, 'trajectories.csv'), 'utf8');
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

function read(content: string, chunk: number, spacingS = 1): { frames: TrajectoryFrame[]; rows: number } {
  const frames: TrajectoryFrame[] = [];
  const reader = createTrajectoryReader('trajectories.csv', (frame) => frames.push(frame), spacingS);
  for (let k = 0; k < content.length; k += chunk) reader.push(content.slice(k, k + chunk));
  return { frames, rows: reader.end() };
}

describe('a recorded run read for the timeline', () => {
  it('keeps one frame a simulated second with the rows of that time, whatever the chunks', () => {
    const lines = text.trimEnd().split('\n').slice(1).map((line) => line.split(',').map(Number));
    const times = [...new Set(lines.map(([, t]) => t))];
    const whole = read(text, text.length);
    expect(whole.rows).toBe(lines.length);
    // Samples at 5 Hz: kept at 0, 1, 2, ... s.
    expect(whole.frames.map((f) => f.timeS)).toEqual(times.filter((t) => Math.abs(t - Math.round(t)) < 1e-9));
    for (const frame of whole.frames) {
      const at = lines.filter(([, t]) => t === frame.timeS);
      expect(frame.count).toBe(at.length);
      at.forEach(([, , x, y], k) => {
        expect(frame.x[k]).toBeCloseTo(x, 3);
        expect(frame.y[k]).toBeCloseTo(y, 3);
      });
      expect(frame.vehicleCount + frame.tramCount).toBe(0);
    }
    for (const chunk of [1, 7, 4096]) expect(read(text, chunk).frames).toEqual(whole.frames);
    // Every sample with no thinning.
    expect(read(text, 999, 0).frames.length).toBe(times.length);
  });

  it('refuses what is not a trajectories.csv, naming the file and the line', () => {
    const message = (content: string) => {
      try {
        read(content, 5);
      } catch (error) {
        expect(error).toBeInstanceOf(TrajectoryFileError);
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(message('')).toBe('trajectories.csv: line 1: empty: expected the header "id,timeS,x,y"');
    expect(message('agent,t,x,y\n1,0,1,1\n')).toBe('trajectories.csv: line 1: expected the header "id,timeS,x,y" of a trajectories.csv written by vigie run --trajectories, found "agent,t,x,y"');
    expect(message('id,timeS,x,y\n1,0,1,1\n2,0,1\n')).toBe('trajectories.csv: line 3: expected 4 fields (id,timeS,x,y), found 3');
    expect(message('id,timeS,x,y\n1,0,1,1\n2,0,one,1\n')).toBe('trajectories.csv: line 3: expected numbers for timeS, x and y, found "2,0,one,1"');
    expect(message('id,timeS,x,y\n1,1,1,1\n2,0.5,1,1\n')).toBe('trajectories.csv: line 3: time goes back from 1 s to 0.5 s (rows must be grouped by time, in order)');
    expect(message('\uFEFFid,timeS,x,y\r\n1,0,1,1\r\n')).toBe('accepted');
  });
});
