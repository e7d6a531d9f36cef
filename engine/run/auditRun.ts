/**
 * One run of an audit: the scenario with a given seed, its detection rules live (without their
 * responses: the audit measures what the rules flag, in a city nobody acts on), and what
 * scoring needs from it (engine/audit/scoreAudit.ts): the alarms with their ground truth, the
 * ground-truth incidents, the people per behaviour group and the group of everyone an alarm
 * names. The event log is read as it goes and dropped (nothing else is kept), so a long run
 * fits in memory. The same scenario and seed give the same record, in any thread.
 */
import { floodIntervals } from '../audit/floodTruth.ts';
import { createObservation, noteReport, privacyTally } from '../audit/observation.ts';
import { DENSITY_BIN_S, type AuditAlarm, type AuditRun, type TruthIncident } from '../audit/scoreAudit.ts';
import { withSweepVariants } from '../audit/sweeps.ts';
import { incidentEndS } from '../events/incidentDuration.ts';
import { createControlLoop } from '../responses/ControlLoop.ts';
import { CROWD_FLOW_OBSERVED, OBJECT_TRACK } from '../sensors/observeCameras.ts';
import type { RuleSetSpec } from '../rules/RuleSet.ts';
import type { Scenario } from '../scenario/Scenario.ts';
import { createWorld } from '../world/createWorld.ts';
import { BEHAVIOUR_SAMPLE_HZ, closeBehaviourTruth, createBehaviourTruth, hasBehaviourTruth, noteBehaviour } from './behaviourTruth.ts';
import { advanceRun, finishRun, startRun } from './runWorld.ts';

/**
 * Runs `scenario` with `seed` and its rules; returns the audit's record of the run. The rules of
 * `sweptRules` also run at the other settings of their threshold (engine/audit/sweeps.ts), whose
 * alarms carry the variant's id (`RULE~K`).
 */
export function auditRun(scenario: Scenario, fileName: string, ruleSet: RuleSetSpec, seed: number, sweptRules: readonly string[] = []): AuditRun {
  const world = createWorld({ ...scenario, seed }, fileName);
  world.control = createControlLoop(withSweepVariants(ruleSet, sweptRules).ruleSet, [], world.seed);
  const alarms: AuditAlarm[] = [];
  const observation = createObservation();
  const behaviour = createBehaviourTruth(scenario.audit ?? { rules: {} });
  // Density over time: the cameras' counts per bin, and the people inside at each bin's end.
  const series = { binS: DENSITY_BIN_S, inside: [] as number[], maxDensityPerM2: [] as number[], meanDensityPerM2: [] as number[] };
  const binSums: number[] = [], binCounts: number[] = [];
  const cameraIds = new Set((world.sensors?.cameras ?? []).map((camera) => camera.id));
  const session = startRun(world, {
    // Behaviour is looked at five times a second (a walker moves 0.27 m in between).
    sampleHz: BEHAVIOUR_SAMPLE_HZ,
    onSample: (w, timeS) => {
      if (hasBehaviourTruth(behaviour)) noteBehaviour(behaviour, w, timeS);
      series.inside[binOf(timeS)] = w.agents.count - w.departingCount;
    },
    onEvents: (log, count) => {
      for (let i = 0; i < count; i++) {
        const event = log[i];
        if (event.type === CROWD_FLOW_OBSERVED && cameraIds.has(event.source) && typeof event.data.densityPerM2 === 'number') {
          const bin = binOf(event.timeS);
          const d = event.data.densityPerM2;
          series.maxDensityPerM2[bin] = Math.max(series.maxDensityPerM2[bin] ?? 0, d);
          binSums[bin] = (binSums[bin] ?? 0) + d;
          binCounts[bin] = (binCounts[bin] ?? 0) + 1;
          continue;
        }
        if (event.type === OBJECT_TRACK) {
          const truth = event.truth;
          if (truth !== undefined && truth.length === 1 && truth[0].startsWith('agent/')) noteReport(observation, Number(truth[0].slice(6)), event.timeS);
          continue;
        }
        if (event.category !== 'alert') continue;
        alarms.push({ id: event.id, rule: event.source, timeS: event.timeS, ...(event.x !== undefined && event.y !== undefined ? { x: event.x, y: event.y } : {}), truth: event.truth ?? [] });
      }
    },
  });
  advanceRun(session, Infinity);
  finishRun(session);

  const behaviours = world.populations.map((population) => population.behaviour);
  const people: Record<string, number> = {};
  const { records } = world;
  for (let id = 0; id < records.count; id++) {
    const group = behaviours[records.group[id]];
    people[group] = (people[group] ?? 0) + 1;
  }
  const behaviourOf: Record<string, string> = {};
  for (const alarm of alarms) {
    for (const truth of alarm.truth) {
      if (!truth.startsWith('agent/')) continue;
      const id = Number(truth.slice('agent/'.length));
      if (id >= 0 && id < records.count) behaviourOf[String(id)] = behaviours[records.group[id]];
    }
  }
  const durationS = world.clock.tick * world.clock.stepS;
  // The incidents that happened during the run: scripted or drawn, and those of behaviour.
  const floods: TruthIncident[] = scenario.audit?.flood !== undefined && scenario.river !== undefined
    ? floodIntervals(scenario.river.levelM, scenario.audit.flood.levelAboveM, durationS).map(([startS, endS], k) => ({ id: `flood-${k + 1}`, type: 'flood', startS, endS }))
    : [];
  const incidents: TruthIncident[] = [...floods, ...closeBehaviourTruth(behaviour, durationS), ...world.incidents.filter((incident) => incident.startS < durationS).map((incident) => ({
    id: incident.id, type: incident.type, startS: incident.startS, endS: incidentEndS(incident), x: incident.at[0], y: incident.at[1],
  }))];
  const stepS = world.clock.stepS;
  const privacy = privacyTally(observation, records.count, (id) => records.spawnTick[id] * stepS, (id) => (records.exitTick[id] >= 0 ? records.exitTick[id] * stepS : durationS));
  const bins = Math.ceil(durationS / DENSITY_BIN_S - 1e-9);
  for (let k = 0; k < bins; k++) {
    series.inside[k] = series.inside[k] ?? series.inside[k - 1] ?? 0;
    series.maxDensityPerM2[k] = series.maxDensityPerM2[k] ?? Number.NaN;
    series.meanDensityPerM2[k] = binCounts[k] ? Math.round((binSums[k] / binCounts[k]) * 1e4) / 1e4 : Number.NaN;
  }
  series.inside.length = series.maxDensityPerM2.length = series.meanDensityPerM2.length = bins;
  return { seed, durationS, privacy, series, cameras: world.sensors?.cameras.length ?? 0, incidents, alarms, people, behaviourOf };
}

/** Bin k holds the times in (k, k + 1] x DENSITY_BIN_S (time 0 in bin 0). */
function binOf(timeS: number): number {
  return Math.max(0, Math.ceil(timeS / DENSITY_BIN_S - 1e-9) - 1);
}
