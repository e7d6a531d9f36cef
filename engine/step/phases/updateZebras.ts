/**
 * Phase 8a: which zebra crossings have someone on them (every vehicle stops before them), or
 * someone waiting within ZEBRA_APPROACH_M of them (vehicles that can still stop comfortably
 * yield; people wait for the others to pass when kerb gates hold them, see updateGates.ts);
 * then the road crossings of tram tracks, held while a tram comes (markTramCrossings).
 */
import { AgentKind } from '../../agents/AgentStore.ts';
import { distanceToPolygonBoundaryM, pointInPolygon, polygonBounds } from '../../geometry/polygon.ts';
import type { World } from '../../world/World.ts';
import { markTramCrossings } from './stepTrams.ts';
import { ZebraState } from '../../vehicles/followingAcceleration.ts';

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
    let occupied: number = ZebraState.free;
    for (let i = 0; i < count && occupied !== ZebraState.someoneOn; i++) {
      if (kind[i] === AgentKind.departing) continue;
      const x = posXM[i];
      const y = posYM[i];
      if (x < minX - ZEBRA_APPROACH_M || x > maxX + ZEBRA_APPROACH_M || y < minY - ZEBRA_APPROACH_M || y > maxY + ZEBRA_APPROACH_M) continue;
      if (pointInPolygon(x, y, polygon)) occupied = ZebraState.someoneOn;
      // Waiting at the kerb: drivers who can still stop comfortably yield.
      else if (occupied === ZebraState.free && distanceToPolygonBoundaryM(x, y, polygon) <= ZEBRA_APPROACH_M) occupied = ZebraState.someoneWaiting;
    }
    traffic.zebraOccupied[z] = occupied;
  }
  markTramCrossings(world);
}
