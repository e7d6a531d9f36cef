/**
 * Phase 4a: gates follow their signals. A gate tied to a traffic signal's phase is open while
 * that phase shows green (the people's green at a signalised crossing), closed otherwise: closed,
 * it stops people from stepping onto the crossing, while those already on it walk on.
 */
import { signalStateAt, SignalState } from '../../vehicles/SignalPlans.ts';
import type { World } from '../../world/World.ts';

/** Opens and closes the gates for the current time. */
export function updateGates(world: World): void {
  const gates = world.scenario.geometry.gates;
  if (!gates || gates.length === 0) return;
  const traffic = world.traffic;
  const nowS = world.clock.tick * world.clock.stepS;
  for (let g = 0; g < gates.length; g++) {
    const signal = gates[g].signal;
    if (!signal || !traffic) continue;
    world.gateOpen[g] = signalStateAt(traffic.signals[signal.signal], signal.phase, nowS) === SignalState.green ? 1 : 0;
  }
}
