/**
 * Vigie's road traffic against Eclipse SUMO on the same network and demand (a benchmark, never a
 * test: it prints figures and exits 0 whatever they are, and when SUMO cannot be had).
 *
 *   node --import tsx bench/sumoCompare.ts [--grid 10] [--length 200] [--trips 3000]
 *     [--seconds 3600] [--horizon S+1800] [--steps 0.05,0.2,1] [--od junctions|edges]
 *     [--bologna] [--no-idm] [--keep]
 *   (npm run bench:sumo -- ...)
 *
 * For each case (a netgenerate grid of --grid x --grid junctions, --length m apart, with --trips
 * random trips over --seconds s, junction to junction by default as Vigie's demand is, or edge
 * to edge with --od edges; with --bologna also the real Bologna "Andrea Costa" scenario of
 * ../shared/data/sumo, cars only; --grid 0 skips the grid):
 *  1. SUMO runs headless (step 1 s, seed 1) with its default car (Krauss model, speed spread),
 *     and again with Vigie's car (SUMO's IDM with Vigie's parameters) unless --no-idm;
 *  2. the network and demand are converted to a Vigie scenario (bench/sumo/readSumoNet.ts,
 *     readSumoTrips.ts, tripsToDemand.ts) and Vigie runs it at each step length of --steps;
 *  3. a table gives, per run: trips and arrivals, mean travel time and its ratio to SUMO's
 *     default run, mean route length, wall time, vehicle updates per second (vehicle-steps over
 *     wall time) and simulated vehicle-seconds per wall second (fair across step lengths: SUMO
 *     steps 1 s, Vigie 0.05 s by default), with their ratios to SUMO.
 * Both simulators run to --horizon (default --seconds + 1800 s) or until the last vehicle arrives.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { RoadNetworkSpec } from '../engine/scenario/Scenario.ts';
import { VEHICLE_CLASSES } from '../engine/vehicles/vehicleClasses.ts';
import { ensureSumo } from './sumo/ensureSumo.ts';
import { makeSumoGrid } from './sumo/makeSumoGrid.ts';
import { readSumoNet, type SumoNet } from './sumo/readSumoNet.ts';
import { readSumoTrips, type SumoTrips } from './sumo/readSumoTrips.ts';
import { runSumo, type SumoRun } from './sumo/runSumo.ts';
import { runVigie, type VigieRun } from './sumo/runVigie.ts';
import { tripsToDemand } from './sumo/tripsToDemand.ts';
import { vigieCarVTypeXml } from './sumo/vigieCarVType.ts';

const BOLOGNA = new URL('../../shared/data/sumo/bologna_acosta/', import.meta.url).pathname;
/** Targets of the comparison (printed, never enforced). */
const TRAVEL_TIME_TOLERANCE = 0.15;
const SPEEDUP_TARGET = 10;

/** One comparison: SUMO's inputs, and the additional files of its IDM run. */
interface CompareCase {
  name: string;
  dir: string;
  netFile: string;
  routeFiles: string[];
  /** Where the demand given to Vigie is read (trips or routes). */
  demandFiles: string[];
  /** Wall time of routing the SUMO demand beforehand, s, or null. */
  routingS: number | null;
  additionalFiles: string[];
  idmAdditionalFiles: string[];
  /** Additional files whose signal programs replace the network's (as SUMO loads them). */
  tlsFiles: string[];
  horizonS: number;
  /** Whether vehicles keep their explicit SUMO routes (tripsToDemand.ts). */
  followRoutes: boolean;
  notes: string[];
}

