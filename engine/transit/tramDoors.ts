/**
 * Trams meet the crowd at their doors. Before a world is built, each stop of each tram line
 * becomes one exit per door (a strip of the platform along its edge, where the tram's door will
 * open: `STOP#1`, `STOP#2`, ...), and a stop's id used as a goal becomes the list of its doors.
 * The doors are ordinary exits for the floor fields (people walk to them and wait there), closed
 * until a tram stands at the stop with its doors open and room on board (stepTrams.ts, and the
 * boarding check in commitKinematics.ts). Road crossings of the track become zebra-like stop
 * points on the road links (`LINE#crossingK`), held by trams rather than by people.
 *
 * Pure: scenario in, scenario out (a new object; the input is not changed).
 */
import type { ExitSpec, GoalSpec, PointM, PolygonM, Scenario, TramLineSpec, ZebraSpec } from '../scenario/Scenario.ts';

/**
 * Rolling-stock defaults: a 32 m tram 2.4 m wide with 4 double doors of 1.3 m, for 180 people
 * (Alstom Citadis 302 class, as run in Nice, Bordeaux or Montpellier; the 32 m / 180 and
 * 45 m / 290 figures at 4 persons per m² standing), and a passage time of 0.4 s per person per
 * door group, inside the 0.25-0.5 s range measured for level boarding through double doors.
 */
export const TRAM_DEFAULTS = { lengthM: 32, widthM: 2.4, capacity: 180, doors: 4, doorWidthM: 1.3, secondsPerPassenger: 0.4 } as const;

/** Line speed when none is given, km/h (French urban tramways run at 40-50 km/h between stops). */
export const DEFAULT_TRAM_SPEED_KPH = 40;

/** Depth of a door's waiting strip on the platform, m, and its distance from the platform edge. */
export const DOOR_STRIP_DEPTH_M = 0.6;
export const DOOR_STRIP_INSET_M = 0.1;

/** Road vehicles stop this far before the edge of a tram's swept path at a crossing, m. */
export const CROSSING_CLEARANCE_M = 1.5;

/** The separator between a stop id and its door number in the door exits' ids. */
export const DOOR_SEPARATOR = '#';

/** The rolling stock of a line, defaults filled in. */
export function tramVehicleOf(line: TramLineSpec): Required<NonNullable<TramLineSpec['vehicle']>> {
  return { ...TRAM_DEFAULTS, ...(line.vehicle ?? {}) };
}

/** Cumulative length at each point of a polyline. */
export function cumulativeLengthsM(track: PointM[]): Float64Array {
  const cumulative = new Float64Array(track.length);
  for (let k = 1; k < track.length; k++) cumulative[k] = cumulative[k - 1] + Math.hypot(track[k][0] - track[k - 1][0], track[k][1] - track[k - 1][1]);
  return cumulative;
}

/** The point at `atM` along a track and the unit tangent there: [x, y, tx, ty]. */
export function pointOnTrack(track: PointM[], cumulative: Float64Array, atM: number): [number, number, number, number] {
  const along = Math.min(Math.max(atM, 0), cumulative[cumulative.length - 1]);
  let k = 1;
  while (k < cumulative.length - 1 && cumulative[k] < along) k++;
  const span = cumulative[k] - cumulative[k - 1];
  const t = span > 0 ? (along - cumulative[k - 1]) / span : 0;
  const [x0, y0] = track[k - 1], [x1, y1] = track[k];
  const length = Math.hypot(x1 - x0, y1 - y0) || 1;
  return [x0 + t * (x1 - x0), y0 + t * (y1 - y0), (x1 - x0) / length, (y1 - y0) / length];
}

/**
 * Door k of a tram whose front stands at `atM`: its centre along the track (doors evenly
 * spread over the body, first door nearest the front).
 */
export function doorCentreM(atM: number, lengthM: number, doors: number, k: number): number {
  return atM - (lengthM * (k + 0.5)) / doors;
}

/** The side's sign: +1 for the left of the direction of travel, -1 for the right. */
export function sideSign(side: 'left' | 'right'): number {
  return side === 'left' ? 1 : -1;
}

/**
 * The waiting strip of a door on the platform: door width along the edge, DOOR_STRIP_DEPTH_M
 * deep, DOOR_STRIP_INSET_M inside the platform edge.
 */
