/**
 * Signal changes asked for at run time (all-red, a forced phase, back to the plan, a new offset)
 * never switch a green straight to red: the green turns amber for the amber time, every phase is
 * red for the all-red time, and only then does another phase turn green.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeSignalMode, changeSignalOffset, planStateAt, signalStateAt, SignalMode, SignalState, type SignalPlan } from '../../../engine/vehicles/SignalPlans.ts';

const STEP_S = 0.05;
/** MIN_GREEN_S + amber + all-red + one more amber of the plan. */
const SETTLE_S = 5 + 3 + 2 + 3;

function plan(): SignalPlan {
  return { node: 0, cycleS: 60, offsetS: 0, amberS: 3, allRedS: 2, phaseCount: 2, greenS: 25, forcedPhase: -1, allRed: false, clearPhase: -1, clearGreenEndS: -Infinity, clearAmberEndS: -Infinity, clearEndS: -Infinity };
}

/** The states of both phases every step from `fromS` to `toS`. */
function timeline(p: SignalPlan, fromS: number, toS: number): number[][] {
  const states: number[][] = [];
  for (let tick = Math.round(fromS / STEP_S); tick * STEP_S < toS; tick++) states.push([0, 1].map((phase) => signalStateAt(p, phase, tick * STEP_S)));
  return states;
}

describe('a forced phase', () => {
  it('comes after the amber of the green it cuts short and the all-red', () => {
    const p = plan();
    // At 10 s phase 0 is green (0-25 s); force phase 1.
    changeSignalMode(p, 10, 1);
    expect(signalStateAt(p, 0, 10)).toBe(SignalState.amber);
    expect(signalStateAt(p, 0, 12.95)).toBe(SignalState.amber);
    expect(signalStateAt(p, 0, 13)).toBe(SignalState.red);
    expect(signalStateAt(p, 1, 14.95)).toBe(SignalState.red);
    expect(signalStateAt(p, 1, 15)).toBe(SignalState.green);
    expect(signalStateAt(p, 1, 500)).toBe(SignalState.green);
    expect(signalStateAt(p, 0, 500)).toBe(SignalState.red);
  });

  it('keeps a green that is already the forced one', () => {
    const p = plan();
    changeSignalMode(p, 10, 0);
    expect(signalStateAt(p, 0, 10)).toBe(SignalState.green);
    expect(signalStateAt(p, 0, 40)).toBe(SignalState.green);
  });
});

describe('resuming the plan', () => {
  it('shows the plan again after at most an amber, an all-red and one of the plan\'s ambers', () => {
    const p = plan();
    changeSignalMode(p, 10, SignalMode.allRed);
    changeSignalMode(p, 100, SignalMode.plan);
    for (let t = 100 + 3 + 2 + 3; t < 400; t += STEP_S) for (const phase of [0, 1]) expect(signalStateAt(p, phase, t)).toBe(planStateAt(p, phase, t));
  });
});

/** One command: wait `waitTicks`, then switch to a mode or re-offset the plan. */
const command = fc.record({
  waitTicks: fc.integer({ min: 1, max: 800 }),
  mode: fc.constantFrom(SignalMode.plan, SignalMode.allRed, 0, 1, 'offset' as const),
  offsetS: fc.integer({ min: 0, max: 59 }),
});

describe('any sequence of signal commands', () => {
  it('never turns a green red without a full amber, never shows two phases at once, keeps the all-red before a green, and shows the new mode within 13 s', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 12 }), (commands) => {
        const p = plan();
        const commandAt = new Map<number, (typeof commands)[number]>();
        let tick = 200;
        for (const c of commands) commandAt.set((tick += c.waitTicks), c);
        const lastTick = tick + 2000;
        let previous = [planStateAt(p, 0, 199 * STEP_S), planStateAt(p, 1, 199 * STEP_S)];
        const amberTicks = [0, 0];
        let mode: number = SignalMode.plan;
        let lastCommandTick = 0;
        let allRedTicks = 0;
        for (let t = 200; t < lastTick; t++) {
          const c = commandAt.get(t);
          if (c) {
            if (c.mode === 'offset') changeSignalOffset(p, t * STEP_S, c.offsetS);
            else {
              changeSignalMode(p, t * STEP_S, c.mode);
              mode = c.mode;
            }
            lastCommandTick = t;
          }
          const now = [signalStateAt(p, 0, t * STEP_S), signalStateAt(p, 1, t * STEP_S)];
          // Settled within a minimum green, an amber, an all-red (and a plan's amber when resuming).
          if (t - lastCommandTick >= Math.round(SETTLE_S / STEP_S)) {
            for (const phase of [0, 1]) {
              const expected = mode === SignalMode.plan ? planStateAt(p, phase, t * STEP_S) : mode === phase ? SignalState.green : SignalState.red;
              if (now[phase] !== expected) return false;
            }
          }
          if (now[0] !== SignalState.red && now[1] !== SignalState.red) return false;
          for (const phase of [0, 1]) {
            if (previous[phase] === SignalState.green && now[phase] === SignalState.red) return false;
            if (previous[phase] === SignalState.amber && now[phase] !== SignalState.amber && amberTicks[phase] < Math.round(3 / STEP_S) - 1) return false;
            if (previous[phase] === SignalState.red && now[phase] === SignalState.amber) return false;
            if (previous[phase] === SignalState.red && now[phase] === SignalState.green && allRedTicks < Math.round(2 / STEP_S) - 1) return false;
            amberTicks[phase] = now[phase] === SignalState.amber ? amberTicks[phase] + 1 : 0;
          }
          allRedTicks = now[0] === SignalState.red && now[1] === SignalState.red ? allRedTicks + 1 : 0;
          previous = now;
        }
        return true;
      }),
      { seed: 4, numRuns: 300 },
    );
  });
});
