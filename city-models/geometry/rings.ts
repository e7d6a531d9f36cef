/**
 * Small planar helpers on rings and polylines given as [x, y] pairs (local metres, or degrees
 * where only topology matters). Boolean operations and buffers are turf's; these are the
 * measures every layer needs on its own coordinates.
 */

/** The signed area of a ring (shoelace formula), positive when counter-clockwise. */
export function ringSignedArea(ring: readonly (readonly number[])[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return sum / 2;
}

/** Area of a polygon (outer ring minus holes), always positive. */
export function polygonArea(polygon: readonly (readonly (readonly number[])[])[]): number {
  let area = 0;
  polygon.forEach((ring, index) => {
    const ringArea = Math.abs(ringSignedArea(ring));
    area += index === 0 ? ringArea : -ringArea;
  });
  return Math.max(0, area);
}

/** Even-odd point-in-ring test. */
export function ringContainsPoint(ring: readonly (readonly number[])[], point: readonly number[]): boolean {
  const [px, py] = point;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Length of a polyline, in its own units. */
export function polylineLength(line: readonly (readonly number[])[]): number {
  let length = 0;
  for (let i = 1; i < line.length; i++) length += Math.hypot(line[i][0] - line[i - 1][0], line[i][1] - line[i - 1][1]);
  return length;
}

/** The ring oriented counter-clockwise (outer) or clockwise (hole); a copy when reversed. */
export function orientRing<T extends readonly number[]>(ring: T[], counterClockwise: boolean): T[] {
  return ringSignedArea(ring) > 0 === counterClockwise ? ring : ring.slice().reverse();
}

/** The centroid of a ring's vertices (closing vertex excluded), a label point for POIs. */
export function ringVertexCentroid(ring: readonly (readonly number[])[]): [number, number] {
  const count = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1] ? ring.length - 1 : ring.length;
  let x = 0;
  let y = 0;
  for (let i = 0; i < count; i++) {
    x += ring[i][0];
    y += ring[i][1];
  }
  return [x / count, y / count];
}
