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
 *  - emergency vehicles: may drive at 1.3 times the speed limit, brisker (blue lights).
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
};

/** The classes in a fixed order (their index is stored per vehicle). */
export const VEHICLE_CLASS_NAMES: VehicleClass[] = ['car', 'van', 'bus', 'truck', 'emergency'];

/** Index of the emergency class (let through lowered bollards). */
export const EMERGENCY_CLASS = VEHICLE_CLASS_NAMES.indexOf('emergency');
