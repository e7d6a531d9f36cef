/**
 * The city's pedestrian crossings inside a scenario's area, for the traffic and the people to
 * share them: a crossing with traffic signals on a road with one axis (a mid-block crossing)
 * becomes two gates on its kerb lines following the people's phase (phase 1) of the node's
 * signal; any other crossing (uncontrolled, zebra, marked) becomes a zebra on each link that
 * arrives at its node, where vehicles stop while people are on it or wait at it, with gates on
 * its kerbs that hold people while a vehicle that could not stop comes. The crossing's area is the
 * carriageway part of the strip the walkable space already holds (`walkableSpaceOf`: 4 m along
 * the road). Crossings at junctions with two signal axes are left to the signal alone.
 */
import type { CityModel, XY } from '../CityModel.ts';
import { roundCm } from '../LocalFrame.ts';
import { CROSSING_WIDTH_M, type BoxXY } from '../walkable/walkableSpaceOf.ts';
import type { TrafficRoads } from './trafficRoadsOf.ts';

/** A gate line as the scenario format takes it. */
export interface CrossingGate {
  id: string;
  from: XY;
  to: XY;
  inside: XY;
  /** A signalised crossing's gates follow the people's phase; a zebra's, the vehicles approaching it. */
  signal?: { signal: number; phase: number };
  zebras?: string[];
}

/** A zebra as the scenario format takes it. */
export interface CrossingZebra {
  id: string;
  link: number;
  positionM: number;
  polygon: XY[];
}

/** Gates and zebras for the crossings of `city` inside `box`, on the scenario's `roads` and `signalNodes` (indices in roads.nodes). */
export function crossingsOf(city: CityModel, roads: TrafficRoads, box: BoxXY, signalNodes: number[]): { gates: CrossingGate[]; zebras: CrossingZebra[] } {
  const gates: CrossingGate[] = [];
  const zebras: CrossingZebra[] = [];
  const widthOf = new Map(city.roads.map((road) => [road.id, road.widthM]));
  for (const poi of city.pois) {
    if (poi.kind !== 'crossing') continue;
    const [x, y] = poi.at;
    if (x < box.minX || x > box.maxX || y < box.minY || y > box.maxY) continue;
    const node = roads.nodes.findIndex(([nx, ny]) => Math.abs(nx - x) < 0.05 && Math.abs(ny - y) < 0.05);
    if (node < 0) continue;
    const incoming = roads.links.map((link, index) => ({ link, index })).filter(({ link }) => link.to === node);
    if (incoming.length === 0) continue;
    // The road's axis at the node, from the first incoming link's last segment.
    const first = incoming[0].link;
    const before = first.via && first.via.length > 0 ? first.via[first.via.length - 1] : roads.nodes[first.from];
    const length = Math.hypot(x - before[0], y - before[1]) || 1;
    const ax = (x - before[0]) / length;
    const ay = (y - before[1]) / length;
    const halfRoadM = (widthOf.get(first.id) ?? 6.5) / 2;
    const halfAlongM = CROSSING_WIDTH_M / 2;
    const corner = (along: number, across: number): XY => [roundCm(x + ax * along - ay * across), roundCm(y + ay * along + ax * across)];
    const polygon = [corner(-halfAlongM, -halfRoadM), corner(halfAlongM, -halfRoadM), corner(halfAlongM, halfRoadM), corner(-halfAlongM, halfRoadM)];
    const signal = signalNodes.indexOf(node);
    const oneAxis = roads.links.filter((link) => link.to === node || link.from === node).every((link) => {
      const other = roads.nodes[link.to === node ? link.from : link.to];
      const dx = other[0] - x;
      const dy = other[1] - y;
      return Math.abs(dx * ay - dy * ax) < 0.3 * Math.hypot(dx, dy);
    });
    if (poi.subtype === 'traffic_signals' || signal >= 0) {
      if (signal < 0 || !oneAxis) continue;
      gates.push({ id: `${poi.id}:kerb-left`, from: corner(-halfAlongM, halfRoadM), to: corner(halfAlongM, halfRoadM), inside: [x, y], signal: { signal, phase: 1 } });
      gates.push({ id: `${poi.id}:kerb-right`, from: corner(-halfAlongM, -halfRoadM), to: corner(halfAlongM, -halfRoadM), inside: [x, y], signal: { signal, phase: 1 } });
      continue;
    }
    const ids: string[] = [];
    for (const { index } of incoming) {
      const linkLengthM = linkLength(roads, index);
      ids.push(`${poi.id}:link-${index}`);
      zebras.push({ id: ids[ids.length - 1], link: index, positionM: Math.max(0, roundCm(linkLengthM - halfAlongM)), polygon });
    }
    // Its kerbs: people wait there while a vehicle that could not stop comes.
    gates.push({ id: `${poi.id}:kerb-left`, from: corner(-halfAlongM, halfRoadM), to: corner(halfAlongM, halfRoadM), inside: [x, y], zebras: ids });
    gates.push({ id: `${poi.id}:kerb-right`, from: corner(-halfAlongM, -halfRoadM), to: corner(halfAlongM, -halfRoadM), inside: [x, y], zebras: ids });
  }
  return { gates, zebras };
}

function linkLength(roads: TrafficRoads, index: number): number {
  const link = roads.links[index];
  const points = [roads.nodes[link.from], ...(link.via ?? []), roads.nodes[link.to]];
  let length = 0;
  for (let k = 1; k < points.length; k++) length += Math.hypot(points[k][0] - points[k - 1][0], points[k][1] - points[k - 1][1]);
  return length;
}
