/**
 * The ground-truth incidents of a run: the scenario's scripted `incidents` and those drawn from
 * its `randomIncidents`. Each random entry is a homogeneous Poisson process of `ratePerHour`
 * over [fromS, toS) (gaps drawn from the exponential law), each incident placed uniformly in its
 * area (rejection in the area's box) and lasting `durationS` (or a uniform draw in [min, max]).
 * Draws come from the seed's `incidents` stream, so the same seed gives the same incidents, and
 * no other subsystem's draws move.
 */
import { polygonBounds, pointInPolygon } from '../geometry/polygon.ts';
import { forkStream } from '../random/Rng.ts';
import { defaultIncidentDurationS } from '../events/incidentDuration.ts';
import type { IncidentSpec, Scenario } from '../scenario/Scenario.ts';


/** The run's incidents, scripted then drawn (each process in file order), in start order. */
export function drawIncidents(scenario: Scenario): IncidentSpec[] {
  const incidents = [...(scenario.incidents ?? [])];
  const rng = forkStream(scenario.seed, 'incidents');
  for (const entry of scenario.randomIncidents ?? []) {
    const fromS = entry.fromS ?? 0, toS = entry.toS ?? scenario.durationS;
    if (!(entry.ratePerHour > 0) || toS <= fromS) continue;
    const [minX, minY, maxX, maxY] = polygonBounds(entry.area);
    let t = fromS, k = 0;
    for (;;) {
      t += (-Math.log(1 - rng.next()) * 3600) / entry.ratePerHour;
      if (t >= toS) break;
      let x = minX, y = minY;
      for (let attempt = 0; attempt < 1000; attempt++) {
        x = minX + rng.next() * (maxX - minX);
        y = minY + rng.next() * (maxY - minY);
        if (pointInPolygon(x, y, entry.area)) break;
      }
      const d = entry.durationS;
      const lastS = d === undefined ? defaultIncidentDurationS(entry.type) : typeof d === 'number' ? d : d[0] + rng.next() * (d[1] - d[0]);
      const startS = Math.round(t * 100) / 100;
      incidents.push({ id: `${entry.id}-${++k}`, type: entry.type, at: [Math.round(x * 100) / 100, Math.round(y * 100) / 100], startS, endS: Math.round((startS + lastS) * 100) / 100 });
    }
  }
  return incidents.sort((a, b) => a.startS - b.startS);
}
