/**
 * Where and why Vigie's vehicles stand still on the Bologna "Andrea Costa" scenario (a diagnostic
 * of the comparison with SUMO, Vigie only: SUMO is not run). Every 5 simulated seconds, each
 * vehicle slower than 0.1 m/s is charged to a cause, and the front vehicle of each stopped queue
 * to its link and lane: at a red or amber light, giving way (rightOfWay.ts), conflict area busy,
 * no room on the next link, in a lane that does not serve its next movement (missed its lane),
 * behind a merge (another approach's vehicle first), or none of these (following the rear of the
 * next lane, or held by a queue ahead). Prints arrivals and the mean trip, the causes, the links
 * with the most stopped vehicle-samples and the allocation per step (heap growth between GCs is
 * not measured; `--trace-gc` gives the scavenges).
 *
 *   node --import tsx bench/sumo/diagnoseBologna.ts [--step 0.05] [--horizon 5400] [--top 20]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createWorld, isRunOver, stepWorld, validateScenario } from '../../engine/index.ts';
import { HELD_AREA_BUSY, HELD_GIVING_WAY, HELD_NO_ROOM, movementOf } from '../../engine/vehicles/junctions.ts';
import { laneOffsetToServe } from '../../engine/vehicles/laneConnections.ts';
import { mustStopAt } from '../../engine/vehicles/followingAcceleration.ts';
import { readSumoNet } from './readSumoNet.ts';
import { readSumoTrips } from './readSumoTrips.ts';
import { tripsToDemand } from './tripsToDemand.ts';

const BOLOGNA = new URL('../../../shared/data/sumo/bologna_acosta/', import.meta.url).pathname;
const { values: args } = parseArgs({ options: { step: { type: 'string', default: '0.05' }, horizon: { type: 'string', default: '5400' }, top: { type: 'string', default: '20' }, 'sumo-edges': { type: 'string' }, at: { type: 'string', default: '900' } } });
const stepS = Number(args.step);
const horizonS = Number(args.horizon);

const netFile = join(BOLOGNA, 'acosta_buslanes.net.xml');
const tlsFile = join(BOLOGNA, 'acosta_tls.add.xml');
const routesFile = join(BOLOGNA, 'acosta.rou.xml');
const net = readSumoNet(readFileSync(netFile, 'utf8'), netFile, [{ text: readFileSync(tlsFile, 'utf8'), fileName: tlsFile }]);
const trips = readSumoTrips(readFileSync(routesFile, 'utf8'), routesFile).trips;
const converted = tripsToDemand(trips, net, true);
const roads = net.roads;
let minX = Infinity;
let minY = Infinity;
for (const [x, y] of roads.nodes) {
  minX = Math.min(minX, x);
  minY = Math.min(minY, y);
}
const y0 = minY - 500;
const scenario = validateScenario({
  name: 'bologna-diagnosis', seed: 1, durationS: horizonS, stepS, stopWhenEmpty: true,
  geometry: {
    walkable: [[[minX, y0], [minX + 10, y0], [minX + 10, y0 + 10], [minX, y0 + 10]]],
    exits: [{ id: 'e', polygon: [[minX + 10, y0 + 4], [minX + 11, y0 + 4], [minX + 11, y0 + 6], [minX + 10, y0 + 6]] }],
  },
  traffic: { roads, demand: converted.demand, signals: net.signals },
}, 'bologna.json');
const world = createWorld(scenario, 'bologna.json');
const traffic = world.traffic!;
const { vehicles, network, junctions } = traffic;
const junctionOfNode = new Map([...net.nodeOfJunction].map(([id, node]) => [node, id]));

const causes = ['queued', 'red', 'givingWay', 'areaBusy', 'noRoom', 'missedLane', 'merge', 'other'] as const;
const tally = Object.fromEntries(causes.map((c) => [c, 0])) as Record<(typeof causes)[number], number>;
/** Per link: stopped vehicle-samples, and front causes. */
const linkStopped = new Float64Array(network.linkCount);
const linkFront = causes.map(() => new Float64Array(network.linkCount));
const frontOf = new Int32Array(network.laneCount);
const sampleEvery = Math.round(5 / stepS);
let samples = 0;
const arrivalsAt: string[] = [];
const startMs = performance.now();
const heapStart = process.memoryUsage().heapUsed;
let steps = 0;
let standingFoe = 0;
let snapshotS: Float64Array | null = null;
let snapshotOut: Int32Array | null = null;
while (!isRunOver(world)) {
  stepWorld(world);
  steps++;
  const tick = world.clock.tick;
  if (tick % Math.round(900 / stepS) === 0) arrivalsAt.push(`${tick * stepS} s: ${traffic.arrived} arrived, ${vehicles.count} on the road`);
  if (tick === Math.round(Number(args.at) / stepS)) {
    snapshotS = Float64Array.from(traffic.linkVehicleS);
    snapshotOut = Int32Array.from(traffic.linkOutflow);
  }
  if (tick % sampleEvery !== 0) continue;
  samples++;
  const nowS = tick * stepS;
  frontOf.fill(-1);
  for (let i = 0; i < vehicles.count; i++) {
    const lane = network.laneBase[vehicles.link[i]] + vehicles.lane[i];
    if (frontOf[lane] < 0 || vehicles.posM[i] > vehicles.posM[frontOf[lane]]) frontOf[lane] = i;
  }
  for (let i = 0; i < vehicles.count; i++) {
    if (vehicles.speedMps[i] > 0.1) continue;
    const link = vehicles.link[i];
    const lane = network.laneBase[link] + vehicles.lane[i];
    linkStopped[link]++;
    if (frontOf[lane] !== i) {
      tally.queued++;
      continue;
    }
    const route = traffic.routes[vehicles.route[i]];
    const cursor = vehicles.cursor[i];
    const next = cursor + 1 < route.length ? route[cursor + 1] : -1;
    let cause: (typeof causes)[number] = 'other';
    if (next >= 0 && mustStopAt(traffic, link, next, vehicles.vehicleClass[i], 0, network.linkLengthM[link] - vehicles.posM[i], nowS)) cause = 'red';
    else if (junctions.laneFrontId[lane] === vehicles.id[i] && junctions.laneHeld[lane] === HELD_GIVING_WAY) cause = 'givingWay';
    else if (junctions.laneFrontId[lane] === vehicles.id[i] && junctions.laneHeld[lane] === HELD_AREA_BUSY) {
      cause = 'areaBusy';
      const m = movementOf(junctions, network, link, next);
      for (let c = junctions.conflictStart[m]; c < junctions.conflictStart[m + 1]; c++) if (junctions.busyToS[junctions.conflictFoe[c]] === Infinity) standingFoe++;
    }
    else if (junctions.laneFrontId[lane] === vehicles.id[i] && junctions.laneHeld[lane] === HELD_NO_ROOM) cause = 'noRoom';
    else if (next >= 0 && laneOffsetToServe(junctions, movementOf(junctions, network, link, next), vehicles.lane[i]) !== 0) cause = 'missedLane';
    else if (next >= 0) {
      for (let k = 0; k < network.linkLanes[next]; k++) {
        const first = traffic.mergeFirst[network.laneBase[next] + k];
        if (first >= 0 && first !== i) cause = 'merge';
      }
    }
    tally[cause]++;
    linkFront[causes.indexOf(cause)][link]++;
  }
}
const wallS = (performance.now() - startMs) / 1000;
const heapEnd = process.memoryUsage().heapUsed;
console.log(`Bologna, Vigie only, dt ${stepS} s, ${steps} steps in ${wallS.toFixed(1)} s; heap ${((heapEnd - heapStart) / 1e6).toFixed(1)} MB net growth`);
for (const line of arrivalsAt) console.log(`  ${line}`);
console.log(`arrived ${traffic.arrived} of ${converted.trips}, mean trip ${(traffic.travelTimeSumS / traffic.arrived).toFixed(1)} s, on the road ${vehicles.count}`);
const total = causes.reduce((s, c) => s + tally[c], 0);
console.log(`stopped vehicle-samples ${total} (${samples} samples): ${causes.map((c) => `${c} ${((100 * tally[c]) / total).toFixed(1)} %`).join(', ')}`);
console.log(`areaBusy holds with a foe movement blocked by a standing vehicle (for ever): ${standingFoe}`);
const top = [...linkStopped.keys()].sort((a, b) => linkStopped[b] - linkStopped[a]).slice(0, Number(args.top));
console.log('links with the most stopped vehicle-samples (mean stopped vehicles; front causes in samples):');
for (const l of top) {
  const fronts = causes.map((c, k) => [c, linkFront[k][l]] as const).filter(([, n]) => n > 0).map(([c, n]) => `${c} ${n}`).join(', ');
  console.log(`  ${roads.links[l].id} (${network.linkLanes[l]} lanes, ${network.linkLengthM[l].toFixed(0)} m) -> ${junctionOfNode.get(network.linkTo[l])} [${(roads.links[l].id)}]: ${(linkStopped[l] / samples).toFixed(1)} stopped; fronts: ${fronts}`);
}

