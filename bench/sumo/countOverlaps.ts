/**
 * Vehicles that overlap: pairs of consecutive vehicles in the same lane of the same link whose
 * bumper gap (leader's front - leader's length - follower's front) is negative. Read from the
 * world's public traffic state at the end of a run, as a sanity figure of the comparison (a
 * physical car-following model never lets this happen; a vehicle that looked too late at a merge
 * or a queue beyond its next link can).
 */
import { VEHICLE_CLASS_NAMES, VEHICLE_CLASSES } from '../../engine/vehicles/vehicleClasses.ts';
import type { Traffic } from '../../engine/vehicles/Traffic.ts';

const LENGTH_M = VEHICLE_CLASS_NAMES.map((name) => VEHICLE_CLASSES[name].lengthM);

/** The number of overlapping pairs now. */
export function countOverlaps(traffic: Traffic): number {
  const { vehicles, network } = traffic;
  const byLane = new Map<number, number[]>();
  for (let i = 0; i < vehicles.count; i++) {
    const lane = network.laneBase[vehicles.link[i]] + vehicles.lane[i];
    let list = byLane.get(lane);
    if (!list) byLane.set(lane, (list = []));
    list.push(i);
  }
  let overlaps = 0;
  for (const list of byLane.values()) {
    list.sort((a, b) => vehicles.posM[b] - vehicles.posM[a]);
    for (let k = 1; k < list.length; k++) {
      const leader = list[k - 1];
      if (vehicles.posM[leader] - LENGTH_M[vehicles.vehicleClass[leader]] - vehicles.posM[list[k]] < 0) overlaps++;
    }
  }
  return overlaps;
}
