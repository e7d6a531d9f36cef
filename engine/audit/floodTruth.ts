/**
 * Floods as ground truth: the times the river's hydrograph (`river.levelM`, [timeS, level]
 * points, linear between, held at the ends) stands above a level, found exactly on each segment.
 */

/** The intervals [startS, endS] within [0, endS] where the level is above `aboveM`. */
export function floodIntervals(levelM: readonly (readonly [number, number])[], aboveM: number, endS: number): [number, number][] {
  if (levelM.length === 0) return [];
  // The hydrograph as segments over [0, endS], held flat before the first and after the last point.
  const points: [number, number][] = [[Math.min(0, levelM[0][0]), levelM[0][1]], ...levelM.map(([t, v]) => [t, v] as [number, number]), [Math.max(endS, levelM[levelM.length - 1][0]), levelM[levelM.length - 1][1]]];
  const intervals: [number, number][] = [];
  let openS: number | null = null;
  for (let k = 0; k + 1 < points.length; k++) {
    const [t0, v0] = points[k], [t1, v1] = points[k + 1];
    if (t1 <= t0) continue;
    const above0 = v0 > aboveM, above1 = v1 > aboveM;
    if (openS === null && above0) openS = t0;
    if (above0 !== above1) {
      const cross = t0 + ((aboveM - v0) / (v1 - v0)) * (t1 - t0);
      if (above1) openS = cross;
      else if (openS !== null) {
        intervals.push([openS, cross]);
        openS = null;
      }
    }
  }
  if (openS !== null) intervals.push([openS, points[points.length - 1][0]]);
  return intervals
    .map(([a, b]) => [Math.max(0, a), Math.min(endS, b)] as [number, number])
    .filter(([a, b]) => b > a)
    .map(([a, b]) => [Math.round(a * 100) / 100, Math.round(b * 100) / 100]);
}
