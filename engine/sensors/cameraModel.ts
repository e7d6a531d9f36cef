/**
 * The camera's imaging model, as pure functions: pixel density on a target, detection
 * probability from it (IEC 62676-4 DORI), the lighting factor, localisation noise, and the range
 * a camera analyses. The parameters are documented here and in
 * docs/decisions/006-events-sensors-rules.md ("Sensors"); where a figure is our choice, it says so.
 */

/** Defaults for what a camera spec leaves out. */
export const CAMERA_DEFAULTS = {
  kind: 'fixed',
  /** A camera on a lamp post or a facade: 6 m. */
  heightM: 6,
  /** A 1080p camera with a 4 mm lens on a 1/2.8" sensor sees about 60 degrees. */
  fovDeg: 60,
  resolutionPx: 1920,
  /**
   * Video analytics commonly run at 5-10 frames per second: Frigate's documentation recommends
   * 5 fps for detection, 10 at most for very fast objects (docs.frigate.video, "Camera setup").
   */
  frameHz: 5,
  /** A colour camera's usable minimum at F1.4, 30 IRE: about 0.5-1 lux on data sheets. */
  minIlluminationLux: 1,
  panSpeedDegS: 60,
  falseDetectionsPerHour: 0,
  countEveryS: 10,
  /** Period of a walking person's ObjectTrack events, s (our choice; docs/decisions/006, "Sensors"). */
  trackEveryS: 3,
} as const;

/**
 * IEC 62676-4:2014 (DORI) pixel densities on the target: detection 25 px/m, observation
 * 62.5 px/m, recognition 125 px/m, identification 250 px/m.
 */
export const DORI_DETECTION_PX_PER_M = 25;

/**
 * Slope of the detection logistic in the logarithm of the pixel density (our choice):
 * p = 1 / (1 + (p50 / ppm)^DETECTION_SLOPE), a logistic in ln(ppm) centred on p50 with slope 4.
 * With p50 at the DORI detection density: 0.5 at 25 px/m, 0.94 at 50 px/m, 0.998 at 125 px/m,
 * 0.06 at 12.5 px/m, 0.01 at 7.9 px/m.
 */
export const DETECTION_SLOPE = 4;

/**
 * Pixel density at which a vehicle is detected half the time (our choice): a car shows about
 * four times the area of a standing person, so half the person's density.
 */
export const VEHICLE_DETECTION_PX_PER_M = DORI_DETECTION_PX_PER_M / 2;

/** Best detection probability per frame of a well-lit, close, unoccluded target (our choice: detectors are never perfect). */
export const MAX_DETECTION_PROBABILITY = 0.98;

/** Exponent of the lighting factor (our choice): f(E) = 1 / (1 + (Emin / E)^LIGHTING_EXPONENT). */
export const LIGHTING_EXPONENT = 2;

/** Daylight when a scenario gives no lighting, lux (overcast day: 1,000-10,000 lux). */
export const DAYLIGHT_LUX = 10_000;

/** Localisation noise: the foot point is off by about this many pixels (one standard deviation, our choice). */
export const LOCALISATION_NOISE_PX = 4;
/** Floor of the localisation noise (calibration of the ground plane), m. */
export const LOCALISATION_NOISE_FLOOR_M = 0.05;

/** Heights of the point a camera aims at: a person's torso and a vehicle's body, m. */
export const PERSON_TARGET_HEIGHT_M = 1.0;
export const VEHICLE_TARGET_HEIGHT_M = 0.8;

/**
 * Pixels per metre on a target at distance `distanceM` (IEC 62676-4):
 * resolutionPx / (2 d tan(fov / 2)), the horizontal pixels across the field's width there.
 */
export function pixelsPerMetre(resolutionPx: number, fovRad: number, distanceM: number): number {
  return resolutionPx / (2 * Math.max(distanceM, 0.1) * Math.tan(fovRad / 2));
}

