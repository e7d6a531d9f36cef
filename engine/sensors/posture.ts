/**
 * The posture a camera's analytics report for a person (standing, sitting, lying), from the
 * person's true posture through a confusion matrix. The error is drawn once per track and kept
 * while the true posture does not change: pose classifiers err on a person seen in a given pose
 * from a given viewpoint frame after frame, not at random each frame (the false alarms of
 * vision-based fall detectors come from people sitting or lying on the floor in plain view:
 * Mubashir, Shao and Seed 2013, "A survey on fall detection", Neurocomputing 100).
 *
 * POSTURE_CONFUSION[true][shown], our choice of the order of magnitude such detectors report:
 * a standing or walking person is called lying 1 time in 1,000 tracks, a sitting one 1 in 10 (on
 * the grass, reclining), a lying one is called lying 9 times in 10. Draws come from the sensors'
 * posture stream, apart from the detection stream, so adding posture changed no detection.
 */
import type { Rng } from '../random/Rng.ts';
import { POSTURE_LYING, POSTURE_SITTING, POSTURE_STANDING } from '../scenario/Scenario.ts';

export const POSTURE_CONFUSION: readonly (readonly number[])[] = [
  /* standing */ [0.995, 0.004, 0.001],
  /* sitting */ [0.05, 0.85, 0.1],
  /* lying */ [0.02, 0.08, 0.9],
];

/** The posture reported for a person whose true posture is `truePosture`. */
export function shownPosture(rng: Rng, truePosture: number): number {
  const row = POSTURE_CONFUSION[truePosture];
  const u = rng.next();
  if (u < row[POSTURE_STANDING]) return POSTURE_STANDING;
  if (u < row[POSTURE_STANDING] + row[POSTURE_SITTING]) return POSTURE_SITTING;
  return POSTURE_LYING;
}
