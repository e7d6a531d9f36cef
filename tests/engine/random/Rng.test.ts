import { describe, expect, it } from 'vitest';
import { forkStream, Rng } from '../../../engine/random/Rng.ts';

describe('Rng (xoshiro128**)', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = new Rng(42), b = new Rng(42), c = new Rng(43);
    const seqA = Array.from({ length: 8 }, () => a.nextUint32());
    expect(Array.from({ length: 8 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 8 }, () => c.nextUint32())).not.toEqual(seqA);
  });

  it('restores a saved state, including a cached normal draw', () => {
    const rng = new Rng(7);
    rng.normal();
    const saved = rng.getState();
    const expected = [rng.normal(), rng.next(), rng.normal()];
    rng.setState(saved);
    expect([rng.normal(), rng.next(), rng.normal()]).toEqual(expected);
  });

  it('draws uniform values in [0, 1) with mean 1/2 and normal values with mean 0 and sd 1', () => {
    const rng = new Rng(1);
    let sum = 0, min = 1, max = 0;
    for (let i = 0; i < 100_000; i++) { const u = rng.next(); sum += u; min = Math.min(min, u); max = Math.max(max, u); }
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    let s1 = 0, s2 = 0;
    for (let i = 0; i < 100_000; i++) { const z = rng.normal(); s1 += z; s2 += z * z; }
    expect(s1 / 100_000).toBeCloseTo(0, 1);
    expect(Math.sqrt(s2 / 100_000)).toBeCloseTo(1, 1);
  });

  it('forks independent named streams from one seed', () => {
    const spawn = forkStream(5, 'spawn'), speeds = forkStream(5, 'speeds');
    expect(spawn.nextUint32()).not.toBe(speeds.nextUint32());
    expect(forkStream(5, 'spawn').nextUint32()).toBe(forkStream(5, 'spawn').nextUint32());
  });
});
