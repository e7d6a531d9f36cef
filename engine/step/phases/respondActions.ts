/**
 * The actions of a response, carried out on the world (phase respond): each takes the action's
 * spec and the alert that started it and returns what the actuator did, for its acknowledgement.
 * Traffic actions go through the traffic actuators (engine/vehicles/actuation.ts), cameras and
 * lights through the sensors' (pointCamera, setStreetLightLevel), exits through processEvents'
 * `setExitOpen`; a public address gives the people in a zone the floor field of other exits.
 * Never throws on a command that cannot be carried out: it is refused, with its reason. Not a hot
 * path (per command); a public address scans the agents once.
 */
import { AgentKind } from '../../agents/AgentStore.ts';
import type { VigieEvent } from '../../events/VigieEvent.ts';
import { pointInPolygon } from '../../geometry/polygon.ts';
import { computeFloorField } from '../../navigation/FloorField.ts';
import type { ControlLoop } from '../../responses/ControlLoop.ts';
import type { ResponseActionSpec, ResponseSpec } from '../../responses/ResponseSet.ts';
import { pointCamera } from '../../sensors/pointCamera.ts';
import { setStreetLightLevel } from '../../sensors/Lighting.ts';
import type { TrafficAction } from '../../scenario/Scenario.ts';
import { ActuationError } from '../../vehicles/ActuationError.ts';
import { applyTrafficAction } from '../../vehicles/actuation.ts';
import type { Traffic } from '../../vehicles/Traffic.ts';
import type { World } from '../../world/World.ts';
import { setExitOpen } from './processEvents.ts';

/** What an actuator did with a command. */
export interface ActionOutcome {
  ok: boolean;
  result: string;
  /** The actuator, as the acknowledgement's source (`closure:bollards`, `exit:E2`, `team:police`). */
  actuator: string;
  /** dispatch: the trip's id and its one-vehicle demand entry (-1 when the team was already there). */
  trip?: string;
  demand?: number;
}

/** Carries out one action of `response` for `alert` at `nowS`. */
export function applyResponseAction(world: World, loop: ControlLoop, response: ResponseSpec, action: ResponseActionSpec, alert: VigieEvent, nowS: number): ActionOutcome {
  switch (action.action) {
    case 'closure.set':
      return traffic(world, `closure:${action.closure}`, nowS, { kind: 'setClosure', closure: action.closure!, active: action.active ?? true });
    case 'signal.allRed':
      return traffic(world, `signal:${action.signal}`, nowS, { kind: 'forceAllRed', signal: action.signal! });
    case 'signal.forcePhase':
      return traffic(world, `signal:${action.signal}`, nowS, { kind: 'forcePhase', signal: action.signal!, phase: action.phase! });
    case 'signal.resume':
      return traffic(world, `signal:${action.signal}`, nowS, { kind: 'resumePlan', signal: action.signal! });
    case 'signal.greenWave':
      return traffic(world, `signal:${action.signals![0]}`, nowS, { kind: 'setGreenWave', signals: action.signals!, speedKph: action.speedKph! });
    case 'dispatch':
      return dispatch(world, loop, action, alert, nowS);
    case 'camera.point': {
      const actuator = `camera:${action.camera}`;
      if (alert.x === undefined || alert.y === undefined) return { ok: false, actuator, result: 'refused: the alert has no place to point at' };
      if (!pointCamera(world, action.camera!, alert.x, alert.y)) return { ok: false, actuator, result: `refused: no PTZ camera ${JSON.stringify(action.camera)} that can point at (${round2(alert.x)}, ${round2(alert.y)})` };
      const camera = world.sensors!.cameras[world.sensors!.cameraIndex.get(action.camera!)!];
      return { ok: true, actuator, result: `turning toward (${round2(alert.x)}, ${round2(alert.y)}), bearing ${round2((camera.targetHeadingRad * 180) / Math.PI)} deg` };
    }
    case 'lights.set': {
      const refused = action.lights!.filter((light) => !setStreetLightLevel(world, light, action.level!));
      const actuator = `lights:${action.lights!.join(',')}`;
      if (refused.length > 0) return { ok: false, actuator, result: `refused for unknown lights ${refused.join(', ')}` };
      return { ok: true, actuator, result: `${action.lights!.join(', ')} at level ${action.level}` };
    }
    case 'exit.close':
    case 'exit.open':
      return exitAction(world, loop, response, action);
    case 'publicAddress':
      return publicAddress(world, loop, action);
    default:
      return { ok: false, actuator: 'response', result: `refused: unknown action ${JSON.stringify(action.action)}` };
  }
}

/** A traffic actuation; refused without traffic, or when the actuator refuses it. */
function traffic(world: World, actuator: string, nowS: number, trafficAction: TrafficAction): ActionOutcome {
  if (world.traffic === null) return { ok: false, actuator, result: 'refused: the scenario has no road traffic' };
  try {
    return { ok: true, actuator, result: applyTrafficAction(world.traffic, nowS, trafficAction, 'runtime').result };
  } catch (error) {
    if (!(error instanceof ActuationError)) throw error;
    return { ok: false, actuator, result: `refused: ${error.message}` };
  }
}

/** The road node nearest to a point (ties: the lowest index). */
function nearestNode(traffic: Traffic, xM: number, yM: number): number {
  const xy = traffic.network.nodeXY;
  let best = -1;
  let bestM2 = Infinity;
  for (let n = 0; n < xy.length / 2; n++) {
    const d2 = (xy[2 * n] - xM) ** 2 + (xy[2 * n + 1] - yM) ** 2;
    if (d2 < bestM2) {
      bestM2 = d2;
      best = n;
    }
  }
  return best;
}

