/**
 * Phase 8a: which zebra crossings have someone on them, or about to step onto them (within
 * ZEBRA_APPROACH_M of the crossing), for the vehicles that must stop before them this step;
 * then the road crossings of tram tracks, held while a tram comes (markTramCrossings).
 */
import { AgentKind } from '../../agents/AgentStore.ts';
import { distanceToPolygonBoundaryM, pointInPolygon, polygonBounds } from '../../geometry/polygon.ts';
import type { World } from '../../world/World.ts';
import { markTramCrossings } from './stepTrams.ts';

/** Someone this close to a zebra is about to step onto it, m. */
export const ZEBRA_APPROACH_M = 1;

/** Sets traffic.zebraOccupied from the people's positions. */
export function updateZebras(world: World): void {
  const traffic = world.traffic;
  const zebras = world.scenario.traffic?.zebras;
  if (!traffic || !zebras || zebras.length === 0) return;
  const { count, posXM, posYM, kind } = world.agents;
  const tramCrossing = world.transit?.zebraIsTram ?? null;
  for (let z = 0; z < zebras.length; z++) {
    // Road crossings of a tram track are held by the trams (markTramCrossings), not by people.
    if (tramCrossing !== null && tramCrossing[z] === 1) continue;
    const polygon = zebras[z].polygon;
    const [minX, minY, maxX, maxY] = polygonBounds(polygon);
    let occupied = 0;
    for (let i = 0; i < count && occupied === 0; i++) {
      if (kind[i] !== AgentKind.pedestrian) continue;
      const x = posXM[i];
      const y = posYM[i];
      if (x < minX - ZEBRA_APPROACH_M || x > maxX + ZEBRA_APPROACH_M || y < minY - ZEBRA_APPROACH_M || y > maxY + ZEBRA_APPROACH_M) continue;
      if (pointInPolygon(x, y, polygon) || distanceToPolygonBoundaryM(x, y, polygon) <= ZEBRA_APPROACH_M) occupied = 1;
    }
    traffic.zebraOccupied[z] = occupied;
  }
  markTramCrossings(world);
}
