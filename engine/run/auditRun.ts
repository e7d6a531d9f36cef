/**
 * One run of an audit: the scenario with a given seed, its detection rules live (without their
 * responses: the audit measures what the rules flag, in a city nobody acts on), and what
 * scoring needs from it (engine/audit/scoreAudit.ts): the alarms with their ground truth, the
 * ground-truth incidents, the people per behaviour group and the group of everyone an alarm
 * names. The event log is read as it goes and dropped (nothing else is kept), so a long run
 * fits in memory. The same scenario and seed give the same record, in any thread.
 */
import type { AuditAlarm, AuditRun, TruthIncident } from '../audit/scoreAudit.ts';
import { createObservation, noteReport, privacyTally } from '../audit/observation.ts';
import { withSweepVariants } from '../audit/sweeps.ts';
import { createControlLoop } from '../responses/ControlLoop.ts';
import { OBJECT_TRACK } from '../sensors/observeCameras.ts';
import type { RuleSetSpec } from '../rules/RuleSet.ts';
import type { Scenario } from '../scenario/Scenario.ts';
import { createWorld } from '../world/createWorld.ts';
import type { World } from '../world/World.ts';
import { AgentKind } from '../agents/AgentStore.ts';
import { pointInPolygon, polygonBounds } from '../geometry/polygon.ts';
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
  const entries = createZoneEntries(scenario.audit?.zones ?? []);
  const session = startRun(world, {
    // Zone entries are looked for five times a second (a walker moves 0.27 m in between).
    sampleHz: ZONE_SAMPLE_HZ,
    onSample: entries.zones.length > 0 ? (w, timeS) => noteZoneEntries(entries, w, timeS) : undefined,
    onEvents: (log, count) => {
      for (let i = 0; i < count; i++) {
        const event = log[i];
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
  // The incidents that happened during the run: scripted or drawn, and the zone entries.
  closeZoneEntries(entries, durationS);
  const incidents: TruthIncident[] = [...entries.incidents, ...world.incidents.filter((incident) => incident.startS < durationS).map((incident) => ({
    id: incident.id, type: incident.type, startS: incident.startS,
    endS: incident.endS ?? incident.startS + (['gunshot', 'shout', 'glass'].includes(incident.type) ? 1 : 300),
    x: incident.at[0], y: incident.at[1],
  }))];
  const stepS = world.clock.stepS;
  const privacy = privacyTally(observation, records.count, (id) => records.spawnTick[id] * stepS, (id) => (records.exitTick[id] >= 0 ? records.exitTick[id] * stepS : durationS));
  return { seed, durationS, privacy, cameras: world.sensors?.cameras.length ?? 0, incidents, alarms, people, behaviourOf };
}

/** Samples per second at which zone entries are looked for. */
export const ZONE_SAMPLE_HZ = 5;

interface ZoneEntries {
  zones: { id: string; type: string; polygon: [number, number][]; bounds: [number, number, number, number] }[];
  /** Per person inside a zone: (zone index, entry time, place, entry number). */
  inside: Map<number, { zone: number; startS: number; x: number; y: number; n: number }>;
  counts: Map<string, number>;
  incidents: TruthIncident[];
}

function createZoneEntries(zones: readonly { id: string; type: string; polygon: [number, number][] }[]): ZoneEntries {
  return { zones: zones.map((zone) => ({ ...zone, bounds: polygonBounds(zone.polygon) })), inside: new Map(), counts: new Map(), incidents: [] };
}

/** Opens an incident when a person enters a zone and closes it when they leave it (or the world). */
function noteZoneEntries(entries: ZoneEntries, world: World, timeS: number): void {
  const { agents } = world;
  const seen = new Set<number>();
  for (let i = 0; i < agents.count; i++) {
    if (agents.kind[i] !== AgentKind.pedestrian) continue;
    const x = agents.posXM[i], y = agents.posYM[i];
    let zone = -1;
    for (let z = 0; z < entries.zones.length; z++) {
      const [minX, minY, maxX, maxY] = entries.zones[z].bounds;
      if (x >= minX && x <= maxX && y >= minY && y <= maxY && pointInPolygon(x, y, entries.zones[z].polygon)) {
        zone = z;
        break;
      }
    }
    if (zone < 0) continue;
    const id = agents.id[i];
    seen.add(id);
    const open = entries.inside.get(id);
    if (open !== undefined && open.zone === zone) continue;
    if (open !== undefined) closeEntry(entries, id, open, timeS);
    const key = `${entries.zones[zone].id}/${id}`;
    const n = (entries.counts.get(key) ?? 0) + 1;
    entries.counts.set(key, n);
    entries.inside.set(id, { zone, startS: timeS, x, y, n });
  }
  for (const [id, open] of entries.inside) if (!seen.has(id)) closeEntry(entries, id, open, timeS);
}

function closeEntry(entries: ZoneEntries, id: number, open: { zone: number; startS: number; x: number; y: number; n: number }, endS: number): void {
  const zone = entries.zones[open.zone];
  entries.incidents.push({ id: `${zone.id}/${id}/${open.n}`, type: zone.type, startS: open.startS, endS, x: Math.round(open.x * 100) / 100, y: Math.round(open.y * 100) / 100 });
  entries.inside.delete(id);
}

function closeZoneEntries(entries: ZoneEntries, endS: number): void {
  for (const [id, open] of [...entries.inside]) closeEntry(entries, id, open, endS);
  entries.incidents.sort((a, b) => a.startS - b.startS || (a.id < b.id ? -1 : 1));
}
