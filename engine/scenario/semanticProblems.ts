/**
 * Pass 3 of scenario loading: the semantic checks the schema cannot express. Unique ids per kind,
 * goals naming known exits, simple polygons with an area, spawn places inside walkable space,
 * ordered time windows and ranges. Runs only on a value that matches the schema, so it trusts
 * its shape.
 */
import {
  areaM2,
  distanceToPolygonBoundaryM,
  findSelfIntersection,
  pointInPolygon,
  polygonCentroid,
  polygonsOverlap,
} from '../geometry/polygon.ts';
import type { GatheringSpec, GoalSpec, PedestrianGroupSpec, PointM, PolygonM, Scenario, SignalSpec, SpeedSpec, TrafficSpec } from './Scenario.ts';
import type { ScenarioProblem } from './ScenarioError.ts';
import { CSM_DEFAULTS } from '../pedestrians/CollisionFreeSpeedModel.ts';
import { DEFAULT_SPEED_MAX_MPS, DEFAULT_SPEED_MIN_MPS } from '../pedestrians/desiredSpeed.ts';
import { DEFAULT_STEP_S } from '../time/Clock.ts';
import { abbreviateList, closestName, formatPoint, plural, quote } from './scenarioText.ts';
import { checkTransit, tramStopIds } from './transitProblems.ts';
import { checkTrafficActions } from './trafficActionProblems.ts';
import { checkRoadRules } from './roadRuleProblems.ts';
import { checkSensors } from './sensorProblems.ts';

/** At most this many spawn points are reported one by one per group. */
const MAX_POINT_PROBLEMS = 10;
/**
 * Points within this distance of a polygon's edge count as on it. NOTE: a spawn area drawn on
 * the outline of a room or against a wall puts points exactly on edges, where the crossing-number
 * test goes either way; the tolerance makes such points walkable (and not inside the wall).
 */
const EDGE_TOLERANCE_M = 1e-6;
/** A ring whose points all lie within this distance of one line encloses no area. */
const COLLINEAR_TOLERANCE_M = 1e-9;
/** Weidmann's speed-by-age curve (RiMEA 3.0, section 2.2) is tabulated for these ages. */
const WEIDMANN_MIN_AGE_YEARS = 5;
const WEIDMANN_MAX_AGE_YEARS = 90;

type Report = (path: string, message: string) => void;

/** The walkable space as the loader sees it: walkable polygons and exits, minus obstacles. */
interface WalkableSpace {
  walkable: PolygonM[];
  exits: PolygonM[];
  obstacles: PolygonM[];
}

/**
 * Every semantic problem in a scenario that already matches the schema, in document order;
 * empty when there is none. The returned array is new and owned by the caller.
 */
