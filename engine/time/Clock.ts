/**
 * The fixed-step simulation clock. Time is an integer tick count times a step length, never a
 * running float sum (as SUMO's integer-millisecond SUMOTime and JuPedSim's dT * iteration).
 */
/** Default step length in seconds. */
export const DEFAULT_STEP_S = 0.05;

export interface Clock {
  /** Number of steps completed. */
  tick: number;
  /** Step length in seconds. */
  readonly stepS: number;
}

/** A clock at tick 0 with the given step length in seconds. */
export function createClock(stepS: number): Clock {
  return { tick: 0, stepS };
}

/** Simulated time in seconds at the current tick. */
export function clockTimeS(clock: Clock): number {
  return clock.tick * clock.stepS;
}

/** The first tick at or after a time in seconds (with a tolerance for float noise in the input). */
export function tickAtOrAfter(clock: Clock, timeS: number): number {
  return Math.max(0, Math.ceil(timeS / clock.stepS - 1e-9));
}