/** A team's vehicle from its base to the road node nearest the alert. */
function dispatch(world: World, loop: ControlLoop, action: ResponseActionSpec, alert: VigieEvent, nowS: number): ActionOutcome {
  const actuator = `team:${action.team}`;
  const roads = world.traffic;
  if (roads === null) return { ok: false, actuator, result: 'refused: the scenario has no road traffic' };
  if (alert.x === undefined || alert.y === undefined) return { ok: false, actuator, result: 'refused: the alert has no place to go to' };
  const from = typeof action.base === 'number' ? action.base : nearestNode(roads, action.base![0], action.base![1]);
  const to = nearestNode(roads, alert.x, alert.y);
  if (from === to) return { ok: true, actuator, result: `already on the spot (road node ${to})`, trip: '', demand: -1 };
  let n = loop.teamTrips.get(action.team!) ?? 0;
  let id = '';
  do id = `${action.team}#${++n}`; while (roads.demand.some((entry) => entry.id === id));
  loop.teamTrips.set(action.team!, n);
  const outcome = traffic(world, actuator, nowS, { kind: 'dispatchVehicle', vehicleClass: action.vehicleClass ?? 'emergency', from, to, id });
  return outcome.ok ? { ...outcome, trip: id, demand: roads.demand.length - 1 } : outcome;
}

/** Closes or opens an exit; closing the last open exit of a goal set is refused unless the response allows it. */
function exitAction(world: World, loop: ControlLoop, response: ResponseSpec, action: ResponseActionSpec): ActionOutcome {
  const actuator = `exit:${action.exit}`;
  const exit = world.exitIds.indexOf(action.exit!);
  if (exit < 0) return { ok: false, actuator, result: `refused: unknown exit ${JSON.stringify(action.exit)}` };
  const open = action.action === 'exit.open';
  if ((world.exitOpen[exit] === 1) === open) return { ok: true, actuator, result: `already ${open ? 'open' : 'closed'}` };
  if (!open && (response.limits?.keepOneExitOpen ?? true)) {
    const exitCount = world.exitIds.length;
    const inUse = new Set([...world.populations.map((population) => population.fieldIndex), ...loop.addressFields.values()]);
    for (const f of [...inUse].sort((a, b) => a - b)) {
      if (!world.fieldExit[f * exitCount + exit]) continue;
      const others = world.fields[f].exitIndices.filter((e) => e !== exit && world.exitOpen[e] === 1);
      if (others.length === 0) {
        const goal = world.fields[f].exitIndices.map((e) => world.exitIds[e]).join(', ');
        return { ok: false, actuator, result: `refused: ${action.exit} is the only open exit of the goal set (${goal}) (limits.keepOneExitOpen)` };
      }
    }
  }
  const stranded = setExitOpen(world, exit, open);
  const result = open ? 'opened; floor fields recomputed' : `closed; floor fields recomputed${stranded.length > 0 ? `; no open exit left for (${stranded.join('), (')})` : ''}`;
  return { ok: true, actuator, result };
}

/** Redirects the pedestrians inside the zone to the goal's exits (a floor field made once per goal set). */
function publicAddress(world: World, loop: ControlLoop, action: ResponseActionSpec): ActionOutcome {
  const actuator = `publicAddress:${action.zone}`;
  const polygon = loop.zones.get(action.zone!);
  if (polygon === undefined) return { ok: false, actuator, result: `refused: unknown zone ${JSON.stringify(action.zone)}` };
  if (world.exitChoice !== null) return { ok: false, actuator, result: 'refused: people choose their exits by congestion (navigation.exitChoice), which would override the message' };
  const goals = [...new Set(typeof action.goal === 'string' ? [action.goal] : action.goal!)].sort();
  const exits = goals.map((id) => world.exitIds.indexOf(id));
  if (exits.some((e) => e < 0)) return { ok: false, actuator, result: `refused: unknown exit in ${goals.join(', ')}` };
  const key = goals.join('\u0000');
  let field = loop.addressFields.get(key);
  if (field === undefined) {
    field = world.fields.findIndex((f) => [...f.exitIndices].sort((a, b) => a - b).join() === [...exits].sort((a, b) => a - b).join());
    if (field < 0) field = addField(world, exits);
    loop.addressFields.set(key, field);
  }
  const { agents } = world;
  let redirected = 0;
  for (let i = 0; i < agents.count; i++) {
    if (agents.kind[i] !== AgentKind.pedestrian || !pointInPolygon(agents.posXM[i], agents.posYM[i], polygon)) continue;
    agents.field[i] = field;
    redirected++;
  }
  const open = exits.some((e) => world.exitOpen[e] === 1);
  return { ok: true, actuator, result: `${redirected} people in ${action.zone} sent to ${goals.join(', ')}${open ? '' : ' (every one of them closed: they stand still)'}` };
}

/** A new floor field toward `exits` (world.fields and fieldExit grow by one field). */
function addField(world: World, exits: number[]): number {
  const field = world.fields.length;
  // NOTE: world.fields is the pedestrian model's array too (same object), so pushing reaches it.
  world.fields.push(computeFloorField(world.nav, exits, world.exitOpen));
  const exitCount = world.exitIds.length;
  const fieldExit = new Uint8Array((field + 1) * exitCount);
  fieldExit.set(world.fieldExit.subarray(0, field * exitCount));
  for (const e of exits) fieldExit[field * exitCount + e] = 1;
  world.fieldExit = fieldExit;
  world.pedestrianModel.fieldExit = fieldExit;
  return field;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
