/**
 * The cameras' weapon classifier. No pixels are simulated, so the classifier is modelled by its
 * error rates, as the audit's report says:
 *  - a `weapon` incident (a person showing a firearm or a knife at `at`) is a scene target of
 *    WEAPON_SIZE_M (sceneTargets.ts): seen through the camera's detection model, each frame that
 *    sees it may report it (vigie:WeaponDetected, at most every FIRE_REPORT_EVERY_S per camera);
 *  - every person tracked may be mistaken for armed (an umbrella, a phone, a tool: the false
 *    positives of deployed systems), at `falsePerPersonHour` per hour of tracking (default
 *    WEAPON_FALSE_PER_PERSON_HOUR), times CARRYING_FACTOR for the behaviour groups that carry
 *    things (delivery workers with parcels and trolleys, street vendors). Our choices, not
 *    published figures: vendors do not publish theirs in comparable form; an audit varies them.
 * Draws come from the sensors' classifier stream (apart from detection), so turning the
 * classifier on changes no detection.
 */
export const WEAPON_FALSE_PER_PERSON_HOUR = 0.002;
/** How much more often people who carry things are mistaken for armed. */
export const CARRYING_FACTOR: Readonly<Record<string, number>> = { delivery: 10, vendor: 5 };

/** Per population, the probability per frame that a tracked person is reported armed. */
export function weaponFalsePerFrame(perPersonHour: number, frameS: number, behaviour: string): number {
  return ((perPersonHour * (CARRYING_FACTOR[behaviour] ?? 1)) / 3600) * frameS;
}
