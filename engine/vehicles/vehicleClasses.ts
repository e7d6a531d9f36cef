/**
 * Vehicle classes and their Intelligent Driver Model parameters. Base values are Treiber and
 * Kesting's for city traffic ("Traffic Flow Dynamics", Springer 2013, table 11.2: T = 1.0 s,
 * s0 = 2 m, a = 1.0 m/s², b = 1.5 m/s², delta = 4; trucks: T = 1.5 s, a = 0.7 m/s²), adjusted
 * and documented here:
 *  - cars: T = 1.1 s and a = 1.5 m/s², b = 2.0 m/s², so that a single lane carries about
 *    2,000 vehicles per hour at 50 km/h (the urban capacity of 1,800-2,200 veh/h/lane) and a
 *    queue discharges at a signal at about 1,800-1,900 vehicles per hour of green (Highway
 *    Capacity Manual base saturation flow 1,900); see tests/validation/trafficCapacity.test.ts;
 *  - buses and trucks: 12 m long, slower to accelerate, longer time gaps;
 *  - emergency vehicles: may drive at 1.3 times the speed limit, brisker (blue lights);
 *  - hostile vehicles: a 7,200 kg truck at 48 km/h (the IWA 14-1 N2A test vehicle and speed),
 *    driven at a crowd, ignoring limits and closures.
 * Desired speed: the link's speed limit times `speedFactor`, at most `maxSpeedMps`.
 */
import type { VehicleClass } from '../scenario/Scenario.ts';

/** IDM parameters and size of a vehicle class. */
export interface VehicleClassParams {
  lengthM: number;
  /** Safe time headway T, s. */
  timeGapS: number;
  /** Minimum gap at standstill s0, m. */
  minGapM: number;
  /** Maximum acceleration a, m/s². */
  accelMps2: number;
  /** Comfortable deceleration b, m/s². */
  decelMps2: number;
  /** Desired speed as a share of the speed limit. */
  speedFactor: number;
  /** Top speed of the class, m/s. */
  maxSpeedMps: number;
  /** Mass, kg (for impacts). */
  massKg: number;
  /** Drives at its top speed whatever the limit (a hostile vehicle). */
  ignoresLimits?: boolean;
}

/** The IDM's acceleration exponent delta. */
export const IDM_DELTA = 4;

/** Parameters by class. */
export const VEHICLE_CLASSES: Record<VehicleClass, VehicleClassParams> = {
  car: { lengthM: 4.5, timeGapS: 1.1, minGapM: 2, accelMps2: 1.5, decelMps2: 2.0, speedFactor: 1, maxSpeedMps: 50, massKg: 1400 },
  van: { lengthM: 6, timeGapS: 1.3, minGapM: 2, accelMps2: 1.2, decelMps2: 2.0, speedFactor: 1, maxSpeedMps: 36, massKg: 3000 },
  bus: { lengthM: 12, timeGapS: 1.5, minGapM: 2.5, accelMps2: 1.0, decelMps2: 1.5, speedFactor: 1, maxSpeedMps: 25, massKg: 18000 },
  truck: { lengthM: 12, timeGapS: 1.5, minGapM: 2.5, accelMps2: 0.7, decelMps2: 1.5, speedFactor: 1, maxSpeedMps: 25, massKg: 26000 },
  emergency: { lengthM: 6, timeGapS: 1.0, minGapM: 2, accelMps2: 2.0, decelMps2: 3.0, speedFactor: 1.3, maxSpeedMps: 50, massKg: 3500 },
  // A vehicle driven at a crowd: the IWA 14-1 N2A test truck (7,200 kg) at its 48 km/h test
  // speed, whatever the limit; it ignores closures (it meets raised bollards physically).
  hostile: { lengthM: 8, timeGapS: 0.8, minGapM: 1, accelMps2: 2.0, decelMps2: 3.0, speedFactor: 1, maxSpeedMps: 48 / 3.6, massKg: 7200, ignoresLimits: true },
};

/** The classes in a fixed order (their index is stored per vehicle). */
export const VEHICLE_CLASS_NAMES: VehicleClass[] = ['car', 'van', 'bus', 'truck', 'emergency', 'hostile'];

/** Index of the emergency class (let through lowered bollards). */
export const EMERGENCY_CLASS = VEHICLE_CLASS_NAMES.indexOf('emergency');
/** Index of the hostile class (ignores closures; forces raised bollards, see hostileVehicles.ts). */
export const HOSTILE_CLASS = VEHICLE_CLASS_NAMES.indexOf('hostile');
