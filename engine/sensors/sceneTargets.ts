/**
 * What cameras see besides walking people and vehicles: the scripted incidents that put
 * something still in the scene (`scenario.incidents`):
 *  - `fall`: a person lying on the ground at `at` from startS to endS (ObjectTrack class
 *    `person`, posture `lying`);
 *  - `object`: a bag or parcel left at `at` (class `bag`, with `nearestPersonM`, the distance to
 *    the nearest person the camera detects in the same frame);
 *  - `fire`: a fire and its smoke (`vigie:FireSmokeDetected`, at most every FIRE_REPORT_EVERY_S
 *    per camera while it is seen);
 *  - `weapon`: a weapon shown (`vigie:WeaponDetected`, likewise; only with the weapon classifier,
 *    classifiers.ts); `fight`: people fighting (`vigie:ViolenceDetected`, with the violence
 *    classifier).
 * Each is seen through the same model as people (range, field of view, occlusion, pixel density,
 * lighting, localisation noise, tracker), with a size of its own: the pixel density a detector
 * needs grows as the target shrinks (Johnson's criteria: a number of pixels across the target),
 * so p50 scales as PERSON_HEIGHT_M / size. A fire gives its own light (no lighting factor). Our
 * choices: a lying person is as detectable as a standing one (1.7 m long, seen from above), a
 * bag 0.5 m, a fire 2 m, a weapon 0.4 m (held at 1.2 m), a fight 1.7 m (people).
 */
import type { IncidentSpec } from '../scenario/Scenario.ts';
import { incidentEndS } from '../events/incidentDuration.ts';
import { DORI_DETECTION_PX_PER_M, detectionScale4 } from './cameraModel.ts';
import { grownCopy, type GrowableArray } from '../memory/grownCopy.ts';

export const SCENE_FALLEN_PERSON = 0;
export const SCENE_OBJECT = 1;
export const SCENE_FIRE = 2;
export const SCENE_WEAPON = 3;
export const SCENE_FIGHT = 4;

/** Sizes of the targets, m (see above), and the person's, which the DORI densities are for. */
export const PERSON_SIZE_M = 1.7;
export const SCENE_SIZE_M = [1.7, 0.5, 2, 0.4, 1.7] as const;
/** A fire is reported by a camera at most this often while it sees it, s (our choice). */
export const FIRE_REPORT_EVERY_S = 5;
/** Heights of the targets above the ground for the occlusion test, m. */
export const SCENE_TARGET_HEIGHT_M = [0.4, 0.4, 2, 1.2, 1.7] as const;
/**
 * Track keys of scene targets: SCENE_KEY_BASE - index (agents have keys >= 0, vehicles -1 - id;
 * this leaves a billion vehicle ids).
 */
export const SCENE_KEY_BASE = -0x40000000;

export interface SceneTargets {
  count: number;
  kind: Uint8Array;
  xM: Float64Array;
  yM: Float64Array;
  startS: Float64Array;
  endS: Float64Array;
  /** The truth of what the cameras report about each: `incident/ID`, or `agent/ID` for a courier's parcel. */
  truth: string[];
}

/**
 * A courier (behaviour `delivery`) sets a parcel down beside them when they appear and leaves it
 * there when they walk off; it stays this long after, until its recipient comes for it, s (our
 * choice). It is no incident: an object-left-behind alarm on it is a false alarm caused by the
 * delivery group (its truth names the courier).
 */
export const PARCEL_STAY_S = 120;

/** The incident types that put a scene target in view, and its kind. */
const SCENE_KIND_OF_INCIDENT: Readonly<Record<string, number>> = { fall: SCENE_FALLEN_PERSON, object: SCENE_OBJECT, fire: SCENE_FIRE, weapon: SCENE_WEAPON, fight: SCENE_FIGHT };

/** The scene targets of a scenario's incidents (falls, objects, fires), in file order. */
export function buildSceneTargets(incidents: readonly IncidentSpec[] | undefined): SceneTargets {
  const chosen = (incidents ?? []).filter((incident) => incident.type in SCENE_KIND_OF_INCIDENT);
  const targets: SceneTargets = { count: 0, kind: new Uint8Array(4), xM: new Float64Array(4), yM: new Float64Array(4), startS: new Float64Array(4), endS: new Float64Array(4), truth: [] };
  for (const incident of chosen) {
    const kind = SCENE_KIND_OF_INCIDENT[incident.type];
    addSceneTarget(targets, kind, incident.at[0], incident.at[1], incident.startS, incidentEndS(incident), `incident/${incident.id}`);
  }
  return targets;
}

/** Adds a target (the arrays grow by doubling); returns its index. */
export function addSceneTarget(targets: SceneTargets, kind: number, xM: number, yM: number, startS: number, endS: number, truth: string): number {
  if (targets.count === targets.kind.length) {
    const size = targets.kind.length * 2;
    const widen = <T extends GrowableArray>(old: T): T => grownCopy(old, size);
    targets.kind = widen(targets.kind);
    targets.xM = widen(targets.xM);
    targets.yM = widen(targets.yM);
    targets.startS = widen(targets.startS);
    targets.endS = widen(targets.endS);
  }
  const k = targets.count++;
  targets.kind[k] = kind;
  targets.xM[k] = xM;
  targets.yM[k] = yM;
  targets.startS[k] = startS;
  targets.endS[k] = endS;
  targets.truth[k] = truth;
  return k;
}

/** The camera's detection constant for a scene target kind (see detectionProbabilityAtD2). */
export function sceneScale4(pxPerMAtOneM: number, kind: number): number {
  return detectionScale4(pxPerMAtOneM, (DORI_DETECTION_PX_PER_M * PERSON_SIZE_M) / SCENE_SIZE_M[kind]);
}

/** Whether a track key is a scene target's, and which. */
export function isSceneKey(key: number): boolean {
  return key <= SCENE_KEY_BASE && key > SCENE_KEY_BASE - 0x3fffffff;
}

export function sceneIndexOfKey(key: number): number {
  return SCENE_KEY_BASE - key;
}