const { values: args } = parseArgs({
  options: {
    grid: { type: 'string', default: '10' },
    length: { type: 'string', default: '200' },
    trips: { type: 'string', default: '3000' },
    seconds: { type: 'string', default: '3600' },
    horizon: { type: 'string' },
    steps: { type: 'string', default: '0.05,0.2,1' },
    od: { type: 'string', default: 'junctions' },
    bologna: { type: 'boolean', default: false },
    'no-idm': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const grid = Math.round(Number(args.grid));
const lengthM = Number(args.length);
const tripCount = Math.round(Number(args.trips));
const seconds = Number(args.seconds);
const horizonS = args.horizon !== undefined ? Number(args.horizon) : seconds + 1800;
const steps = args.steps.split(',').map(Number).filter((s) => s > 0);

function main(): void {
  console.log('Vigie vs Eclipse SUMO: road traffic on the same network and demand');
  const bad = [
    [!(grid === 0 || grid >= 2), `--grid ${args.grid} (0 to skip, or at least 2)`],
    [!(lengthM > 0), `--length ${args.length}`],
    [!(tripCount > 0), `--trips ${args.trips}`],
    [!(seconds > 0), `--seconds ${args.seconds}`],
    [!(horizonS > 0), `--horizon ${args.horizon}`],
    [steps.length === 0, `--steps ${args.steps} (comma-separated step lengths in s)`],
    [args.od !== 'junctions' && args.od !== 'edges', `--od ${args.od} (junctions or edges)`],
  ].filter(([isBad]) => isBad).map(([, what]) => what);
  if (bad.length > 0) {
    console.log(`bad option: ${bad.join('; ')}`);
    process.exitCode = 2;
    return;
  }
  const sumo = ensureSumo((line) => console.log(line));
  if ('missing' in sumo) {
    console.log(`NOT RUN: ${sumo.missing}`);
    return;
  }
  console.log(`SUMO ${sumo.version}, SUMO_HOME=${sumo.sumoHome}; Node ${process.version}`);
  const dir = mkdtempSync(join(tmpdir(), 'vigie-sumo-'));
  try {
    if (grid >= 2) {
      if (sumo.randomTripsPy === null) console.log(`\nGrid: NOT RUN (no ${sumo.sumoHome}/tools/randomTrips.py or no python3: install sumo-tools)`);
      else gridCase(dir, sumo.randomTripsPy);
    }
    if (args.bologna) bolognaCase(dir);
    printApproximations();
  } finally {
    if (args.keep) console.log(`\nFiles kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

function gridCase(dir: string, randomTripsPy: string): void {
  const name = `grid ${grid}x${grid}, ${lengthM} m blocks, ${tripCount} trips over ${seconds} s`;
  console.log(`\n== ${name}`);
  let made;
  try {
    made = makeSumoGrid(dir, randomTripsPy, { grid, lengthM, trips: tripCount, seconds, junctionTrips: args.od !== 'edges' });
  } catch (error) {
    console.log(`NOT RUN: could not build the grid: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  for (const line of made.commands) console.log(`  $ ${line}`);
  const idmFile = join(dir, 'vigie-car.add.xml');
  writeFileSync(idmFile, vigieCarVTypeXml(['DEFAULT_VEHTYPE']));
  compare({
    name, dir, netFile: made.netFile, routeFiles: [made.routesFile], demandFiles: [made.tripsFile], routingS: made.routingS, additionalFiles: [], idmAdditionalFiles: [idmFile], tlsFiles: [], horizonS, followRoutes: false,
    notes: args.od === 'edges' ? ['edge-to-edge trips: Vigie drives from the first edge\'s from-junction to the last edge\'s to-junction by its own shortest route, shorter than SUMO\'s (which drives both end edges whole).'] : [],
  });
}

function bolognaCase(dir: string): void {
  const name = 'Bologna "Andrea Costa" (acosta_buslanes.net.xml, acosta.rou.xml), cars only';
  console.log(`\n== ${name}`);
  const files = ['acosta_buslanes.net.xml', 'acosta.rou.xml', 'acosta_vtypes.add.xml', 'acosta_tls.add.xml'].map((f) => join(BOLOGNA, f));
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length > 0) {
    console.log(`NOT RUN: missing ${missing.join(', ')}`);
    return;
  }
  const [netFile, routesFile, vtypesFile, tlsFile] = files;
  const idmFile = join(dir, 'bologna-vigie-car.add.xml');
  writeFileSync(idmFile, vigieCarVTypeXml([], [{ id: 'private', vClass: 'passenger' }, { id: 'ignoring', vClass: 'bus' }]));
  compare({
    name, dir, netFile, routeFiles: [routesFile], demandFiles: [routesFile], routingS: null, additionalFiles: [vtypesFile, tlsFile], idmAdditionalFiles: [idmFile, tlsFile], tlsFiles: [tlsFile],
    // The scenario's demand spans 0-3600 s, whatever --seconds says of the grid's.
    horizonS: args.horizon !== undefined ? horizonS : 3600 + 1800,
    followRoutes: true,
    notes: [
      'Bologna: the 8,622 private vehicles of acosta.rou.xml only (no bus flows, no pedestrians), signal programs of acosta_tls.add.xml as in DLR\'s bologna/acosta/run.sumocfg',
      '  (run phase by phase by Vigie, per turning movement); vehicles of type "ignoring" (vClass bus, allowed on bus lanes in SUMO) are ordinary cars on car lanes in Vigie;',
      '  each vehicle keeps its explicit SUMO route (vehicles with the same route share one demand entry, departures evenly spread between the first and the last).',
    ],
  });
}

/** What the conversion and the engine leave out, printed once after the tables. */
function printApproximations(): void {
  console.log('\nApproximations (Vigie side):');
  for (const line of [
    'demand: SUMO trips are aggregated by origin-destination node pair (or, with explicit SUMO routes, by route) into one Vigie demand entry each',
    '  (a rate over the span of the group\'s departures, the first and last departure and the count kept, those in between evenly spread); without',
    '  an explicit route every vehicle of a pair takes the one shortest free-flow route;',
    'junctions: conflict areas with right of way from SUMO\'s request tables (foes and responses per connection, aggregated per Vigie movement;',
    '  SUMO\'s gap rule: the priority vehicle arrives 1 s after the yielding one has cleared the area); turning speeds are those of SUMO\'s internal',
    '  lanes (roads.connections[].speedKph; the geometric a_lat = 3 m/s² estimate, from the links\' end segments, misstated half of Bologna\'s turns);',
    '  a driver does not enter a junction when the queue standing beyond it will not leave him room past the conflict area (SUMO\'s jam avoidance);',
    '  signals run the SUMO program phase by phase per turning movement; lanes follow SUMO\'s lane-to-lane connections (MOBIL with a strategic',
    '  bias toward a connected lane; a driver who misses his lane merges at the node, where SUMO\'s would wait at the lane end and be let in);',
    '  no internal junction lanes (nobody waits inside a junction); merges are first come, first served; vehicles look ahead up to 5 links;',
    'network: links run between junction centres (SUMO\'s internal junction lanes are folded in); lanes = lanes open to passenger cars;',
    'steps of 0.6 s or more: the scenario gets a pedestrian time gap above the step (the loader asks for it; nobody walks in these scenarios).',
  ]) console.log(`  ${line}`);
}

/** Runs SUMO and Vigie on one case and prints the table. */
function compare(c: CompareCase): void {
  const sumoRuns: SumoRun[] = [];
  for (const [label, additional] of [['SUMO (Krauss, default car)', c.additionalFiles], ['SUMO (IDM, Vigie car)', c.idmAdditionalFiles]] as const) {
    if (label.includes('IDM') && args['no-idm']) continue;
    try {
      sumoRuns.push(runSumo({ label, dir: c.dir, netFile: c.netFile, routeFiles: c.routeFiles, additionalFiles: [...additional], endS: c.horizonS, routingS: c.routingS }));
      console.log(`  $ ${sumoRuns[sumoRuns.length - 1].commandLine}`);
    } catch (error) {
      console.log(`  ${label}: NOT RUN: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  let net: SumoNet;
  let sumoTrips: SumoTrips[];
  try {
    const tlsFiles = c.tlsFiles.map((f) => ({ text: readFileSync(f, 'utf8'), fileName: f }));
    net = readSumoNet(readFileSync(c.netFile, 'utf8'), c.netFile, tlsFiles);
    sumoTrips = c.demandFiles.map((f) => readSumoTrips(readFileSync(f, 'utf8'), f));
  } catch (error) {
    console.log(`  Vigie: NOT RUN: could not convert the SUMO files: ${error instanceof Error ? error.message : String(error)}`);
    printTable(sumoRuns, []);
    return;
  }
  const trips = sumoTrips.flatMap((t) => t.trips);
  const converted = tripsToDemand(trips, net, c.followRoutes);
  console.log(`  network: ${net.nodeOfJunction.size} junctions -> nodes; ${net.normalEdges} normal edges -> ${net.roads.links.length} links (${net.skippedEdges} without a car lane or loops);`
    + ` ${net.trafficLights} traffic lights -> ${net.signals.length} signals (${net.signalsProgrammed} running their SUMO program; ${net.signalsNeverRed} never show red: uncontrolled; ${net.signalsApproximated} two-phase approximations);`
    + ` ${net.priorityLinks} links major at their junction; ${net.laneConnections} lane-to-lane connections; right of way from SUMO's request tables at ${net.rightOfWayNodes} nodes;`
    + ` ${shortLinks(net.roads)} links shorter than a car's comfortable braking distance at their speed limit`);
  console.log(`  demand: ${trips.length} SUMO trips -> ${converted.demand.length} entries carrying ${converted.trips} trips`
    + ` (${converted.routed} on their own SUMO route; ${converted.unknownEdge} with an end edge not in the Vigie network, ${converted.sameNode} ending where they start, ${sumoTrips.reduce((s, t) => s + t.unsupported, 0)} unsupported elements)`);

  const vigieRuns: VigieRun[] = [];
  for (const stepS of steps) {
    try {
      vigieRuns.push(runVigie({ name: c.name.replace(/[^\w]+/g, '-'), roads: net.roads, signals: net.signals, demand: converted.demand, horizonS: c.horizonS, stepS }));
    } catch (error) {
      console.log(`  Vigie dt=${stepS}: NOT RUN: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  printTable(sumoRuns, vigieRuns);
  printVerdict(sumoRuns, vigieRuns);
  for (const note of c.notes) console.log(`  ${note}`);
}

/**
 * Links shorter than v²/(2b) at their speed limit (b = Vigie car's comfortable deceleration): a
 * vehicle entering one cannot stop for what it first sees at its end.
 */
function shortLinks(roads: RoadNetworkSpec): number {
  const decelMps2 = VEHICLE_CLASSES.car.decelMps2;
  let count = 0;
  for (const link of roads.links) {
    const points = [roads.nodes[link.from], ...(link.via ?? []), roads.nodes[link.to]];
    let lengthM = 0;
    for (let k = 1; k < points.length; k++) lengthM += Math.hypot(points[k][0] - points[k - 1][0], points[k][1] - points[k - 1][1]);
    const speedMps = (link.speedKph ?? 50) / 3.6;
    if (lengthM < (speedMps * speedMps) / (2 * decelMps2)) count++;
  }
  return count;
}

/** Column text helpers. */
const num = (value: number | null, digits = 0): string => (value === null || !Number.isFinite(value) ? '-' : value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const ratio = (a: number | null, b: number | null): string => (a === null || b === null || b === 0 ? '-' : `${(a / b).toFixed(2)}x`);

interface Row {
  label: string;
  stepS: number;
  trips: number;
  arrived: number;
  stuck: string;
  meanTravelTimeS: number | null;
  routeM: number | null;
  buildS: number | null;
  wallS: number;
  vehicleSteps: number;
}

function rows(sumoRuns: SumoRun[], vigieRuns: VigieRun[]): Row[] {
  return [
    ...sumoRuns.map((r) => ({ label: r.label, stepS: r.stepS, trips: r.loaded, arrived: r.arrived, stuck: `${r.teleports} tp`, meanTravelTimeS: r.meanTravelTimeS, routeM: r.meanRouteLengthM, buildS: r.routingS, wallS: r.wallS, vehicleSteps: r.vehicleSteps })),
    ...vigieRuns.map((r) => ({ label: r.label, stepS: r.stepS, trips: r.inserted + r.waiting + r.unroutedTrips, arrived: r.arrived, stuck: `${r.onRoad}+${r.waiting}`, meanTravelTimeS: r.meanTravelTimeS, routeM: r.meanRouteLengthM, buildS: r.buildS, wallS: r.wallS, vehicleSteps: r.vehicleSteps })),
  ];
}

function printTable(sumoRuns: SumoRun[], vigieRuns: VigieRun[]): void {
  const reference = sumoRuns[0];
  const refUpdates = reference ? reference.vehicleSteps / reference.wallS : null;
  const header = ['run'.padEnd(28), 'dt s'.padStart(5), 'trips'.padStart(7), 'arrived'.padStart(8), 'left'.padStart(10), 'trip s'.padStart(8), 'x SUMO'.padStart(7), 'route m'.padStart(8), 'build s'.padStart(8), 'wall s'.padStart(7), 'veh-updates'.padStart(12), 'updates/s'.padStart(11), 'x SUMO'.padStart(8), 'veh-s/s'.padStart(11), 'x SUMO'.padStart(8)];
  console.log(`\n  ${header.join(' ')}`);
  for (const row of rows(sumoRuns, vigieRuns)) {
    const updatesPerS = row.vehicleSteps / row.wallS;
    console.log('  ' + [
      row.label.padEnd(28), String(row.stepS).padStart(5), num(row.trips).padStart(7), num(row.arrived).padStart(8), row.stuck.padStart(10),
      num(row.meanTravelTimeS, 1).padStart(8), ratio(row.meanTravelTimeS, reference?.meanTravelTimeS ?? null).padStart(7), num(row.routeM).padStart(8),
      (row.buildS === null ? '-' : row.buildS.toFixed(2)).padStart(8), row.wallS.toFixed(2).padStart(7), num(row.vehicleSteps).padStart(12),
      num(updatesPerS).padStart(11), ratio(updatesPerS, refUpdates).padStart(8),
      num(updatesPerS * row.stepS).padStart(11), ratio(updatesPerS * row.stepS, refUpdates).padStart(8),
    ].join(' '));
  }
  console.log('  columns: left = SUMO teleports (tp) / Vigie vehicles on the road + waiting to enter at the end; trip s = mean travel time of the arrived trips');
  console.log('  (departure to arrival); x SUMO = ratio to the first SUMO row; build s = SUMO: routing beforehand (duarouter), Vigie: scenario validation and');
  console.log('  compilation, routing included; wall s = SUMO: the process (load, simulate, write outputs), Vigie: the steps only; veh-updates = sum over steps of');
  console.log('  the vehicles on the road; veh-s/s = simulated vehicle-seconds per wall second (updates/s x step length: the fair figure across step lengths).');
  for (const r of sumoRuns) if (r.loopS !== null && r.upsReported !== null) console.log(`  ${r.label}: SUMO's own report of its simulation loop: ${r.loopS.toFixed(2)} s, ${num(r.upsReported)} vehicle updates/s.`);
}

function printVerdict(sumoRuns: SumoRun[], vigieRuns: VigieRun[]): void {
  const reference = sumoRuns[0];
  if (!reference || reference.meanTravelTimeS === null) return;
  const refUpdates = reference.vehicleSteps / reference.wallS;
  for (const run of vigieRuns) {
    if (run.meanTravelTimeS === null) continue;
    const tt = run.meanTravelTimeS / reference.meanTravelTimeS;
    const updates = run.vehicleSteps / run.wallS / refUpdates;
    const perVehicleSecond = updates * run.stepS;
    const others = sumoRuns.slice(1).filter((r) => r.meanTravelTimeS !== null).map((r) => `, ${(run.meanTravelTimeS! / r.meanTravelTimeS!).toFixed(2)} of ${r.label}`).join('');
    console.log(`  ${run.label}: mean trip ${tt.toFixed(2)} of SUMO's${others} (target within ±${TRAVEL_TIME_TOLERANCE * 100} %: ${Math.abs(tt - 1) <= TRAVEL_TIME_TOLERANCE ? 'met' : 'not met'});`
      + ` vehicle updates/s ${updates.toFixed(2)}x SUMO's (target >= ${SPEEDUP_TARGET}x: ${updates >= SPEEDUP_TARGET ? 'met' : 'not met'}), simulated vehicle-seconds per wall second ${perVehicleSecond.toFixed(2)}x.`);
  }
  for (const run of vigieRuns) {
    const s = run.stops;
    if (s.samples === 0) continue;
    const pct = (n: number): string => `${((100 * n) / s.samples).toFixed(0)} %`;
    console.log(`  ${run.label}: stopped vehicles (sampled every 5 s): ${pct(s.queued)} queued behind another, ${pct(s.atRed)} first at a red/amber light,`
      + ` ${pct(s.heldAtGreen)} first in lane but held at a green or unsignalised junction (merge priority or full next link);`
      + ` ${run.overlapsAtEnd} pairs of vehicles overlapping in a lane at the end;`
      + ` heap allocated per step ${run.bytesPerStep === null ? '-' : `${(run.bytesPerStep / 1024).toFixed(1)} kB`} (growth of the used heap between collections).`);
  }
}

main();