/**
 * Probability that a target is detected in one frame, from the pixel density on it:
 * MAX_DETECTION_PROBABILITY / (1 + (p50 / ppm)^DETECTION_SLOPE), with p50 = 25 px/m for people
 * (the DORI detection density) and 12.5 px/m for vehicles.
 */
export function detectionProbability(pxPerM: number, p50PxPerM = DORI_DETECTION_PX_PER_M): number {
  return MAX_DETECTION_PROBABILITY / (1 + (p50PxPerM / pxPerM) ** DETECTION_SLOPE);
}

/**
 * `detectionProbability` at the distance whose square is `distance2M2`, for a camera of
 * `pxPerMAtOneM` (pixels per metre 1 m away) and a target's `p50PxPerM`, without a power or a
 * square root: with slope 4, (p50 / ppm)^4 = (p50 / pxPerMAtOneM)^4 x max(d, 0.1)^4, and
 * max(d, 0.1)^4 = max(d², 0.01)². Pass `detectionScale4(pxPerMAtOneM, p50PxPerM)` as `scale4`.
 * NOTE: the same value as detectionProbability up to rounding (the last bits); it holds for
 * DETECTION_SLOPE = 4 only, which `detectionScale4` checks.
 */
export function detectionProbabilityAtD2(distance2M2: number, scale4: number): number {
  const d2 = distance2M2 > 0.01 ? distance2M2 : 0.01;
  return MAX_DETECTION_PROBABILITY / (1 + scale4 * d2 * d2);
}

/** (p50 / pxPerMAtOneM)^4, the constant of `detectionProbabilityAtD2`. */
export function detectionScale4(pxPerMAtOneM: number, p50PxPerM: number): number {
  if (DETECTION_SLOPE !== 4) throw new Error(`detectionScale4: written for a detection slope of 4, not ${DETECTION_SLOPE as number}`);
  return (p50PxPerM / pxPerMAtOneM) ** 4;
}

/**
 * The lighting factor on the detection probability: 1 / (1 + (Emin / E)^2), with E the scene
 * illuminance at the target and Emin the camera's minimum illumination. It is 0.5 at the
 * camera's minimum, 0.99 at ten times it, 0.01 at a tenth of it. EN 13201-2 lighting classes
 * for typical values: pedestrian areas P1-P6 average 15, 10, 7.5, 5, 3, 2 lux; conflict areas
 * C0-C5 50 to 7.5 lux; a full moon gives about 0.1-0.3 lux, a dark night under 0.01 lux.
 */
export function lightingFactor(illuminanceLux: number, minIlluminationLux: number): number {
  if (!(illuminanceLux > 0)) return 0;
  return 1 / (1 + (minIlluminationLux / illuminanceLux) ** LIGHTING_EXPONENT);
}

/**
 * `lightingFactor` with the exponent 2 written as a product (no power), for the cameras' inner
 * loop. The same value up to rounding.
 */
export function lightingFactorSquare(illuminanceLux: number, minIlluminationLux: number): number {
  if (!(illuminanceLux > 0)) return 0;
  const ratio = minIlluminationLux / illuminanceLux;
  return 1 / (1 + ratio * ratio);
}

/**
 * Standard deviation of the localisation error of a detection on the ground, m: the foot point's
 * jitter in pixels over the pixel density, plus a floor. It grows linearly with distance.
 */
export function localisationSigmaM(pxPerM: number): number {
  return LOCALISATION_NOISE_FLOOR_M + LOCALISATION_NOISE_PX / pxPerM;
}

/**
 * The distance beyond which a camera no longer analyses (detection probability of a person under
 * about 1 %, at 7.9 px/m), or the spec's `rangeM` when it gives one.
 */
export function analysedRangeM(resolutionPx: number, fovRad: number, rangeM: number | undefined): number {
  const pxPerM = DORI_DETECTION_PX_PER_M * (0.01 / (MAX_DETECTION_PROBABILITY - 0.01)) ** (1 / DETECTION_SLOPE);
  const limitM = resolutionPx / (2 * pxPerM * Math.tan(fovRad / 2));
  return rangeM ?? limitM;
}
