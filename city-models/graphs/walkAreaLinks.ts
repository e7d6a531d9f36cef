/**
 * Walking across squares and pedestrian areas: an area's outline is walkable, and people also
 * cross it in straight lines between the places where paths meet it (its "entries": outline
 * vertices shared with other lines). Each pair of entries whose straight segment stays inside
 * the area becomes a link (a visibility graph over the entries, as in Vadere's and MATSim's
 * treatment of open spaces).
 */
import type { XY } from '../CityModel.ts';
import { ringContainsPoint } from '../geometry/rings.ts';
import { properlyCross } from '../geometry/segments.ts';
import type { KeyedLine } from './buildNetworkGraph.ts';

/** At most this many entries are linked pairwise per area (beyond it, the outline only). */
const MAX_ENTRIES = 40;

/** The outline lines and straight entry-to-entry links of the areas. */
export function walkAreaLinks(areas: { featureId: string; keys: string[]; line: XY[] }[], otherLines: KeyedLine[]): KeyedLine[] {
  const usedKeys = new Set<string>();
  for (const line of otherLines) for (const key of line.keys) usedKeys.add(key);
  const links: KeyedLine[] = [];
  for (const area of areas) {
    links.push({ featureId: area.featureId, keys: area.keys, line: area.line, widthM: 0 });
    const entries: number[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < area.keys.length - 1; i++) {
      if (usedKeys.has(area.keys[i]) && !seen.has(area.keys[i])) {
        seen.add(area.keys[i]);
        entries.push(i);
      }
    }
    if (entries.length > MAX_ENTRIES) continue;
    for (let a = 0; a < entries.length; a++) {
      for (let b = a + 1; b < entries.length; b++) {
        const p = area.line[entries[a]];
        const q = area.line[entries[b]];
        if (segmentInsideRing(p, q, area.line)) links.push({ featureId: area.featureId, keys: [area.keys[entries[a]], area.keys[entries[b]]], line: [p, q], widthM: 0 });
      }
    }
  }
  return links;
}

/** True when segment pq (between two ring vertices) lies inside the ring. */
function segmentInsideRing(p: XY, q: XY, ring: XY[]): boolean {
  const mid: XY = [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2];
  if (!ringContainsPoint(ring, mid)) return false;
  for (let i = 1; i < ring.length; i++) {
    if (properlyCross(p, q, ring[i - 1], ring[i])) return false;
  }
  return true;
}
