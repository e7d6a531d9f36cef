/**
 * City-model benchmarks (`npm run bench`, or `-- --only city`): import time of the real OSM
 * extracts in ../shared/data/osm (Paris 10e, about 1.9 km x 1.6 km of data around a 0.36 km² box;
 * Monaco, about 2 km²) and of 10 km² procedural cities (grid and radial), the walkable space of a
 * 400 m x 400 m area, and shortest-path queries per second on each pedestrian graph (A* between
 * random pairs of the largest component), and people walking Monaco's network (mesoscopic
 * model, walker-steps per second). Prints figures; never fails on time.
 */
import { readFileSync } from 'node:fs';
import { importCity } from '../city-models/importCity.ts';
import type { CityModel } from '../city-models/CityModel.ts';
import { generateProceduralCityOsm } from '../city-models/generate/proceduralCity.ts';
import { walkableSpaceOf } from '../city-models/walkable/walkableSpaceOf.ts';
import { RouteGraph } from '../engine/navigation/RouteGraph.ts';
import { addWalker, advanceWalkers, buildPedestrianNetwork, createNetworkWalkers, type NetworkRoute } from '../engine/network/PedestrianNetwork.ts';
import { trafficRoadsOf } from '../city-models/scenario/trafficRoadsOf.ts';
import { buildTraffic } from '../engine/vehicles/Traffic.ts';
import { stepVehicles } from '../engine/vehicles/stepVehicles.ts';
import type { TrafficSpec } from '../engine/scenario/Scenario.ts';
import { forkStream } from '../engine/random/Rng.ts';

const SHARED = new URL('../../shared/data/osm/', import.meta.url).pathname;
const ROUTE_QUERIES = 20_000;

interface CityFigures {
  bench: string;
  megabytes: number;
  importS: number;
  buildings: number;
  pedestrianNodes: number;
  walkableAreaS: number;
  routesPerS: number;
  meanRouteM: number;
}

/** Runs the city benchmarks; prints a table or JSON lines. */
export function runCityBench(json: boolean): void {
  const inputs: [string, () => string][] = [
    ['osm paris-10e', () => readFileSync(`${SHARED}paris_10e_gare_du_nord/paris_10e_map.osm`, 'utf8')],
    ['osm monaco', () => readFileSync(`${SHARED}monaco_2012/monaco.osm`, 'utf8')],
    ['procedural grid 10 km²', () => generateProceduralCityOsm({ widthM: 3200, heightM: 3200, layout: 'grid', seed: 1 })],
    ['procedural radial 10 km²', () => generateProceduralCityOsm({ widthM: 3200, heightM: 3200, layout: 'radial', seed: 1 })],
  ];
  if (!json) {
    console.log('\nCity models: import, walkable space of a 400 m x 400 m area, A* routes on the pedestrian graph');
    console.log(['bench'.padEnd(26), 'MB'.padStart(6), 'import s'.padStart(9), 'buildings'.padStart(10), 'ped nodes'.padStart(10), 'area s'.padStart(7), 'routes/s'.padStart(10), 'mean route m'.padStart(13)].join(' '));
  }
  for (const [name, read] of inputs) {
    const text = read();
    const startMs = performance.now();
    const model = importCity(text, `${name}.osm`);
    const importS = (performance.now() - startMs) / 1000;
    const figures: CityFigures = { bench: name, megabytes: text.length / 1e6, importS, buildings: model.buildings.length, pedestrianNodes: model.pedestrianGraph.nodeXY.length / 2, ...areaAndRoutes(model) };
    if (json) console.log(JSON.stringify(figures));
    else {
      console.log([
        name.padEnd(26), figures.megabytes.toFixed(1).padStart(6), figures.importS.toFixed(2).padStart(9), String(figures.buildings).padStart(10), String(figures.pedestrianNodes).padStart(10),
        figures.walkableAreaS.toFixed(2).padStart(7), Math.round(figures.routesPerS).toLocaleString('en').padStart(10), figures.meanRouteM.toFixed(0).padStart(13),
      ].join(' '));
    }
    if (name === 'osm monaco') networkWalkers(model, json);
    if (name === 'procedural grid 10 km²') vehicles(model, json);
  }
}