export function semanticProblems(scenario: Scenario): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const report: Report = (path, message) => {
    problems.push({ path, message });
  };
  const { geometry } = scenario;
  const exits = geometry.exits;
  const obstacles = geometry.obstacles ?? [];
  const groups = scenario.pedestrians ?? [];
  const sources = scenario.sources ?? [];
  const lines = scenario.measurementLines ?? [];
  const areas = scenario.measurementAreas ?? [];

  // A gathering sends people to their meeting point first; congestion-aware exit choice would
  // send them to an exit at once.
  if (scenario.navigation?.exitChoice === 'congestion') {
    groups.forEach((group, g) => {
      if (group.gathering) report(`pedestrians[${g}].gathering`, 'a gathering cannot be combined with navigation.exitChoice "congestion" (it would send the group to an exit at once)');
    });
    sources.forEach((source, s) => {
      if (source.gathering) report(`sources[${s}].gathering`, 'a gathering cannot be combined with navigation.exitChoice "congestion" (it would send the group to an exit at once)');
    });
  }
  // The schedule's moments: gatherings and the planner name them.
  const moments = scenario.schedule ?? [];
  checkUniqueIds(moments, 'schedule', 'moment', report);
  const unknownMoment = (id: string): string => {
    const close = closestName(id, moments.map((moment) => moment.id));
    if (close !== undefined) return `unknown moment ${quote(id)} (did you mean ${quote(close)}?)`;
    return `unknown moment ${quote(id)}: the schedule has ${moments.length === 0 ? 'no moments' : abbreviateList(moments.map((moment) => quote(moment.id)), 8)}`;
  };
  const checkGathering = (gathering: GatheringSpec, at: string): void => {
    if (gathering.until !== undefined && !moments.some((moment) => moment.id === gathering.until)) report(`${at}.until`, unknownMoment(gathering.until));
  };
  groups.forEach((group, g) => group.gathering && checkGathering(group.gathering, `pedestrians[${g}].gathering`));
  (geometry.gates ?? []).forEach((gate, g) => {
    if (gate.opensAt !== undefined && !moments.some((moment) => moment.id === gate.opensAt)) report(`geometry.gates[${g}].opensAt`, unknownMoment(gate.opensAt));
  });
  const checkSocialGroups = (spec: { shareBySize: number[] } | undefined, at: string): void => {
    if (spec === undefined) return;
    const total = spec.shareBySize.reduce((sum, share) => sum + share, 0);
    if (Math.abs(total - 1) > 1e-6) report(`${at}.socialGroups.shareBySize`, `the shares sum to ${+total.toFixed(6)}, expected 1 (alone, in pairs, in threes, ...)`);
  };
  groups.forEach((group, g) => checkSocialGroups(group.socialGroups, `pedestrians[${g}]`));
  sources.forEach((source, s) => checkSocialGroups(source.socialGroups, `sources[${s}]`));
  const egressFrom = scenario.planner?.egressFrom;
  if (egressFrom !== undefined && !moments.some((moment) => moment.id === egressFrom)) {
    report('planner.egressFrom', unknownMoment(egressFrom));
  }

  // Time step: the CSM keeps people apart only if a step is shorter than the time gap T
  // (V <= s / T, so one step closes at most dt / T of the gap).
  const stepS = scenario.stepS ?? DEFAULT_STEP_S;
  const timeGapS = scenario.model?.timeGapS ?? CSM_DEFAULTS.timeGapS;
  // NOTE: only people need the step below their time gap; a traffic-only scenario may step longer.
  const anyoneWalks = (scenario.pedestrians ?? []).some((group) => group.count > 0) || (scenario.sources ?? []).length > 0;
  if (anyoneWalks && stepS >= timeGapS) {
    report(scenario.stepS !== undefined ? 'stepS' : 'model.timeGapS', `the step (${stepS} s) must be shorter than the model's time gap T (${timeGapS} s), or people can walk into each other`);
  }

  // Ids: each kind is its own namespace.
  checkUniqueIds(exits, 'geometry.exits', 'exit', report);
  checkUniqueIds(groups, 'pedestrians', 'group', report);
  checkUniqueIds(sources, 'sources', 'source', report);
  checkUniqueIds(lines, 'measurementLines', 'line', report);
  checkUniqueIds(areas, 'measurementAreas', 'area', report);

  // Geometry.
  geometry.walkable.forEach((polygon, i) => checkPolygonShape(polygon, `geometry.walkable[${i}]`, report));
  obstacles.forEach((polygon, i) => checkPolygonShape(polygon, `geometry.obstacles[${i}]`, report));
  exits.forEach((exit, i) => checkPolygonShape(exit.polygon, `geometry.exits[${i}].polygon`, report));
  // Overlapping exits would share floor-field cells: which one a person used would be arbitrary.
  for (let j = 1; j < exits.length; j++) {
    for (let i = 0; i < j; i++) {
      if (exits[i].polygon.length >= 3 && exits[j].polygon.length >= 3 && polygonsOverlap(exits[i].polygon, exits[j].polygon)) {
        report(`geometry.exits[${j}].polygon`, `overlaps exit ${quote(exits[i].id)} (geometry.exits[${i}]); exits must not overlap`);
        break;
      }
    }
  }
  const periodic = geometry.periodicX;
  if (periodic !== undefined && periodic.minXM >= periodic.maxXM) {
    report('geometry.periodicX', `minXM (${periodic.minXM}) must be less than maxXM (${periodic.maxXM})`);
  }

  const space: WalkableSpace = { walkable: geometry.walkable, exits: exits.map((exit) => exit.polygon), obstacles };
  // A tram stop's id is a goal too (its doors; engine/transit/tramDoors.ts).
  const exitIds = [...exits.map((exit) => exit.id), ...tramStopIds(scenario)];

  const network = geometry.network;
  if (network) {
    network.edges.forEach((edge, i) => {
      for (let k = 0; k < 2; k++) {
        if (!Number.isInteger(edge[k]) || edge[k] >= network.nodes.length) report(`geometry.network.edges[${i}][${k}]`, `expected the index of a node (0 to ${network.nodes.length - 1}), found ${edge[k]}`);
      }
      if (edge.length === 3 && !(edge[2] > 0)) report(`geometry.network.edges[${i}][2]`, `expected a positive width in metres, found ${edge[2]}`);
    });
  }
  groups.forEach((group, i) => checkGroup(group, `pedestrians[${i}]`, space, exitIds, network !== undefined, report));
  sources.forEach((source, i) => {
    const at = `sources[${i}]`;
    const origins = source.origins ?? [{ id: '', polygon: source.polygon, network: source.network, share: 1 }];
    origins.forEach((origin, k) => {
      const where = source.origins ? `${at}.origins[${k}]` : at;
      if (origin.polygon) {
        checkPolygonShape(origin.polygon, `${where}.polygon`, report);
        checkPolygonWalkable(origin.polygon, `${where}.polygon`, 'source polygon', space, report);
      } else if (network === undefined) {
        report(`${where}.network`, 'a network start point needs geometry.network (the pedestrian network around the walkable space)');
      }
    });
    if (source.origins) {
      checkUniqueIds(source.origins, `${at}.origins`, 'origin', report);
      const shares = source.origins.reduce((sum, origin) => sum + origin.share, 0);
      if (Math.abs(shares - 1) > 1e-6) report(`${at}.origins`, `the shares of the origins sum to ${+shares.toFixed(6)}, expected 1`);
    }
    if (source.fromS !== undefined && source.toS !== undefined && source.fromS > source.toS) report(`${at}.toS`, `toS (${source.toS}) is before fromS (${source.fromS})`);
    (source.curve ?? []).forEach((point, k) => {
      if (k > 0 && point[0] < source.curve![k - 1][0]) report(`${at}.curve[${k}]`, `time ${point[0]} s is before the previous point's (${source.curve![k - 1][0]} s): expected increasing times`);
    });
    if (source.gathering) checkGathering(source.gathering, `${at}.gathering`);
    checkGoal(source.goal, `${at}.goal`, exitIds, report);
    checkSpeed(source.desiredSpeedMps, `${at}.desiredSpeedMps`, report);
  });

  if (scenario.traffic) checkTraffic(scenario.traffic, report);
  checkUniqueIds(scenario.replays ?? [], 'replays', 'replay', report);
  checkUniqueIds(scenario.incidents ?? [], 'incidents', 'incident', report);
  (scenario.incidents ?? []).forEach((incident, i) => {
    if (incident.endS !== undefined && incident.endS < incident.startS) report(`incidents[${i}].endS`, `endS (${incident.endS}) is before startS (${incident.startS})`);
  });
  checkUniqueIds(scenario.randomIncidents ?? [], 'randomIncidents', 'random incident process', report);
  (scenario.randomIncidents ?? []).forEach((entry, i) => {
    const d = entry.durationS;
    if (Array.isArray(d) && d[1] < d[0]) report(`randomIncidents[${i}].durationS`, `[min, max] with max (${d[1]}) below min (${d[0]})`);
    if (entry.toS !== undefined && entry.toS <= (entry.fromS ?? 0)) report(`randomIncidents[${i}].toS`, `toS (${entry.toS}) must be after fromS (${entry.fromS ?? 0})`);
  });
  if ((scenario.devices?.waterGauges ?? []).length > 0 && !scenario.river) report('devices.waterGauges', 'water gauges need the river\'s level over time: give river.levelM');
  (scenario.river?.levelM ?? []).forEach(([t], k, levels) => {
    if (k > 0 && !(t > levels[k - 1][0])) report(`river.levelM[${k}]`, `times must increase: ${t} s after ${levels[k - 1][0]} s`);
  });
  const deviceIds = [...(scenario.devices?.counters ?? []), ...(scenario.devices?.microphones ?? []), ...(scenario.devices?.waterGauges ?? []), ...(scenario.devices?.socialMedia ?? [])];
  checkUniqueIds(deviceIds, 'devices', 'device', report);
  (scenario.replays ?? []).forEach((replay, i) => {
    if (replay.tracks === undefined) report(`replays[${i}]`, replay.file === undefined ? 'expected "file" (a recording read by vigie run) or "tracks"' : `the recording "${replay.file}" was not read: load the scenario with vigie run (the engine reads no files) or give "tracks"`);
    (replay.tracks ?? []).forEach((track, k) => {
      for (let p = 1; p < track.points.length; p++) {
        if (!(track.points[p][0] > track.points[p - 1][0])) {
          report(`replays[${i}].tracks[${k}].points[${p}]`, `times must increase: ${track.points[p][0]} s after ${track.points[p - 1][0]} s`);
          break;
        }
      }
    });
  });
  if (scenario.transit) checkTransit(scenario, space, exits.map((exit) => exit.id), report, { checkGoal, checkPolygonWalkable, checkSpeed, checkUniqueIds });
  (geometry.gates ?? []).forEach((gate, i) => {
    if (gate.from[0] === gate.to[0] && gate.from[1] === gate.to[1]) report(`geometry.gates[${i}]`, 'from and to are the same point');
    const signals = scenario.traffic?.signals ?? [];
    if (gate.signal && gate.signal.signal >= signals.length) report(`geometry.gates[${i}].signal.signal`, `expected the index of a signal in traffic.signals (there are ${signals.length}), found ${gate.signal.signal}`);
    const zebraIds = (scenario.traffic?.zebras ?? []).map((zebra) => zebra.id);
    (gate.zebras ?? []).forEach((id, k) => {
      if (!zebraIds.includes(id)) report(`geometry.gates[${i}].zebras[${k}]`, `unknown zebra crossing ${quote(id)} (known: ${zebraIds.length === 0 ? 'none' : abbreviateList(zebraIds, 10)})`);
    });
  });
  checkUniqueIds(geometry.gates ?? [], 'geometry.gates', 'gate', report);
  checkSensors(scenario, report, { checkUniqueIds, checkPolygonShape });

  // Measurements.
  lines.forEach((line, i) => {
    if (line.from[0] === line.to[0] && line.from[1] === line.to[1]) {
      report(`measurementLines[${i}]`, `zero length: from and to are the same point ${formatPoint(line.from)}`);
    }
  });
  areas.forEach((area, i) => {
    const at = `measurementAreas[${i}]`;
    checkPolygonShape(area.polygon, `${at}.polygon`, report);
    if (area.fromS !== undefined && area.toS !== undefined && area.fromS > area.toS) {
      report(`${at}.toS`, `toS (${area.toS}) is before fromS (${area.fromS})`);
    }
  });
  return problems;
}

