/**
 * Closures and bollards: while a closure is active no vehicle enters its links (emergency
 * vehicles do when the closure lets them through: bollards lowered for them), routes avoid them,
 * and vehicles re-route. Vehicles already on a closed link drive on (a vehicle past a bollard is
 * not trapped); a vehicle with no way round waits at the closure. Checked every step (a handful
 * of closures); routes are recomputed only when a closure opens or closes.
 */
import { routeLinks, type Traffic } from './Traffic.ts';
import { EMERGENCY_CLASS, HOSTILE_CLASS } from './vehicleClasses.ts';

/** Closed to all vehicles / to all but emergency vehicles. */
export const CLOSED_TO_ALL = 2;
export const CLOSED_EXCEPT_EMERGENCY = 1;

/**
 * Applies the closures due at `nowS` (their time window, or the manual override set at run time
 * by setClosure in actuation.ts, which wins until changed); re-routes when one changed. Returns
 * true when one changed.
 */
export function updateClosures(traffic: Traffic, nowS: number): boolean {
  let changed = false;
  const override = traffic.actuation.closureOverride;
  for (let k = 0; k < traffic.closures.length; k++) {
    const closure = traffic.closures[k];
    const active = override[k] < 0 ? nowS >= closure.fromS && nowS < closure.toS : override[k] === 1;
    if (active !== closure.active) {
      closure.active = active;
      changed = true;
    }
  }
  if (!changed) return false;
  const closed = traffic.linkClosed;
  closed.fill(0);
  for (const closure of traffic.closures) {
    if (!closure.active) continue;
    const level = closure.emergencyPass ? CLOSED_EXCEPT_EMERGENCY : CLOSED_TO_ALL;
    for (const link of closure.links) closed[link] = Math.max(closed[link], level);
  }
  const closedToAll = traffic.linkClosedToAll;
  for (let link = 0; link < closed.length; link++) closedToAll[link] = closed[link] === CLOSED_TO_ALL ? 1 : 0;
  // Raised bollards: the physical barrier a hostile vehicle meets (the closure's index + 1).
  const barrier = traffic.linkBarrier;
  barrier.fill(0);
  traffic.closures.forEach((closure, k) => {
    if (closure.active && closure.kind === 'bollard' && !closure.broken) for (const link of closure.links) barrier[link] = k + 1;
  });
  reroute(traffic);
  traffic.network.router.blocked = null;
  return true;
}

/**
 * The links of the quickest route from node `from` to node `to` for a vehicle of class `cls`,
 * around the closures active now that do not let it through, or null (a new trip at run time).
 */
export function routeAroundClosures(traffic: Traffic, cls: number, from: number, to: number): Int32Array | null {
  blockFor(traffic, cls);
  const route = routeLinks(traffic.network, from, to);
  traffic.network.router.blocked = null;
  return route;
}

/** Points the router at the links closed to vehicles of class `cls` (none for a hostile vehicle). */
function blockFor(traffic: Traffic, cls: number): void {
  traffic.network.router.blocked = cls === HOSTILE_CLASS ? null : cls === EMERGENCY_CLASS ? traffic.linkClosedToAll : traffic.linkClosed;
}

/**
 * True when a vehicle of class `cls` may not enter `link` now: closed to all, or closed to all
 * but emergency vehicles and it is not one. A hostile vehicle heeds no closure (raised bollards
 * stop it physically, or not: hostileVehicles.ts).
 */
export function isClosedTo(traffic: Traffic, link: number, cls: number): boolean {
  const closed = traffic.linkClosed[link];
  if (closed === 0 || cls === HOSTILE_CLASS) return false;
  return closed === CLOSED_TO_ALL || cls !== EMERGENCY_CLASS;
}

/**
 * New routes, avoiding the links closed to each vehicle's class (emergency vehicles only avoid
 * those that do not let them through): for each demand entry (the vehicles still to come) and
 * for each vehicle on the road, from the end of the link it is on to its destination. A
 * vehicle whose remaining route is unchanged keeps it; one with no way round keeps its route and
 * waits at the closure.
 */
function reroute(traffic: Traffic): void {
  const { network, vehicles, routes } = traffic;
  for (const demand of traffic.demand) {
    if (demand.route === null) continue;
    blockFor(traffic, demand.classIndex);
    const route = routeLinks(network, network.linkFrom[demand.route[0]], demand.toNode);
    if (route === null) {
      demand.routeIndex = -1;
      continue;
    }
    routes.push(route);
    demand.routeIndex = routes.length - 1;
  }
  for (let i = 0; i < vehicles.count; i++) {
    const link = vehicles.link[i];
    const current = routes[vehicles.route[i]];
    const cursor = vehicles.cursor[i];
    if (cursor + 1 >= current.length) continue;
    blockFor(traffic, vehicles.vehicleClass[i]);
    const rest = routeLinks(network, network.linkTo[link], traffic.demand[vehicles.demand[i]].toNode);
    if (rest === null) continue;
    let same = rest.length === current.length - cursor - 1;
    for (let k = 0; same && k < rest.length; k++) same = rest[k] === current[cursor + 1 + k];
    if (same) continue;
    const route = new Int32Array(rest.length + 1);
    route[0] = link;
    route.set(rest, 1);
    routes.push(route);
    vehicles.route[i] = routes.length - 1;
    vehicles.cursor[i] = 0;
    traffic.rerouted++;
  }
}