/** People walking Monaco's pedestrian network (mesoscopic model): walker-steps per second. */
function networkWalkers(model: CityModel, json: boolean): void {
  const WALKERS = 100_000;
  const ROUTES = 200;
  const STEPS = 200;
  const graph = model.pedestrianGraph;
  const network = buildPedestrianNetwork({ nodes: Array.from({ length: graph.nodeXY.length / 2 }, (_, i) => [graph.nodeXY[2 * i], graph.nodeXY[2 * i + 1]] as [number, number]), edges: graph.edges.map((edge) => [edge.from, edge.to, edge.widthM ?? 2] as [number, number, number]) });
  const rng = forkStream(2, 'networkBench');
  const routes: NetworkRoute[] = [];
  while (routes.length < ROUTES) {
    const from = Math.floor(rng.uniform(0, network.graph.nodeCount));
    const to = Math.floor(rng.uniform(0, network.graph.nodeCount));
    const nodes = network.graph.routeNodes(from, to);
    if (!nodes || nodes.length < 2) continue;
    const edges = Int32Array.from(nodes.slice(1), (node, k) => network.graph.edgeBetween(nodes[k], node));
    routes.push({ nodes: Int32Array.from(nodes), edges, entryXM: network.graph.nodeXY[2 * to], entryYM: network.graph.nodeXY[2 * to + 1], lengthM: 0 });
  }
  const walkers = createNetworkWalkers(WALKERS);
  for (let k = 0; k < WALKERS; k++) {
    const route = routes[k % ROUTES];
    addWalker(walkers, k % ROUTES, network.graph.nodeXY[2 * route.nodes[0]], network.graph.nodeXY[2 * route.nodes[0] + 1], 1.34, 0);
  }
  for (let tick = 0; tick < 20; tick++) advanceWalkers(walkers, network, routes, tick, 0.05);
  const startMs = performance.now();
  for (let tick = 20; tick < 20 + STEPS; tick++) advanceWalkers(walkers, network, routes, tick, 0.05);
  const perS = (WALKERS * STEPS) / ((performance.now() - startMs) / 1000);
  if (json) console.log(JSON.stringify({ bench: 'network walkers monaco', walkers: WALKERS, walkerStepsPerS: Math.round(perS) }));
  else console.log(`network walkers (Monaco graph, ${WALKERS.toLocaleString('en')} people, mesoscopic): ${(perS / 1e6).toFixed(1)} M walker-steps/s`);
}

function areaAndRoutes(model: CityModel): Pick<CityFigures, 'walkableAreaS' | 'routesPerS' | 'meanRouteM'> {
  const cx = (model.bounds.minX + model.bounds.maxX) / 2;
  const cy = (model.bounds.minY + model.bounds.maxY) / 2;
  let startMs = performance.now();
  walkableSpaceOf(model, { minX: cx - 200, minY: cy - 200, maxX: cx + 200, maxY: cy + 200 });
  const walkableAreaS = (performance.now() - startMs) / 1000;
  const router = new RouteGraph(model.pedestrianGraph, false);
  const nodeCount = router.nodeCount;
  const rng = forkStream(1, 'cityBench');
  const from = new Int32Array(ROUTE_QUERIES);
  const to = new Int32Array(ROUTE_QUERIES);
  for (let k = 0; k < ROUTE_QUERIES; k++) {
    from[k] = Math.floor(rng.uniform(0, nodeCount));
    to[k] = Math.floor(rng.uniform(0, nodeCount));
  }
  for (let k = 0; k < 500; k++) router.route(from[k], to[k]); // warm-up
  let total = 0;
  let found = 0;
  startMs = performance.now();
  for (let k = 0; k < ROUTE_QUERIES; k++) {
    const lengthM = router.route(from[k], to[k]);
    if (Number.isFinite(lengthM)) {
      total += lengthM;
      found++;
    }
  }
  const seconds = (performance.now() - startMs) / 1000;
  return { walkableAreaS, routesPerS: ROUTE_QUERIES / seconds, meanRouteM: found > 0 ? total / found : 0 };
}

/**
 * Road traffic on the 10 km² procedural grid city: 300 random origin-destination pairs at
 * 1,200 vehicles per hour each, stepped (0.05 s) until 10,000 vehicles are on the road, then
 * timed: vehicle-steps per second, single thread.
 */
function vehicles(model: CityModel, json: boolean): void {
  const roads = trafficRoadsOf(model);
  const rng = forkStream(5, 'trafficBench');
  const demand: NonNullable<TrafficSpec['demand']> = [];
  for (let k = 0; k < 300; k++) {
    const from = Math.floor(rng.uniform(0, roads.nodes.length));
    const to = Math.floor(rng.uniform(0, roads.nodes.length));
    if (from !== to) demand.push({ id: `d${k}`, from, to, vehiclesPerHour: 1200, fromS: 0, toS: 3600 });
  }
  const traffic = buildTraffic({ roads: { nodes: roads.nodes, links: roads.links }, demand, signals: roads.signalNodes.map((node) => ({ node })) }, 3600);
  let tick = 0;
  while (traffic.vehicles.count < 10_000 && tick < 40_000) stepVehicles(traffic, tick++, 0.05);
  const STEPS = 300;
  let vehicleSteps = 0;
  const startMs = performance.now();
  for (let k = 0; k < STEPS; k++) {
    vehicleSteps += traffic.vehicles.count;
    stepVehicles(traffic, tick++, 0.05);
  }
  const seconds = (performance.now() - startMs) / 1000;
  const perS = vehicleSteps / seconds;
  if (json) console.log(JSON.stringify({ bench: 'vehicles grid 10 km²', vehicles: traffic.vehicles.count, links: roads.links.length, vehicleStepsPerS: Math.round(perS), msPerStep: Math.round((seconds / STEPS) * 1e6) / 1e3 }));
  else console.log(`vehicles (procedural grid, ${roads.links.length} links, ${traffic.vehicles.count.toLocaleString('en')} vehicles, IDM + signals): ${(perS / 1e6).toFixed(1)} M vehicle-steps/s, ${((seconds / STEPS) * 1000).toFixed(2)} ms/step`);
}