/** Road traffic: links, demand, signals and detectors name nodes and links that exist. */
function checkTraffic(traffic: TrafficSpec, report: Report): void {
  const nodeCount = traffic.roads.nodes.length;
  const linkCount = traffic.roads.links.length;
  const node = (value: number, path: string): void => {
    if (value >= nodeCount) report(path, `expected the index of a node (0 to ${nodeCount - 1}), found ${value}`);
  };
  traffic.roads.links.forEach((link, i) => {
    node(link.from, `traffic.roads.links[${i}].from`);
    node(link.to, `traffic.roads.links[${i}].to`);
    if (link.from === link.to && (link.via ?? []).length === 0) report(`traffic.roads.links[${i}]`, `a link from node ${link.from} to itself needs "via" points`);
  });
  checkRoadRules(traffic, report);
  (traffic.demand ?? []).forEach((demand, i) => {
    node(demand.from, `traffic.demand[${i}].from`);
    node(demand.to, `traffic.demand[${i}].to`);
    if (demand.from === demand.to) report(`traffic.demand[${i}].to`, `the trip ends where it starts (node ${demand.from})`);
    if (demand.fromS > demand.toS) report(`traffic.demand[${i}].toS`, `toS (${demand.toS}) is before fromS (${demand.fromS})`);
    if (demand.profile && !demand.profile.some((weight) => weight > 0)) report(`traffic.demand[${i}].profile`, 'every weight is 0: the entry would send no vehicle (give at least one positive weight, or leave the profile out)');
    if (demand.route) checkDemandRoute(traffic, demand.route, demand.from, demand.to, `traffic.demand[${i}].route`, report);
  });
  checkUniqueIds(traffic.demand ?? [], 'traffic.demand', 'demand entry', report);
  (traffic.signals ?? []).forEach((signal, i) => {
    node(signal.node, `traffic.signals[${i}].node`);
    if (signal.phases && signal.node < nodeCount) checkSignalProgram(traffic, signal, `traffic.signals[${i}]`, report);
  });
  (traffic.detectors ?? []).forEach((detector, i) => {
    if (detector.link >= linkCount) report(`traffic.detectors[${i}].link`, `expected the index of a link (0 to ${linkCount - 1}), found ${detector.link}`);
  });
  checkUniqueIds(traffic.detectors ?? [], 'traffic.detectors', 'detector', report);
  (traffic.closures ?? []).forEach((closure, i) => {
    closure.links.forEach((link, k) => {
      if (link >= linkCount) report(`traffic.closures[${i}].links[${k}]`, `expected the index of a link (0 to ${linkCount - 1}), found ${link}`);
    });
    if (closure.fromS !== undefined && closure.toS !== undefined && closure.fromS > closure.toS) report(`traffic.closures[${i}].toS`, `toS (${closure.toS}) is before fromS (${closure.fromS})`);
  });
  checkUniqueIds(traffic.closures ?? [], 'traffic.closures', 'closure', report);
  (traffic.zebras ?? []).forEach((zebra, i) => {
    if (zebra.link >= linkCount) report(`traffic.zebras[${i}].link`, `expected the index of a link (0 to ${linkCount - 1}), found ${zebra.link}`);
    checkPolygonShape(zebra.polygon, `traffic.zebras[${i}].polygon`, report);
  });
  checkUniqueIds(traffic.zebras ?? [], 'traffic.zebras', 'zebra crossing', report);
  checkTrafficActions(traffic, report);
}