export function doorStrip(line: TramLineSpec, cumulative: Float64Array, stopIndex: number, door: number): PolygonM {
  const vehicle = tramVehicleOf(line);
  const stop = line.stops[stopIndex];
  const gapM = stop.platformGapM ?? vehicle.widthM / 2 + 0.1;
  const [x, y, tx, ty] = pointOnTrack(line.track, cumulative, doorCentreM(stop.atM, vehicle.lengthM, vehicle.doors, door));
  const s = sideSign(stop.side);
  const nx = -ty * s, ny = tx * s;
  const half = vehicle.doorWidthM / 2;
  const near = gapM + DOOR_STRIP_INSET_M, far = near + DOOR_STRIP_DEPTH_M;
  return [
    [x - tx * half + nx * near, y - ty * half + ny * near],
    [x + tx * half + nx * near, y + ty * half + ny * near],
    [x + tx * half + nx * far, y + ty * half + ny * far],
    [x - tx * half + nx * far, y - ty * half + ny * far],
  ];
}

/** The exit id of door k (from 0) of a stop. */
export function doorExitId(stopId: string, door: number): string {
  return `${stopId}${DOOR_SEPARATOR}${door + 1}`;
}

/** The zebra id of a line's k-th road crossing. */
export function crossingZebraId(lineId: string, k: number): string {
  return `${lineId}${DOOR_SEPARATOR}crossing${k + 1}`;
}

/** Where a crossing's stop point is drawn: a 1 m square at the crossing on the track. */
function crossingPolygon(line: TramLineSpec, cumulative: Float64Array, trackM: number): PolygonM {
  const [x, y] = pointOnTrack(line.track, cumulative, trackM);
  return [[x - 0.5, y - 0.5], [x + 0.5, y - 0.5], [x + 0.5, y + 0.5], [x - 0.5, y + 0.5]];
}

/**
 * The scenario with its trams' doors as exits, stop ids in goals replaced by their doors, and
 * road crossings as zebras. A scenario without transit comes back unchanged (the same object).
 */
export function withTramDoors(scenario: Scenario): Scenario {
  const lines = scenario.transit?.lines ?? [];
  if (lines.length === 0) return scenario;
  const doorExits: ExitSpec[] = [];
  const doorsOfStop = new Map<string, string[]>();
  const crossings: ZebraSpec[] = [];
  for (const line of lines) {
    const cumulative = cumulativeLengthsM(line.track);
    const vehicle = tramVehicleOf(line);
    line.stops.forEach((stop, s) => {
      const ids: string[] = [];
      for (let door = 0; door < vehicle.doors; door++) {
        const id = doorExitId(stop.id, door);
        doorExits.push({ id, polygon: doorStrip(line, cumulative, s, door) });
        ids.push(id);
      }
      doorsOfStop.set(stop.id, ids);
    });
    (line.roadCrossings ?? []).forEach((crossing, k) => {
      // Vehicles stop before the tram's swept path: half its width plus a clearance before the axis.
      const stopM = Math.max(0, crossing.positionM - vehicle.widthM / 2 - CROSSING_CLEARANCE_M);
      crossings.push({ id: crossingZebraId(line.id, k), link: crossing.link, positionM: stopM, polygon: crossingPolygon(line, cumulative, crossing.trackM) });
    });
  }
  const expand = (goal: GoalSpec): GoalSpec => {
    const ids = typeof goal === 'string' ? [goal] : goal;
    if (!ids.some((id) => doorsOfStop.has(id))) return goal;
    return ids.flatMap((id) => doorsOfStop.get(id) ?? [id]);
  };
  return {
    ...scenario,
    geometry: { ...scenario.geometry, exits: [...scenario.geometry.exits, ...doorExits] },
    pedestrians: scenario.pedestrians?.map((group) => ({ ...group, goal: expand(group.goal) })),
    sources: scenario.sources?.map((source) => ({ ...source, goal: expand(source.goal) })),
    traffic: scenario.traffic && crossings.length > 0 ? { ...scenario.traffic, zebras: [...(scenario.traffic.zebras ?? []), ...crossings] } : scenario.traffic,
    transit: {
      lines: lines.map((line) => ({ ...line, stops: line.stops.map((stop) => (stop.alightGoal === undefined ? stop : { ...stop, alightGoal: expand(stop.alightGoal) })) })),
    },
  };
}
