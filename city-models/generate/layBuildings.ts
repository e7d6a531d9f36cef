/**
 * The building layout of the default district: rectangular footprints laid along the street
 * fronts, first come first served, each kept clear of every obstacle (`buildingObstacles.ts`)
 * and of the buildings already placed. Local metres (see `districtDraft.ts`).
 */
import type { XY } from '../CityModel.ts';
import { clearanceOf, ringDistance, type Obstacle } from './buildingObstacles.ts';
import { boxOf, boxesOverlap, dist, hash01, pt, type AreaDraft, type Box, type LineDraft, type Tags } from './districtDraft.ts';
import { EAST_X, NORTH_Y, SEA_Y, WEST_X } from './districtPlan.ts';

/** A placed building: ring counter-clockwise (not closed), the middle of its street front, local metres; tags set later. */
export interface BuildingDraft {
  ring: XY[];
  box: Box;
  frontMid: XY;
  tags: Tags;
}

/** A street front buildings are laid along: a line, how far from it (metres), and the size class. */
export interface Frontage {
  pts: XY[];
  offsetM: number;
  size: 'small' | 'medium' | 'large';
}

/** Minimum gap between two buildings, metres. */
const BUILDING_GAP_M = 1;

/** Footprint sizes by class: width along the street and depth, min and spread, metres; the gap between neighbours. */
const SIZES = {
  small: { widthM: [24, 10], depthM: [14, 6], gapM: 1.5 },
  medium: { widthM: [34, 14], depthM: [20, 8], gapM: 3 },
  large: { widthM: [36, 12], depthM: [20, 8], gapM: 4 },
} as const;

/**
 * The fronts to build along, in the order they are served: the ground-level streets and walkways
 * of `network` (not crossings, beach accesses or links to the promenade), main roads first and
 * old-town lanes last, then the outline of the main square.
 */
export function districtFrontages(network: LineDraft[], areas: AreaDraft[]): Frontage[] {
  const frontOf = (line: LineDraft): Frontage => {
    const t = line.tags;
    const size = t.highway === 'primary' || t.highway === 'secondary' || line.id.startsWith('avenue-') ? 'large' : line.id.startsWith('ot-') ? 'small' : 'medium';
    return { pts: line.pts, offsetM: clearanceOf(line) + 0.3, size };
  };
  const fronted = network.filter((l) => l.layer === 0 && l.tags.footway !== 'crossing' && !l.id.startsWith('footway-beach') && !l.id.startsWith('footway-to-'));
  const rank = (l: LineDraft): number => {
    const order = ['primary', 'secondary', 'tertiary', 'residential', 'pedestrian', 'footway'];
    const main = order.indexOf(l.tags.highway);
    return l.id.startsWith('ot-') ? 10 + main : main;
  };
  const frontages = [...fronted].sort((p, q) => rank(p) - rank(q)).map(frontOf);
  const square = areas.find((a) => a.id === 'square-main');
  if (square !== undefined) frontages.push({ pts: [...square.ring, square.ring[0]], offsetM: 2.3, size: 'medium' });
  return frontages;
}

/** True when a candidate footprint lies inside the district and clear of every obstacle and placed building. */
function fits(ring: XY[], obstacles: Obstacle[], placed: BuildingDraft[]): boolean {
  const box = boxOf(ring);
  if (box[0] < WEST_X + 2 || box[2] > EAST_X - 2 || box[1] < SEA_Y + 2 || box[3] > NORTH_Y - 2) return false;
  for (const o of obstacles) {
    if (boxesOverlap(box, o.box) && ringDistance(ring, o.pts, o.isRing) < o.clearanceM) return false;
  }
  for (const b of placed) {
    if (boxesOverlap(box, [b.box[0] - BUILDING_GAP_M, b.box[1] - BUILDING_GAP_M, b.box[2] + BUILDING_GAP_M, b.box[3] + BUILDING_GAP_M]) && ringDistance(ring, b.ring, true) < BUILDING_GAP_M) {
      return false;
    }
  }
  return true;
}

/**
 * Lays rectangular footprints along each front, both sides, first come first served; a footprint
 * is kept only if it is clear of every obstacle and every building already placed. Untagged.
 */
export function layBuildings(frontages: Frontage[], obstacles: Obstacle[]): BuildingDraft[] {
  const placed: BuildingDraft[] = [];
  frontages.forEach((front, f) => {
    for (let s = 0; s + 1 < front.pts.length; s++) {
      for (const side of [1, -1]) laySegmentSide(front, f, s, side, obstacles, placed);
    }
  });
  return placed;
}

/**
 * Lays footprints along segment s of front number f, on one side (1 left, -1 right of its
 * direction), appending them to `placed`. A footprint that does not fit is tried once more
 * 40% shallower (unless that is under 7 m deep); failing that, the next try starts 3 m further on.
 */
function laySegmentSide(front: Frontage, f: number, s: number, side: number, obstacles: Obstacle[], placed: BuildingDraft[]): void {
  const size = SIZES[front.size];
  const a = front.pts[s];
  const b = front.pts[s + 1];
  const lengthM = dist(a, b);
  const dx = (b[0] - a[0]) / lengthM;
  const dy = (b[1] - a[1]) / lengthM;
  const nx = -dy * side;
  const ny = dx * side;
  let alongM = 1;
  let k = 0;
  while (alongM + size.widthM[0] <= lengthM - 1) {
    k++;
    const widthM = Math.min(size.widthM[0] + size.widthM[1] * hash01(f, s * 2 + side, k * 2), lengthM - 1 - alongM);
    let depthM = size.depthM[0] + size.depthM[1] * hash01(f, s * 2 + side, k * 2 + 1);
    let ring: XY[] | null = null;
    for (let attempt = 0; attempt < 2 && ring === null; attempt++) {
      const o = front.offsetM;
      const q0 = pt(a[0] + dx * alongM + nx * o, a[1] + dy * alongM + ny * o);
      const q1 = pt(a[0] + dx * (alongM + widthM) + nx * o, a[1] + dy * (alongM + widthM) + ny * o);
      const q2 = pt(q1[0] + nx * depthM, q1[1] + ny * depthM);
      const q3 = pt(q0[0] + nx * depthM, q0[1] + ny * depthM);
      const candidate = side === 1 ? [q0, q1, q2, q3] : [q1, q0, q3, q2];
      if (fits(candidate, obstacles, placed)) ring = candidate;
      else depthM *= 0.6;
      if (depthM < 7) break;
    }
    if (ring === null) {
      alongM += 3;
      continue;
    }
    const frontMid = pt((ring[0][0] + ring[1][0]) / 2, (ring[0][1] + ring[1][1]) / 2);
    placed.push({ ring, box: boxOf(ring), frontMid, tags: {} });
    alongM += widthM + size.gapM;
  }
}
