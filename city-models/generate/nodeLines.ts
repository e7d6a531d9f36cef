/**
 * Noding the default district's network: lines that meet come to share a vertex, which is how
 * the importer joins them. Works on drafts in local metres (see `districtDraft.ts`).
 */
import type { XY } from '../CityModel.ts';
import { boxOf, boxesOverlap, dist, pt, type LineDraft } from './districtDraft.ts';

/** Points closer than this are the same point, metres. */
const SNAP_M = 1e-4;

/**
 * Where two segments meet: the point (snapped to an existing endpoint when within SNAP_M), or null.
 * Throws when they overlap along a length: two ways drawn on top of each other is a plan error.
 */
function meetingPoint(a0: XY, a1: XY, b0: XY, b1: XY, context: string): XY | null {
  const rx = a1[0] - a0[0];
  const ry = a1[1] - a0[1];
  const sx = b1[0] - b0[0];
  const sy = b1[1] - b0[1];
  const lenR = Math.hypot(rx, ry);
  const lenS = Math.hypot(sx, sy);
  const denom = rx * sy - ry * sx;
  const qx = b0[0] - a0[0];
  const qy = b0[1] - a0[1];
  if (Math.abs(denom) < 1e-9 * lenR * lenS) {
    if (Math.abs(qx * ry - qy * rx) / lenR > SNAP_M) return null;
    const t0 = (qx * rx + qy * ry) / (lenR * lenR);
    const t1 = ((b1[0] - a0[0]) * rx + (b1[1] - a0[1]) * ry) / (lenR * lenR);
    const lo = Math.max(0, Math.min(t0, t1));
    const hi = Math.min(1, Math.max(t0, t1));
    if ((hi - lo) * lenR > SNAP_M) throw new Error(`defaultDistrict: ${context}: collinear ways overlap`);
    if (hi < lo - SNAP_M / lenR) return null;
    for (const p of [a0, a1]) for (const q of [b0, b1]) if (dist(p, q) < SNAP_M) return p;
    return null;
  }
  const t = (qx * sy - qy * sx) / denom;
  const u = (qx * ry - qy * rx) / denom;
  const epsT = SNAP_M / lenR;
  const epsU = SNAP_M / lenS;
  if (t < -epsT || t > 1 + epsT || u < -epsU || u > 1 + epsU) return null;
  const p: XY = [a0[0] + t * rx, a0[1] + t * ry];
  for (const q of [a0, a1, b0, b1]) if (dist(p, q) < SNAP_M) return q;
  return pt(p[0], p[1]);
}

/**
 * Adds a shared vertex wherever two lines meet: where they cross on the same layer, and where the
 * end of one touches the other (a bridge meets the street only at its ends). Rewrites each
 * line's `pts` in place; throws when two lines overlap along a length.
 */
export function nodeLines(lines: LineDraft[]): void {
  const extra: XY[][][] = lines.map((l) => l.pts.slice(1).map(() => []));
  const boxes = lines.map((l) => boxOf(l.pts, 1));
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      if (!boxesOverlap(boxes[i], boxes[j])) continue;
      const a = lines[i].pts;
      const b = lines[j].pts;
      const sameLayer = lines[i].layer === lines[j].layer;
      const ends = [a[0], a[a.length - 1], b[0], b[b.length - 1]];
      for (let sa = 0; sa + 1 < a.length; sa++) {
        for (let sb = 0; sb + 1 < b.length; sb++) {
          const p = meetingPoint(a[sa], a[sa + 1], b[sb], b[sb + 1], `${lines[i].id} x ${lines[j].id}`);
          if (p === null) continue;
          if (!sameLayer && !ends.some((e) => e === p || dist(e, p) < SNAP_M)) continue;
          extra[i][sa].push(p);
          extra[j][sb].push(p);
        }
      }
    }
  }
  lines.forEach((line, i) => {
    line.pts = withInsertedVertices(line.pts, extra[i]);
  });
}

/** The polyline with, on each segment s, the points `extra[s]` inserted in order along it (near-duplicates dropped). */
function withInsertedVertices(pts: XY[], extra: XY[][]): XY[] {
  const out: XY[] = [pts[0]];
  for (let s = 0; s + 1 < pts.length; s++) {
    const a = pts[s];
    const along = (p: XY): number => dist(a, p);
    const inserted = [...extra[s]].sort((p, q) => along(p) - along(q));
    for (const p of [...inserted, pts[s + 1]]) {
      if (dist(p, out[out.length - 1]) >= SNAP_M) out.push(p);
    }
  }
  return out;
}
