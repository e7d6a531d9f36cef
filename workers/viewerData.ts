/**
 * What a viewer of a running world needs besides the people's positions (workers/simulationApi.ts
 * hands it out): the still layout of roads, tram tracks, cameras, street lights, closures and
 * bollards, signals, exits and the rules file's zones, the field teams the responses know, and
 * the state of the actuators at this instant (camera bearings, light levels, ambient light,
 * closures raised, exits open). Plain data and typed arrays only; read per call, never per step.
 */
import { bboxClip, lineString, polygon as turfPolygon } from '@turf/turf';
import type { World } from '../engine/index.ts';
import type { CityModel } from '../city-models/CityModel.ts';
import { ambientLuxAt } from '../engine/sensors/Lighting.ts';
import { HOSTILE_CLASS, VEHICLE_CLASS_NAMES } from '../engine/vehicles/vehicleClasses.ts';
import type { VehicleClass } from '../engine/scenario/Scenario.ts';

/** A polyline or polygon in local metres. */
export type PointsM = [number, number][];

/** The actuators and what the viewer draws around them (sent once, with the scene). */
export interface SceneLayout {
  /** Road links as polylines, with their lanes. */
  roads: { points: PointsM; lanes: number }[];
  tramTracks: PointsM[];
  /** The city's water areas (rings; the sea, a river's banks) and water lines, clipped to the area widened by half (empty without a city). */
  water: PointsM[];
  waterLines: PointsM[];
  /** The city's footways, paths and pedestrian streets (centre lines) clipped to the area (empty without a city). */
  footways: PointsM[];
  /** Cameras: where, at what height, facing (degrees clockwise from north at load), their field of view and range. */
  cameras: { id: string; kind: 'fixed' | 'ptz'; x: number; y: number; heightM: number; headingDeg: number; fovDeg: number; rangeM: number }[];
  streetLights: { id: string; polygon: PointsM; lux: number }[];
  /** Closures (kind `bollard`: rising bollards) and the links they close, as polylines; `at`: where a bollard stands. */
  closures: { id: string; kind: 'bollard' | 'closure'; links: PointsM[]; at: [number, number] | null }[];
  /** Signalised junctions, by index in traffic.signals. */
  signals: { index: number; x: number; y: number; phases: number }[];
  /** The rules file's zones (a public address speaks to one). */
  zones: { id: string; polygon: PointsM }[];
  /** Teams the responses dispatch, with their base (a road node's position) and vehicle class; on roads without any, one `patrol` from the first road node. */
  teams: { team: string; base: [number, number]; vehicleClass: VehicleClass }[];
  /** Vehicle class names, by the class index the snapshot's `vehicleClass` holds. */
  vehicleClasses: VehicleClass[];
}

/** The actuators' state now. */
export interface ActuatorState {
  /** Per camera (scene order): bearing now, degrees clockwise from north. */
  cameraHeadingDeg: Float32Array;
  /** Per street light: level in [0, 1]. */
  lightLevel: Float32Array;
  /** Ambient (sky) illuminance on the ground now, lux. */
  ambientLux: number;
  /** Per closure: 1 raised (active). */
  closureActive: Uint8Array;
  /** Per exit (scene order): 1 open. */
  exitOpen: Uint8Array;
  /** Road vehicles inside the pedestrian streets now (on a link a closure of pedestrian streets or bollards closes), hostile ones apart. */
  vehiclesInPedestrianZone: number;
  hostileInPedestrianZone: number;
}

const degrees = (rad: number) => (rad * 180) / Math.PI;
/** Scene bearing (radians from east, counter-clockwise, as the engine keeps it) to degrees clockwise from north. */
const bearingDeg = (headingRad: number) => ((90 - degrees(headingRad)) % 360 + 360) % 360;

function polyline(xy: Float64Array): PointsM {
  const points: PointsM = [];
  for (let k = 0; k + 1 < xy.length; k += 2) points.push([xy[k], xy[k + 1]]);
  return points;
}