/** A given route: links that exist, each starting where the one before ends, from `from` to `to`. */
function checkDemandRoute(traffic: TrafficSpec, route: number[], from: number, to: number, at: string, report: Report): void {
  const links = traffic.roads.links;
  const bad = route.findIndex((link) => link >= links.length);
  if (bad >= 0) {
    report(`${at}[${bad}]`, `expected the index of a link (0 to ${links.length - 1}), found ${route[bad]}`);
    return;
  }
  if (links[route[0]].from !== from) report(`${at}[0]`, `link ${route[0]} starts at node ${links[route[0]].from}, not at the origin node ${from}`);
  for (let k = 1; k < route.length; k++) {
    if (links[route[k]].from !== links[route[k - 1]].to) {
      report(`${at}[${k}]`, `link ${route[k]} starts at node ${links[route[k]].from}, not where link ${route[k - 1]} ends (node ${links[route[k - 1]].to})`);
      return;
    }
  }
  const last = route[route.length - 1];
  if (links[last].to !== to) report(`${at}[${route.length - 1}]`, `link ${last} ends at node ${links[last].to}, not at the destination node ${to}`);
}

/**
 * An explicit signal program: each movement named leads into the signal's node (and out of it),
 * no movement is both green and amber in a phase, and a given cycle equals the phases' total.
 */
