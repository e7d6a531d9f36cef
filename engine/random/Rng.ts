/**
 * Seeded pseudo-random generator: xoshiro128** (Blackman & Vigna 2018), 128-bit state in a
 * Uint32Array, seeded through SplitMix32 so that nearby seeds give unrelated streams.
 * Every random draw in the engine comes from one of these, one stream per subsystem
 * (see `forkStream`), so adding draws in one subsystem never shifts another's sequence.
 * State can be saved and restored (`getState` / `setState`), as SUMO's RandHelper allows.
 */
export class Rng {
  /** The 128-bit generator state; owned by this generator. */
  readonly state = new Uint32Array(4);
  private spareNormal = 0;
  private hasSpareNormal = false;

  constructor(seed: number) {
    let s = seed >>> 0;
    // SplitMix32 expansion of the 32-bit seed into the 128-bit state.
    for (let i = 0; i < 4; i++) {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.state[i] = (z ^ (z >>> 16)) >>> 0;
    }
    if ((this.state[0] | this.state[1] | this.state[2] | this.state[3]) === 0) this.state[0] = 1;
  }

  /** Next raw 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.state;
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /** Uniform float in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform float in [minValue, maxValue). */
  uniform(minValue: number, maxValue: number): number {
    return minValue + (maxValue - minValue) * this.next();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal draw (Marsaglia polar method, caching the second value). */
  normal(): number {
    if (this.hasSpareNormal) {
      this.hasSpareNormal = false;
      return this.spareNormal;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * factor;
    this.hasSpareNormal = true;
    return u * factor;
  }

  /** Fisher-Yates shuffle of the first `count` entries of an array, in place. */
  shuffle<T>(items: T[] | Int32Array | Float64Array, count = items.length): void {
    for (let i = count - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp as never;
    }
  }

  /** Saves the full state (generator plus cached normal) as plain numbers. */
  getState(): number[] {
    return [this.state[0], this.state[1], this.state[2], this.state[3], this.hasSpareNormal ? 1 : 0, this.spareNormal];
  }

  /** Restores a state saved by `getState`. */
  setState(saved: readonly number[]): void {
    for (let i = 0; i < 4; i++) this.state[i] = saved[i] >>> 0;
    this.hasSpareNormal = saved[4] === 1;
    this.spareNormal = saved[5];
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * A generator for one named subsystem of a world ("spawn", "speeds", "sensors"...): its seed is
 * the world seed mixed with a hash (FNV-1a) of the stream name, so streams are independent.
 */
export function forkStream(seed: number, streamName: string): Rng {
  let hash = 0x811c9dc5;
  for (let i = 0; i < streamName.length; i++) {
    hash ^= streamName.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return new Rng((seed ^ hash) >>> 0);
}

/**
 * A Poisson draw of mean `mean`: Knuth's multiplication method for small means, the normal
 * approximation (rounded, at least 0) beyond 30.
 */
export function poissonDraw(rng: Rng, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.normal()));
  const limit = Math.exp(-mean);
  let k = 0;
  let product = rng.next();
  while (product > limit) {
    k++;
    product *= rng.next();
  }
  return k;
}