/** The layout of `world`, with the water and footways of its city (null: a scenario without one). */
export function sceneLayout(world: World, city: CityModel | null): SceneLayout {
  const traffic = world.traffic;
  const network = traffic?.network;
  const nodeAt = (node: number): [number, number] => [network!.nodeXY[2 * node], network!.nodeXY[2 * node + 1]];
  const cameras = (world.sensors?.cameras ?? []).map((camera) => ({
    id: camera.id, kind: camera.kind, x: camera.xM, y: camera.yM, heightM: camera.heightM,
    headingDeg: bearingDeg(camera.headingRad), fovDeg: degrees(camera.fovRad), rangeM: camera.rangeM,
  }));
  const lighting = world.sensors?.lighting;
  const streetLights = (lighting?.lightIds ?? []).map((id, k) => ({ id, polygon: lighting!.polygons[k].map(([x, y]) => [x, y] as [number, number]), lux: lighting!.lux[k] }));
  const closures = (traffic?.closures ?? []).map((closure) => {
    const links = [...closure.links].map((link) => polyline(network!.linkShape[link]));
    // A bollard stands where its first link starts (the entrance of the street it closes).
    const at = closure.kind === 'bollard' && closure.links.length > 0 ? nodeAt(network!.linkFrom[closure.links[0]]) : null;
    return { id: closure.id, kind: closure.kind, links, at };
  });
  const teams = new Map<string, SceneLayout['teams'][number]>();
  for (const response of world.control?.responses ?? []) {
    for (const action of response.spec.actions) {
      if (action.action !== 'dispatch' || teams.has(action.team!) || network === undefined) continue;
      const base = typeof action.base === 'number' ? nodeAt(action.base) : action.base!;
      teams.set(action.team!, { team: action.team!, base: [base[0], base[1]], vehicleClass: action.vehicleClass ?? 'emergency' });
    }
  }
  // Without a team in the responses, a road network still has one patrol to send (from its first node).
  if (teams.size === 0 && network !== undefined && network.nodeXY.length >= 2) teams.set('patrol', { team: 'patrol', base: nodeAt(0), vehicleClass: 'emergency' });
  const [minX, minY, maxX, maxY] = world.space.bounds;
  const padX = (maxX - minX) / 2, padY = (maxY - minY) / 2;
  const box: [number, number, number, number] = [minX - padX, minY - padY, maxX + padX, maxY + padY];
  // Only lines whose box overlaps the area's are clipped (a line may cross it with no vertex inside).
  const crossesArea = (points: readonly (readonly number[])[]) => {
    const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
    return Math.min(...xs) <= maxX && Math.max(...xs) >= minX && Math.min(...ys) <= maxY && Math.max(...ys) >= minY;
  };
  const water: PointsM[] = [];
  const waterLines: PointsM[] = [];
  for (const entry of city?.water ?? []) {
    // Clipped with turf (a sea polygon may be kilometres wide); rings of three points or more are kept.
    if (entry.polygon !== undefined && entry.polygon.length > 0 && entry.polygon[0].length >= 4) {
      const clipped = bboxClip(turfPolygon(entry.polygon.map((ring) => ring.map(([x, y]) => [x, y]))), box).geometry;
      const polygons = (clipped.type === 'Polygon' ? [clipped.coordinates] : clipped.coordinates) as number[][][][];
      for (const polygon of polygons) if (polygon[0] !== undefined && polygon[0].length >= 4) water.push(polygon[0].map(([x, y]) => [x, y] as [number, number]));
    }
    if (entry.line !== undefined && entry.line.length >= 2) {
      const clipped = bboxClip(lineString(entry.line.map(([x, y]) => [x, y])), box).geometry;
      const lines = clipped.type === 'LineString' ? [clipped.coordinates] : clipped.coordinates;
      for (const line of lines) if (line.length >= 2) waterLines.push(line.map(([x, y]) => [x, y] as [number, number]));
    }
  }
  const footways: PointsM[] = [];
  for (const walkway of city?.walkways ?? []) {
    if (walkway.line.length < 2 || !crossesArea(walkway.line)) continue;
    const clipped = bboxClip(lineString(walkway.line.map(([x, y]) => [x, y])), [minX, minY, maxX, maxY]).geometry;
    const lines = clipped.type === 'LineString' ? [clipped.coordinates] : clipped.coordinates;
    for (const line of lines) if (line.length >= 2) footways.push(line.map(([x, y]) => [x, y] as [number, number]));
  }
  return {
    water,
    waterLines,
    footways,
    roads: network === undefined ? [] : Array.from({ length: network.linkCount }, (_, link) => ({ points: polyline(network.linkShape[link]), lanes: network.linkLanes[link] })),
    tramTracks: (world.transit?.lines ?? []).map((line) => polyline(line.trackXY)),
    cameras,
    streetLights,
    closures,
    signals: (traffic?.signals ?? []).map((plan, index) => {
      const [x, y] = nodeAt(plan.node);
      return { index, x, y, phases: plan.phaseCount };
    }),
    zones: [...(world.control?.zones.entries() ?? [])].map(([id, polygon]) => ({ id, polygon: polygon.map(([x, y]) => [x, y] as [number, number]) })),
    teams: [...teams.values()],
    vehicleClasses: [...VEHICLE_CLASS_NAMES],
  };
}

/** The actuators' state of `world` now. */
export function actuatorState(world: World): ActuatorState {
  const cameras = world.sensors?.cameras ?? [];
  const lighting = world.sensors?.lighting;
  const traffic = world.traffic;
  const nowS = world.clock.tick * world.clock.stepS;
  const cameraHeadingDeg = Float32Array.from(cameras, (camera) => bearingDeg(camera.headingRad));
  const lightLevel = lighting === undefined ? new Float32Array(0) : Float32Array.from(lighting.level);
  const closures = traffic?.closures ?? [];
  let inside = 0, hostile = 0;
  if (traffic !== null) {
    const pedestrianLinks = new Uint8Array(traffic.network.linkCount);
    for (const closure of closures) {
      if (closure.kind === 'bollard' || closure.id === 'pedestrian-streets') for (const link of closure.links) pedestrianLinks[link] = 1;
    }
    const { count, link, vehicleClass } = traffic.vehicles;
    for (let i = 0; i < count; i++) {
      if (pedestrianLinks[link[i]] === 0) continue;
      if (vehicleClass[i] === HOSTILE_CLASS) hostile++;
      else inside++;
    }
  }
  return {
    cameraHeadingDeg,
    lightLevel,
    ambientLux: lighting === undefined ? Number.NaN : ambientLuxAt(lighting, nowS),
    closureActive: Uint8Array.from(closures, (closure) => (closure.active ? 1 : 0)),
    exitOpen: Uint8Array.from(world.exitOpen),
    vehiclesInPedestrianZone: inside,
    hostileInPedestrianZone: hostile,
  };
}