// Against SUMO's edgeData over [0, --at] (an edgeData file of sumo --additional-files with <edgeData begin="0" end="at">).
const sumoEdges = args['sumo-edges'];
const vigieS = snapshotS as Float64Array | null;
const vigieOut = snapshotOut as Int32Array | null;
if (sumoEdges !== undefined && vigieS !== null && vigieOut !== null) {
  const text = readFileSync(sumoEdges, 'utf8');
  const sumoS = new Map<string, [number, number]>();
  for (const m of text.matchAll(/<edge id="([^"]+)" sampledSeconds="([^"]+)"[^>]*left="(\d+)"/g)) sumoS.set(m[1], [Number(m[2]), Number(m[3])]);
  const byExcess = [...vigieS.keys()].sort((a, b) => (vigieS[b] - (sumoS.get(roads.links[b].id ?? "")?.[0] ?? 0)) - (vigieS[a] - (sumoS.get(roads.links[a].id ?? "")?.[0] ?? 0)));
  console.log(`links with the most vehicle-seconds beyond SUMO's by ${args.at} s (Vigie veh-s / SUMO veh-s; left Vigie / SUMO):`);
  for (const l of byExcess.slice(0, Number(args.top))) {
    const [sS, sLeft] = sumoS.get(roads.links[l].id ?? "") ?? [0, 0];
    const fronts = causes.map((c, k) => [c, linkFront[k][l]] as const).filter(([, n]) => n > 0).map(([c, n]) => `${c} ${n}`).join(', ');
    console.log(`  ${roads.links[l].id} (${network.linkLanes[l]} lanes, ${network.linkLengthM[l].toFixed(0)} m, signal ${network.linkSignal[l]}) -> ${junctionOfNode.get(network.linkTo[l])}: ${vigieS[l].toFixed(0)} / ${sS.toFixed(0)}; left ${vigieOut[l]} / ${sLeft}; fronts ${fronts}`);
  }
}
