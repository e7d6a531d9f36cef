/**
 * Phase 12: responses (engine/responses/). At the end of the step (time (tick + 1) x stepS), the
 * responses' steps that are due run in order: a simulated operator's decision (an `ack` of the
 * request logged with the alert), then the commands: one `command` event per action (causes: the
 * alert), carried out on the world (respondActions.ts), and its `ack` (causes: the command) with
 * what the actuator did. Dispatched teams are watched until they arrive (an `ack` of type
 * `dispatch.arrived`). Every row goes to the run summary's `responses`. Nothing happens without a
 * control loop (`world.control`). Allocation only per command, never per agent.
 */
import type { VigieEvent } from '../../events/VigieEvent.ts';
import { actionTarget, endTickAtOrAfter, nextEventId, schedule, skippedRecord, type Activation, type ControlLoop, type ResponseRecord } from '../../responses/ControlLoop.ts';
import type { ResponseActionSpec, ResponseSpec } from '../../responses/ResponseSet.ts';
import { dispatchedTrips } from '../../vehicles/actuation.ts';
import type { World } from '../../world/World.ts';
import { applyResponseAction } from './respondActions.ts';

/** Runs the responses' steps due by the end of this step, and notes teams that arrived. */
export function respond(world: World): void {
  const loop = world.control;
  if (loop === null || (loop.pending.length === 0 && loop.teams.length === 0)) return;
  const stepS = world.clock.stepS;
  const endTick = world.clock.tick + 1;
  const nowS = endTick * stepS;
  if (loop.teams.length > 0) watchTeams(world, loop, nowS);
  while (loop.pending.length > 0 && loop.pending[0].dueEndTick <= endTick) {
    const step = loop.pending.shift()!;
    if (step.kind === 'decide') decide(world, loop, step.activation, nowS);
    else act(world, loop, step.activation, nowS);
  }
}

/** The operator's decision: an ack of the request; confirmed, the commands follow after delayS. */
function decide(world: World, loop: ControlLoop, activation: Activation, nowS: number): void {
  const { spec } = activation.response;
  const { alert } = activation;
  world.eventLog.push({
    id: nextEventId(loop, 'operator'), category: 'ack', type: 'operator.confirm', source: 'operator', timeS: nowS,
    data: { response: spec.id, alert: alert.id, confirmed: activation.confirmed === true }, causes: [activation.requestId!],
  });
  if (activation.confirmed) {
    schedule(loop, endTickAtOrAfter(nowS + (spec.delayS ?? 0), world.clock.stepS), 'act', activation);
    return;
  }
  for (const action of spec.actions) loop.records.push(skippedRecord(spec, alert, action, false, `not confirmed by the operator (after ${spec.operator!.takesS} s)`));
}

/** The commands of an activation, each carried out and acknowledged. */
function act(world: World, loop: ControlLoop, activation: Activation, nowS: number): void {
  const { spec } = activation.response;
  for (const action of spec.actions) carryOut(world, loop, spec, action, activation.alert, nowS, `response:${spec.id}`, activation.confirmed);
}

/**
 * One command: a `command` event from `source` (causes: the alert, when it is one the log holds),
 * carried out on the world, its `ack` from the actuator (causes: the command), a row of the
 * summary's `responses`, and a dispatched team watched until it arrives. Shared by the responses
 * and by an operator's commands (operatorCommand.ts). Returns the row.
 */
export function carryOut(world: World, loop: ControlLoop, spec: ResponseSpec, action: ResponseActionSpec, alert: VigieEvent, nowS: number, source: string, confirmed: boolean | null): ResponseRecord {
  const logged = alert.category === 'alert';
  const command: VigieEvent = {
    id: nextEventId(loop, source), category: 'command', type: action.action, source, timeS: nowS,
    ...(alert.x !== undefined && alert.y !== undefined ? { x: alert.x, y: alert.y } : {}), ...(alert.zone !== undefined ? { zone: alert.zone } : {}),
    data: { response: spec.id, ...(logged ? { alert: alert.id } : {}), ...commandArguments(action) }, causes: logged ? [alert.id] : [],
  };
  world.eventLog.push(command);
  const outcome = applyResponseAction(world, loop, spec, action, alert, nowS);
  world.eventLog.push({
    id: nextEventId(loop, outcome.actuator), category: 'ack', type: action.action, source: outcome.actuator, timeS: nowS,
    data: { ok: outcome.ok, result: outcome.result, ...(outcome.trip ? { trip: outcome.trip } : {}) }, causes: [command.id],
  });
  const record: ResponseRecord = {
    response: spec.id, rule: alert.source, alert: alert.id, alertS: alert.timeS, action: action.action, target: actionTarget(action),
    command: command.id, commandS: nowS, delayS: nowS - alert.timeS, confirmed, ok: outcome.ok, result: outcome.result,
  };
  if (outcome.trip !== undefined) {
    const there = outcome.demand! < 0;
    Object.assign(record, { trip: outcome.trip, arriveS: there ? nowS : null, responseTimeS: there ? nowS - alert.timeS : null });
    if (!there) loop.teams.push({ record, demand: outcome.demand!, command: command.id });
  }
  loop.records.push(record);
  return record;
}

/** Teams whose vehicle arrived since the last step: their arrival and response time, and an ack. */
function watchTeams(world: World, loop: ControlLoop, nowS: number): void {
  const traffic = world.traffic!;
  for (let k = 0; k < loop.teams.length; k++) {
    const team = loop.teams[k];
    if (traffic.demand[team.demand].arrived === 0) continue;
    const trip = dispatchedTrips(traffic, world.clock.stepS, nowS).find((t) => t.id === team.record.trip);
    const arriveS = round4(trip?.arriveS ?? nowS);
    team.record.arriveS = arriveS;
    team.record.responseTimeS = round4(arriveS - team.record.alertS);
    const source = `team:${team.record.target.slice('team '.length)}`;
    world.eventLog.push({
      id: nextEventId(loop, source), category: 'ack', type: 'dispatch.arrived', source, timeS: nowS,
      data: { trip: team.record.trip!, arriveS, responseTimeS: team.record.responseTimeS }, causes: [team.command],
    });
    loop.teams.splice(k--, 1);
  }
}

/** A command's arguments as event data (the action's fields but its name). */
function commandArguments(action: ResponseActionSpec): VigieEvent['data'] {
  const data: VigieEvent['data'] = {};
  for (const [key, value] of Object.entries(action)) if (key !== 'action' && value !== undefined) data[key] = value as VigieEvent['data'][string];
  return data;
}

function round4(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
