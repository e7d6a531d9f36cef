/**
 * Tags of the default district's buildings once laid out: kind and levels by quarter, then the
 * two landmarks (the old-town church and the hospital). Deterministic from each building's index.
 */
import type { XY } from '../CityModel.ts';
import { ringSignedArea } from '../geometry/rings.ts';
import { centroid, dist, hash01 } from './districtDraft.ts';
import type { BuildingDraft } from './layBuildings.ts';

/**
 * Sets the tags of building number n (0-based) in place. Levels by quarter: the old town 3-5, the
 * seafront 6-9, the east 3-6, the centre 4-7; some buildings say nothing of their height.
 */
export function tagBuilding(b: BuildingDraft, n: number): void {
  const [x, y] = centroid(b.ring);
  const h = hash01(n, 7, 11);
  let levelRange: [number, number];
  let kinds: string[];
  if (y < -205) {
    levelRange = [6, 9];
    kinds = ['apartments', 'apartments', 'hotel', 'commercial'];
  } else if (x < -255) {
    levelRange = [3, 5];
    kinds = ['yes', 'apartments', 'yes', 'residential'];
  } else if (x > 355) {
    levelRange = [3, 6];
    kinds = ['residential', 'apartments', 'house', 'yes'];
  } else {
    levelRange = [4, 7];
    kinds = ['apartments', 'commercial', 'retail', 'yes'];
  }
  const levels = levelRange[0] + Math.floor(h * (levelRange[1] - levelRange[0] + 1));
  b.tags.building = kinds[Math.floor(hash01(n, 3, 5) * kinds.length)];
  if (n % 11 === 5) return; // some buildings say nothing of their height
  b.tags['building:levels'] = String(levels);
  if (n % 7 === 3) b.tags.height = String(levels * 3 + 1.5);
}

/**
 * The building whose vertex centroid is nearest `target` (local metres) among those not in
 * `taken` (the first building when all are taken); adds it to `taken`.
 */
export function nearestBuilding(buildings: BuildingDraft[], target: XY, taken: Set<BuildingDraft>): BuildingDraft {
  let best = buildings[0];
  let bestD = Infinity;
  for (const b of buildings) {
    const d = dist(centroid(b.ring), target);
    if (d < bestD && !taken.has(b)) {
      best = b;
      bestD = d;
    }
  }
  taken.add(best);
  return best;
}

/**
 * Turns two buildings into landmarks, replacing their tags: the largest footprint of the old town
 * becomes the Église Saint-Roch, and the other building nearest (500, 60) m the Hôpital des Pins.
 * Throws when the old town has no building.
 */
export function tagLandmarks(buildings: BuildingDraft[]): void {
  const taken = new Set<BuildingDraft>();
  const oldTown = buildings.filter((b) => centroid(b.ring)[0] < -300 && centroid(b.ring)[1] > -180);
  // NOTE: footprints are counter-clockwise, so the signed area is the area.
  const oldTownLargest = oldTown.reduce((p, q) => (ringSignedArea(q.ring) > ringSignedArea(p.ring) ? q : p));
  oldTownLargest.tags = { building: 'church', name: 'Église Saint-Roch', height: '24', amenity: 'place_of_worship', religion: 'christian' };
  taken.add(oldTownLargest);
  const hospital = nearestBuilding(buildings, [500, 60], taken);
  hospital.tags = { building: 'hospital', name: 'Hôpital des Pins', 'building:levels': '6' };
}