function checkSignalProgram(traffic: TrafficSpec, signal: SignalSpec, at: string, report: Report): void {
  const links = traffic.roads.links;
  const into = links.flatMap((link, l) => (link.to === signal.node ? [l] : []));
  const outOf = links.flatMap((link, l) => (link.from === signal.node ? [l] : []));
  const phases = signal.phases ?? [];
  phases.forEach((phase, k) => {
    const seen = new Map<string, string>();
    for (const kind of ['green', 'amber'] as const) {
      (phase[kind] ?? []).forEach((movement, j) => {
        const path = `${at}.phases[${k}].${kind}[${j}]`;
        const [from, to] = typeof movement === 'number' ? [movement, -1] : movement;
        if (!into.includes(from)) {
          report(path, `link ${from} does not lead into node ${signal.node} (links into it: ${into.join(', ') || 'none'})`);
          return;
        }
        if (to >= 0 && !outOf.includes(to)) {
          report(path, `link ${to} does not leave node ${signal.node} (links out of it: ${outOf.join(', ') || 'none'})`);
          return;
        }
        for (const out of to >= 0 ? [to] : outOf) {
          const key = `${from}>${out}`;
          const other = seen.get(key);
          if (other !== undefined && other !== kind) report(path, `the movement from link ${from} to link ${out} is both green and amber in this phase`);
          seen.set(key, kind);
        }
      });
    }
  });
  const totalS = phases.reduce((sum, phase) => sum + phase.durationS, 0);
  if (signal.cycleS !== undefined && Math.abs(signal.cycleS - totalS) > 1e-6) report(`${at}.cycleS`, `cycleS (${signal.cycleS}) is not the total of the phases' durations (${totalS})`);
}

