/**
 * A SUMO vehicle type that drives as Vigie's car: SUMO's IDM car-following model with Vigie's car
 * parameters (engine/vehicles/vehicleClasses.ts: length, s0 = minGap, T = tau, a = accel,
 * b = decel, delta 4, the physical braking limit as emergencyDecel) and no speed spread
 * (speedFactor 1, speedDev 0: Vigie's desired speed is the speed limit). Used for a second SUMO
 * run that isolates the differences of the network and junction models from those of the driver.
 */
import { MAX_BRAKING_MPS2 } from '../../engine/vehicles/IntelligentDriverModel.ts';
import { IDM_DELTA, VEHICLE_CLASSES } from '../../engine/vehicles/vehicleClasses.ts';

/** The attributes of a `<vType>` for Vigie's car, without its id. */
function carAttributes(vClass: string): string {
  const car = VEHICLE_CLASSES.car;
  return `vClass="${vClass}" carFollowModel="IDM" length="${car.lengthM}" minGap="${car.minGapM}" tau="${car.timeGapS}" accel="${car.accelMps2}" decel="${car.decelMps2}" emergencyDecel="${MAX_BRAKING_MPS2}" delta="${IDM_DELTA}" maxSpeed="${car.maxSpeedMps}" speedFactor="1" speedDev="0" sigma="0"`;
}

/**
 * An additional file (XML text) with Vigie's car as the vehicle type of every name in `types`
 * (`DEFAULT_VEHTYPE` replaces SUMO's default type) and as the only member of every distribution
 * in `distributions` (each keeps its SUMO vehicle class).
 */
export function vigieCarVTypeXml(types: string[], distributions: { id: string; vClass: string }[] = []): string {
  const lines = ['<additional>'];
  for (const id of types) lines.push(`    <vType id="${id}" ${carAttributes('passenger')}/>`);
  for (const { id, vClass } of distributions) {
    lines.push(`    <vTypeDistribution id="${id}">`, `        <vType id="${id}_vigieCar" ${carAttributes(vClass)} probability="1"/>`, '    </vTypeDistribution>');
  }
  lines.push('</additional>', '');
  return lines.join('\n');
}
