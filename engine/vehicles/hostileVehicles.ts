/**
 * Vehicles that force their way: a hostile vehicle (class `hostile`) heeds no closure, so it may
 * drive into a pedestrian zone or at raised bollards. When any vehicle enters a link closed to
 * it, that is an incident (`enteredClosedZone`: the ground truth of "vehicle in a pedestrian
 * zone" for the detection rules); when it reaches raised bollards, the impact is simulated with
 * cannon-es (bollardImpact.ts, rated posts on spring-dampers, IWA 14-1 / PAS 68): stopped, the
 * vehicle stays at the line, stationary; through, it drives on at its residual speed and the
 * bollards are broken (no longer a barrier). Called from the traffic step's link hand-over
 * only for links with a closure on them, so ordinary traffic pays one array read per hand-over.
 */
import { simulateBollardImpact } from './bollardImpact.ts';
import { pointOnLink } from './RoadNetwork.ts';
import type { Traffic } from './Traffic.ts';
import { isClosedTo } from './closures.ts';
import { EMERGENCY_CLASS, HOSTILE_CLASS, VEHICLE_CLASS_NAMES, VEHICLE_CLASSES } from './vehicleClasses.ts';

/** Width of a vehicle for the impact model, m (a truck's). */
const VEHICLE_WIDTH_M = 2.5;

const scratchXY = new Float64Array(2);

/**
 * Vehicle slot `i` (class `cls`) enters `link` at `speedMps` at `nowS`: records the incidents and
 * returns the speed it goes on at, or -1 when raised bollards stopped it at the link's start.
 */
export function enterClosedLink(traffic: Traffic, i: number, cls: number, link: number, speedMps: number, nowS: number): number {
  const barrier = traffic.linkBarrier[link];
  if (barrier !== 0 && cls !== EMERGENCY_CLASS) {
    const closure = traffic.closures[barrier - 1];
    const params = VEHICLE_CLASSES[VEHICLE_CLASS_NAMES[cls]];
    const result = simulateBollardImpact(
      { massKg: params.massKg, lengthM: params.lengthM, widthM: VEHICLE_WIDTH_M, speedMps },
      { massKg: closure.ratingMassKg, speedKph: closure.ratingSpeedKph },
    );
    record(traffic, 'bollardImpact', i, cls, closure.id, link, 0, nowS, {
      speedMps: round(result.impactSpeedMps), stopped: result.stopped, residualSpeedMps: round(result.residualSpeedMps), penetrationM: round(result.penetrationM), peakDecelerationG: round(result.peakDecelerationG),
    });
    if (result.stopped) return -1;
    breakBollards(traffic, barrier - 1);
    speedMps = result.residualSpeedMps;
  }
  if (isClosedTo(traffic, link, cls === HOSTILE_CLASS ? 0 : cls)) {
    // A closed zone entered: once per vehicle and closure.
    const closure = traffic.closures.find((c) => c.active && c.links.includes(link));
    const id = traffic.vehicles.id[i];
    if (closure && !traffic.incidents.some((incident) => incident.kind === 'enteredClosedZone' && incident.vehicleId === id && incident.closure === closure.id)) {
      record(traffic, 'enteredClosedZone', i, cls, closure.id, link, 0, nowS);
    }
  }
  return speedMps;
}

/** Bollards a vehicle went through are no barrier any more (the law still closes the links). */
function breakBollards(traffic: Traffic, closure: number): void {
  traffic.closures[closure].broken = true;
  const barrier = traffic.linkBarrier;
  for (let link = 0; link < barrier.length; link++) if (barrier[link] === closure + 1) barrier[link] = 0;
}

function record(traffic: Traffic, kind: 'enteredClosedZone' | 'bollardImpact', i: number, cls: number, closure: string, link: number, posM: number, nowS: number, impact?: NonNullable<Traffic['incidents'][number]['impact']>): void {
  pointOnLink(traffic.network, link, posM, scratchXY);
  traffic.incidents.push({
    kind, atS: round(nowS), vehicleId: traffic.vehicles.id[i], vehicleClass: VEHICLE_CLASS_NAMES[cls], closure, link, x: round(scratchXY[0]), y: round(scratchXY[1]), ...(impact ? { impact } : {}),
  });
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