function checkGroup(group: PedestrianGroupSpec, at: string, space: WalkableSpace, exitIds: string[], hasNetwork: boolean, report: Report): void {
  const spawn = group.spawn;
  if ('polygon' in spawn) {
    checkPolygonShape(spawn.polygon, `${at}.spawn.polygon`, report);
    checkPolygonWalkable(spawn.polygon, `${at}.spawn.polygon`, 'spawn polygon', space, report);
  } else if ('network' in spawn) {
    if (!hasNetwork) report(`${at}.spawn.network`, 'a network start point needs geometry.network (the pedestrian network around the walkable space)');
  } else {
    checkPointsWalkable(spawn.points, `${at}.spawn.points`, space, report);
    if (group.count > spawn.points.length) {
      report(`${at}.count`, `count (${group.count}) is more than the ${spawn.points.length} spawn points (one person per point)`);
    }
  }
  checkGoal(group.goal, `${at}.goal`, exitIds, report);
  checkSpeed(group.desiredSpeedMps, `${at}.desiredSpeedMps`, report);
  const preMovement = group.preMovementS;
  if (preMovement !== undefined && typeof preMovement !== 'number') {
    const path = `${at}.preMovementS`;
    checkMinMax(preMovement.min, preMovement.max, path, report);
    if (preMovement.distribution === 'uniform') requireFields(preMovement, ['min', 'max'], path, 'uniform', report);
    else requireFields(preMovement, ['mean'], path, preMovement.distribution, report);
  }
}

