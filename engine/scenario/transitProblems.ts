/**
 * Semantic checks of `scenario.transit` (part of pass 3 of scenario loading, see
 * semanticProblems.ts): ids, tracks, stops in order along their track with room behind them for
 * the tram's body, door strips on walkable platforms, goals of the people who alight, time
 * windows, and road crossings on known links.
 */
import type { GoalSpec, PolygonM, Scenario, SpeedSpec } from './Scenario.ts';
import { cumulativeLengthsM, doorStrip, tramVehicleOf } from '../transit/tramDoors.ts';
import { quote } from './scenarioText.ts';

type Report = (path: string, message: string) => void;

/** The general checks of semanticProblems.ts, passed in (that module calls this one). */
export interface SemanticChecks<Space> {
  checkGoal(goal: GoalSpec, path: string, exitIds: string[], report: Report): void;
  checkPolygonWalkable(polygon: PolygonM, path: string, noun: string, space: Space, report: Report): void;
  checkSpeed(speed: SpeedSpec, path: string, report: Report): void;
  checkUniqueIds(items: { id: string }[], listPath: string, noun: string, report: Report): void;
}

/** Every stop id of every line (also goals). */
export function tramStopIds(scenario: Scenario): string[] {
  return (scenario.transit?.lines ?? []).flatMap((line) => line.stops.map((stop) => stop.id));
}

export function checkTransit<Space>(scenario: Scenario, space: Space, exitIds: string[], report: Report, checks: SemanticChecks<Space>): void {
  const { checkGoal, checkPolygonWalkable, checkSpeed, checkUniqueIds } = checks;
  const lines = scenario.transit?.lines ?? [];
  checkUniqueIds(lines, 'transit.lines', 'tram line', report);
  const stopAt = new Map<string, string>();
  const links = scenario.traffic?.roads.links ?? [];
  lines.forEach((line, l) => {
    const at = `transit.lines[${l}]`;
    const cumulative = cumulativeLengthsM(line.track);
    const lengthM = cumulative[cumulative.length - 1];
    for (let k = 1; k < line.track.length; k++) {
      if (cumulative[k] === cumulative[k - 1]) report(`${at}.track[${k}]`, `repeats the point before it; a track needs distinct consecutive points`);
    }
    const vehicle = tramVehicleOf(line);
    if ((line.initialLoad ?? 0) > vehicle.capacity) report(`${at}.initialLoad`, `${line.initialLoad} people on board is more than the tram's capacity (${vehicle.capacity})`);
    line.stops.forEach((stop, s) => {
      const stopPath = `${at}.stops[${s}]`;
      const first = stopAt.get(stop.id);
      if (first !== undefined) report(`${stopPath}.id`, `duplicate stop id ${quote(stop.id)} (already used by ${first}); a platform serves one line in one direction`);
      else stopAt.set(stop.id, stopPath);
      if (exitIds.includes(stop.id)) report(`${stopPath}.id`, `stop id ${quote(stop.id)} is also an exit id; a stop's id names its doors as a goal`);
      if (stop.atM > lengthM) report(`${stopPath}.atM`, `the stop (${stop.atM} m) is beyond the end of the track (${lengthM.toFixed(1)} m)`);
      else if (stop.atM < vehicle.lengthM) report(`${stopPath}.atM`, `the tram's body (${vehicle.lengthM} m) does not fit on the track behind the stop at ${stop.atM} m`);
      else {
        for (let door = 0; door < vehicle.doors; door++) {
          checkPolygonWalkable(doorStrip(line, cumulative, s, door), stopPath, `the waiting strip of door ${door + 1} (on the ${stop.side} of the track, ${stop.platformGapM ?? vehicle.widthM / 2 + 0.1} m from its axis)`, space, report);
        }
      }
      if (s > 0 && stop.atM <= line.stops[s - 1].atM) report(`${stopPath}.atM`, `stops must follow each other along the track: ${stop.atM} m is not after the previous stop (${line.stops[s - 1].atM} m)`);
      if ((stop.alightShare ?? 0) > 0 && stop.alightGoal === undefined) report(`${stopPath}.alightGoal`, `alightShare is ${stop.alightShare}: the people who get off need an alightGoal (an exit id or a list of them)`);
      if (stop.alightGoal !== undefined) checkGoal(stop.alightGoal, `${stopPath}.alightGoal`, exitIds, report);
      if (stop.alightSpeedMps !== undefined) checkSpeed(stop.alightSpeedMps, `${stopPath}.alightSpeedMps`, report);
      if (stop.minDwellS !== undefined && stop.maxDwellS !== undefined && stop.minDwellS > stop.maxDwellS) report(`${stopPath}.maxDwellS`, `maxDwellS (${stop.maxDwellS}) is less than minDwellS (${stop.minDwellS})`);
    });
    const table = line.timetable;
    if ('headwayS' in table && table.fromS !== undefined && table.toS !== undefined && table.fromS > table.toS) report(`${at}.timetable.toS`, `toS (${table.toS}) is before fromS (${table.fromS})`);
    if ('departuresS' in table) {
      table.departuresS.forEach((t, k) => {
        if (k > 0 && t < table.departuresS[k - 1]) report(`${at}.timetable.departuresS[${k}]`, `departures must be in time order: ${t} s comes after ${table.departuresS[k - 1]} s`);
      });
    }
    (line.roadCrossings ?? []).forEach((crossing, k) => {
      const path = `${at}.roadCrossings[${k}]`;
      if (!scenario.traffic) report(path, 'a road crossing needs traffic.roads');
      else if (crossing.link >= links.length) report(`${path}.link`, `expected the index of a link in traffic.roads.links (0 to ${links.length - 1}), found ${crossing.link}`);
      if (crossing.trackM > lengthM) report(`${path}.trackM`, `the crossing (${crossing.trackM} m) is beyond the end of the track (${lengthM.toFixed(1)} m)`);
    });
  });
}
