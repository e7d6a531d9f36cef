/**
 * A command an operator gives at run time (the browser's hypervision panel, a live server):
 * the same actions as a rules file's responses (raise the bollards, switch a light, point a PTZ
 * camera, close an exit, a public address, dispatch a team), checked against the running
 * scenario, carried out at once (before the next step, at the current simulated time) and written
 * to the event log as a `command` from `operator` and its actuator's `ack`, as a response's are
 * (respond.ts `carryOut`); it is a row of the summary's `responses` too. A world without rules
 * gets an empty control loop for it (no rule, no response: it only carries the operator's log).
 */
import type { VigieEvent } from '../../events/VigieEvent.ts';
import { commandProblems } from '../../responses/loadResponses.ts';
import { createControlLoop } from '../../responses/ControlLoop.ts';
import type { ResponseActionSpec, ResponseSpec } from '../../responses/ResponseSet.ts';
import type { World } from '../../world/World.ts';
import { carryOut } from './respond.ts';

/** What became of a command: carried out (or refused by its actuator: `ok` false, `result` says why), or not valid (`problems`). */
export type OperatorCommandResult =
  | { valid: true; ok: boolean; command: string; result: string; trip?: string }
  | { valid: false; problems: { path: string; message: string }[] };

/** The operator's standing orders: a response of no rule, named for the log. */
const OPERATOR: ResponseSpec = { id: 'operator', on: { rule: 'operator' }, actions: [] };

/**
 * Carries out `action` now. `place` (local metres) is where it concerns: where a team is sent,
 * where a PTZ camera turns; a public address and the rest ignore it. Never throws for bad input.
 */
export function operatorCommand(world: World, action: unknown, place?: readonly [number, number]): OperatorCommandResult {
  world.control ??= createControlLoop({ rules: [] }, [], world.seed);
  const loop = world.control;
  const problems = commandProblems(action, world.scenario, [...loop.zones.keys()]);
  if (place !== undefined && !(Number.isFinite(place[0]) && Number.isFinite(place[1]))) problems.push({ path: 'place', message: 'expected [x, y] in metres' });
  if (problems.length > 0) return { valid: false, problems };
  const nowS = world.clock.tick * world.clock.stepS;
  // The place stands where a response's alert would: an event the log does not hold (no cause).
  const at: VigieEvent = {
    id: 'operator', category: 'command', type: 'operator.place', source: 'operator', timeS: nowS, data: {},
    ...(place !== undefined ? { x: place[0], y: place[1] } : {}),
  };
  const record = carryOut(world, loop, OPERATOR, action as ResponseActionSpec, at, nowS, 'operator', null);
  return { valid: true, ok: record.ok, command: record.command!, result: record.result, ...(record.trip ? { trip: record.trip } : {}) };
}