function checkUniqueIds(items: { id: string }[], listPath: string, noun: string, report: Report): void {
  const firstIndex = new Map<string, number>();
  items.forEach((item, i) => {
    const first = firstIndex.get(item.id);
    if (first === undefined) firstIndex.set(item.id, i);
    else report(`${listPath}[${i}].id`, `duplicate ${noun} id ${quote(item.id)} (already used by ${listPath}[${first}])`);
  });
}

function checkGoal(goal: GoalSpec, path: string, exitIds: string[], report: Report): void {
  const known = new Set(exitIds);
  const knownList = known.size === 0 ? 'none' : abbreviateList([...known], 20);
  const check = (id: string, at: string): void => {
    if (!known.has(id)) report(at, `unknown exit ${quote(id)} (known: ${knownList})`);
  };
  if (typeof goal === 'string') check(goal, path);
  else goal.forEach((id, i) => check(id, `${path}[${i}]`));
}

function checkSpeed(speed: SpeedSpec, path: string, report: Report): void {
  if (typeof speed === 'number') return;
  checkMinMax(speed.min, speed.max, path, report);
  switch (speed.distribution) {
    case 'normal': {
      // The sampler truncates to [min, max] with defaults 0.3 and 2.5 m/s.
      const min = speed.min ?? DEFAULT_SPEED_MIN_MPS, max = speed.max ?? DEFAULT_SPEED_MAX_MPS;
      if (min > max && (speed.min === undefined || speed.max === undefined)) {
        report(path, `the truncation range is empty: min ${min} m/s${speed.min === undefined ? ' (default)' : ''} is greater than max ${max} m/s${speed.max === undefined ? ' (default)' : ''}`);
      }
      break;
    }
    case 'uniform':
      requireFields(speed, ['min', 'max'], path, 'uniform', report);
      break;
    case 'weidmannAge': {
      for (const field of ['minAgeYears', 'maxAgeYears'] as const) {
        const ageYears = speed[field];
        if (ageYears !== undefined && (ageYears < WEIDMANN_MIN_AGE_YEARS || ageYears > WEIDMANN_MAX_AGE_YEARS)) {
          report(
            `${path}.${field}`,
            `expected an age within ${WEIDMANN_MIN_AGE_YEARS}..${WEIDMANN_MAX_AGE_YEARS} years (the range of Weidmann's speed-by-age curve), got ${ageYears}`,
          );
        }
      }
      const { minAgeYears, maxAgeYears } = speed;
      if (minAgeYears !== undefined && maxAgeYears !== undefined && minAgeYears > maxAgeYears) {
        report(path, `minAgeYears (${minAgeYears}) is greater than maxAgeYears (${maxAgeYears})`);
      }
      break;
    }
  }
}

function checkMinMax(min: number | undefined, max: number | undefined, path: string, report: Report): void {
  if (min !== undefined && max !== undefined && min > max) report(path, `min (${min}) is greater than max (${max})`);
}

function requireFields(spec: object, fields: string[], path: string, distribution: string, report: Report): void {
  for (const field of fields) {
    if (!Object.hasOwn(spec, field)) report(`${path}.${field}`, `required by the ${distribution} distribution`);
  }
}

/** A polygon must enclose an area and must not cross itself. */
function checkPolygonShape(polygon: PolygonM, path: string, report: Report): void {
  if (!Number.isFinite(areaM2(polygon))) {
    report(path, 'coordinates too large: the area cannot be computed');
  } else if (allOnOneLine(polygon)) {
    report(path, `zero area: all ${polygon.length} points lie on one line`);
  } else {
    const crossing = findSelfIntersection(polygon);
    if (crossing !== null) report(path, describeSelfIntersection(polygon, crossing[0], crossing[1]));
  }
}

