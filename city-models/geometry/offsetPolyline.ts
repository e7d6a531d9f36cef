/**
 * A polyline offset sideways by a distance (positive to the left of its direction), with mitred
 * joins limited to twice the offset so that sharp turns do not throw points far away.
 */
import type { XY } from '../CityModel.ts';

/** The offset polyline, rounded to the centimetre. */
export function offsetPolyline(line: readonly XY[], offsetM: number): XY[] {
  const result: XY[] = [];
  for (let i = 0; i < line.length; i++) {
    const previous = line[Math.max(0, i - 1)];
    const next = line[Math.min(line.length - 1, i + 1)];
    // Normals of the segments before and after the vertex (left-hand normals).
    const [n1x, n1y] = leftNormal(i > 0 ? previous : line[i], i > 0 ? line[i] : next);
    const [n2x, n2y] = leftNormal(i < line.length - 1 ? line[i] : previous, i < line.length - 1 ? next : line[i]);
    let mx = n1x + n2x;
    let my = n1y + n2y;
    const length = Math.hypot(mx, my);
    if (length < 1e-9) {
      mx = n1x;
      my = n1y;
    } else {
      mx /= length;
      my /= length;
    }
    // Mitre length 1 / cos(half the turn), capped at 2.
    const cosHalf = mx * n1x + my * n1y;
    const scale = Math.min(2, 1 / Math.max(cosHalf, 0.5));
    result.push([Math.round((line[i][0] + mx * offsetM * scale) * 100) / 100, Math.round((line[i][1] + my * offsetM * scale) * 100) / 100]);
  }
  return result;
}

function leftNormal(from: XY, to: XY): [number, number] {
  const dx = to[0] - from[0];
  const dy = to[1] - from[1];
  const length = Math.hypot(dx, dy);
  return length < 1e-12 ? [0, 0] : [-dy / length, dx / length];
}
