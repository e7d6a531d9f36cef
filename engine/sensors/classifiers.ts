/**
 * The cameras' event classifiers that no pixel-free simulation can run for real: a weapon
 * classifier and a violence (fight) classifier. Each is modelled by its error rates, as the
 * audit's report says:
 *  - its incidents (`weapon`: a weapon shown at `at`; `fight`: people fighting there) are scene
 *    targets (sceneTargets.ts) seen through the camera's detection model; each frame that sees
 *    one may report it (at most every FIRE_REPORT_EVERY_S per camera) with a score of 0.5 to 1;
 *  - every person tracked may be mistaken for one (an umbrella or a tool taken for a weapon;
 *    children at play, a runner, a hug taken for a fight: the false positives of deployed
 *    systems) at `falsePerPersonHour` per hour of tracking, times a factor for the behaviour
 *    groups that look like it more often, with a score of 0.3 to 0.8.
 * The rates and factors are our choices, not published figures (vendors do not publish theirs in
 * comparable form): an audit varies them. Draws come from the sensors' classifier stream, apart
 * from detection, so turning a classifier on changes no detection.
 */
import { SCENE_FIGHT, SCENE_WEAPON } from './sceneTargets.ts';

export interface ClassifierModel {
  /** The event type it reports, and its data.kind. */
  type: string;
  kind: string;
  /** The scene-target kind of its incidents. */
  sceneKind: number;
  /** Default false positives per person-hour tracked. */
  falsePerPersonHour: number;
  /** How much more often people of a behaviour group are mistaken. */
  factors: Readonly<Record<string, number>>;
}

export const WEAPON_CLASSIFIER: ClassifierModel = {
  type: 'vigie:WeaponDetected', kind: 'weapon', sceneKind: SCENE_WEAPON, falsePerPersonHour: 0.002,
  // People who carry things: couriers with parcels and trolleys, vendors.
  factors: { delivery: 10, vendor: 5 },
};

export const VIOLENCE_CLASSIFIER: ClassifierModel = {
  type: 'vigie:ViolenceDetected', kind: 'fight', sceneKind: SCENE_FIGHT, falsePerPersonHour: 0.005,
  // Children at play, runners, groups that gather: fast or close movement.
  factors: { child: 10, runner: 3, gathering: 3 },
};

/** A classifier the cameras run, with its rate for this scenario. */
export interface ActiveClassifier {
  model: ClassifierModel;
  falsePerPersonHour: number;
}

/** The probability per frame that a tracked person of `behaviour` is mistaken. */
export function falsePerFrame(classifier: ActiveClassifier, frameS: number, behaviour: string): number {
  return ((classifier.falsePerPersonHour * (classifier.model.factors[behaviour] ?? 1)) / 3600) * frameS;
}