function allOnOneLine(polygon: PolygonM): boolean {
  const [x0, y0] = polygon[0];
  // The direction from the first point to the farthest one; every point must lie near that line.
  let farthestSq = 0;
  let dxM = 0;
  let dyM = 0;
  for (const [x, y] of polygon) {
    const distanceSq = (x - x0) ** 2 + (y - y0) ** 2;
    if (distanceSq > farthestSq) {
      farthestSq = distanceSq;
      dxM = x - x0;
      dyM = y - y0;
    }
  }
  if (farthestSq === 0) return true;
  const lengthM = Math.sqrt(farthestSq);
  return polygon.every(([x, y]) => Math.abs(dxM * (y - y0) - dyM * (x - x0)) / lengthM <= COLLINEAR_TOLERANCE_M);
}

function describeSelfIntersection(polygon: PolygonM, edgeA: number, edgeB: number): string {
  const n = polygon.length;
  const a = polygon[edgeA];
  const b = polygon[edgeB];
  if (edgeB === (edgeA + 1) % n && a[0] === b[0] && a[1] === b[1]) {
    return `points ${edgeA} and ${edgeB} are the same point ${formatPoint(a)}`;
  }
  const edge = (i: number): string => `edge ${i} from ${formatPoint(polygon[i])} to ${formatPoint(polygon[(i + 1) % n])}`;
  return `self-intersecting: ${edge(edgeA)} crosses or touches ${edge(edgeB)}`;
}

/**
 * Why a point is not walkable, or null when it is. Walkable: inside (or on the edge of) some
 * walkable polygon or exit, and not strictly inside an obstacle.
 */
function whyNotWalkable(space: WalkableSpace, xM: number, yM: number): string | null {
  const obstacleIndex = space.obstacles.findIndex(
    (obstacle) => pointInPolygon(xM, yM, obstacle) && distanceToPolygonBoundaryM(xM, yM, obstacle) > EDGE_TOLERANCE_M,
  );
  if (obstacleIndex >= 0) return `inside obstacle geometry.obstacles[${obstacleIndex}]`;
  const onOrIn = (polygon: PolygonM): boolean =>
    pointInPolygon(xM, yM, polygon) || distanceToPolygonBoundaryM(xM, yM, polygon) <= EDGE_TOLERANCE_M;
  if (space.walkable.some(onOrIn) || space.exits.some(onOrIn)) return null;
  return 'outside every walkable polygon and exit';
}

/** Every vertex of an area where people appear, and its centroid, must be walkable. */
function checkPolygonWalkable(polygon: PolygonM, path: string, noun: string, space: WalkableSpace, report: Report): void {
  const faults: string[] = [];
  polygon.forEach(([x, y], i) => {
    const why = whyNotWalkable(space, x, y);
    if (why !== null) faults.push(`point ${i} ${formatPoint([x, y])} is ${why}`);
  });
  // NOTE: the centroid of a concave polygon (an L-shaped room) may lie outside it; nobody
  // appears there, so it is checked only when it lies inside the polygon.
  const centroid = polygonCentroid(polygon);
  if (pointInPolygon(centroid[0], centroid[1], polygon)) {
    const why = whyNotWalkable(space, centroid[0], centroid[1]);
    if (why !== null) faults.push(`its centroid ${formatPoint(centroid)} is ${why}`);
  }
  if (faults.length > 0) report(path, `${noun} is not inside walkable space: ${abbreviateList(faults, 5, '; ')}`);
}

function checkPointsWalkable(points: PointM[], path: string, space: WalkableSpace, report: Report): void {
  let notReported = 0;
  let reported = 0;
  points.forEach((point, i) => {
    const why = whyNotWalkable(space, point[0], point[1]);
    if (why === null) return;
    if (reported < MAX_POINT_PROBLEMS) {
      report(`${path}[${i}]`, `spawn point ${formatPoint(point)} is ${why}`);
      reported++;
    } else {
      notReported++;
    }
  });
  if (notReported > 0) report(path, `${notReported} more spawn ${plural(notReported, 'point')} outside walkable space`);
}
