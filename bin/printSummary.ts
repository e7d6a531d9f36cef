/**
 * The short human summary printed after a run: people, exits, lines, areas, wall time and
 * throughput. Plain text lines; the full figures are in `summary.json`.
 */
import type { RunSummary } from '../engine/index.ts';

/**
 * Agent-steps simulated (people inside, summed over steps), recovered from the summary: each
 * person counts the steps from appearing to leaving, or to the end of the run.
 */
export function countAgentSteps(summary: RunSummary): number {
  let totalS = 0;
  for (const agent of summary.pedestrians.agents) totalS += (agent.exitS ?? summary.simulatedS) - agent.spawnS;
  return Math.round(totalS / summary.stepS);
}

/** The summary as lines of text (no trailing newlines). */
export function formatSummary(summary: RunSummary): string[] {
  const people = summary.pedestrians;
  const lines = [
    `${summary.scenario} (seed ${summary.seed})`,
    `  simulated ${fixed(summary.simulatedS, 2)} s in ${summary.steps} steps of ${summary.stepS} s`,
    `  people: ${people.spawned} spawned, ${people.exited} exited, ${people.remaining} still inside` +
      (people.evacuationTimeS === null ? '; not everyone left' : `; evacuation time ${fixed(people.evacuationTimeS, 2)} s`) +
      (people.meanTravelTimeS === null ? '' : `, mean travel time ${fixed(people.meanTravelTimeS, 1)} s`),
  ];
  const exits = Object.entries(summary.exits);
  if (exits.length > 0) {
    lines.push(`  exits: ${exits.map(([id, e]) => `${id} ${e.count}${e.count > 0 ? ` (${fixed(e.firstS!, 1)}-${fixed(e.lastS!, 1)} s)` : ''}`).join(', ')}`);
  }
  const crossings = Object.entries(summary.lines);
  if (crossings.length > 0) {
    lines.push(`  lines: ${crossings.map(([id, l]) => `${id} ${l.crossings} crossings (${l.forward} forward, ${l.backward} back)`).join(', ')}`);
  }
  if (summary.network) {
    const routes = Object.entries(summary.network.routes).map(([id, route]) => `${id} ${fixed(route.lengthM, 0)} m`);
    lines.push(`  on the city network: ${routes.join(', ')} walked before entering${summary.network.onNetwork > 0 ? `; ${summary.network.onNetwork} still on it` : ''}`);
  }
  if (summary.traffic) {
    const t = summary.traffic;
    const trip = t.meanTravelTimeS === null ? '' : `; mean trip ${fixed(t.meanTravelTimeS, 1)} s`;
    const speed = t.meanSpeedMps === null ? '' : `, mean speed ${fixed(t.meanSpeedMps * 3.6, 1)} km/h`;
    lines.push(`  traffic: ${t.inserted} vehicles in, ${t.arrived} arrived, ${t.onRoad} on the road${t.waiting > 0 ? `, ${t.waiting} waiting to enter` : ''}${trip}${speed}`);
    for (const [id, d] of Object.entries(t.detectors)) lines.push(`  detector ${id}: ${d.count} vehicles${d.flowPerHour === null ? '' : `, ${fixed(d.flowPerHour, 0)} veh/h`}`);
    for (const incident of t.incidents ?? []) {
      const where = `at [${fixed(incident.x, 1)}, ${fixed(incident.y, 1)}] (${incident.closure}) at ${fixed(incident.atS, 1)} s`;
      if (incident.kind === 'bollardImpact') {
        const impact = incident.impact!;
        lines.push(`  incident: ${incident.vehicleClass} vehicle hit the bollards ${where} at ${fixed(impact.speedMps * 3.6, 1)} km/h: ${impact.stopped ? `stopped, ${fixed(impact.penetrationM, 2)} m past the line` : `went through at ${fixed(impact.residualSpeedMps * 3.6, 1)} km/h`}`);
      } else {
        lines.push(`  incident: ${incident.vehicleClass} vehicle entered a closed zone ${where}`);
      }
    }
  }
  for (const [lineId, line] of Object.entries(summary.transit?.lines ?? {})) {
    for (const [stopId, stop] of Object.entries(line.stops)) {
      const dwell = stop.meanDwellS === null ? '' : `; dwell mean ${fixed(stop.meanDwellS, 1)} s, max ${fixed(stop.maxDwellS!, 1)} s`;
      lines.push(`  tram ${lineId} at ${stopId}: ${stop.visits} trams, ${stop.boarded} on, ${stop.alighted} off${stop.stayedOn > 0 ? ` (${stop.stayedOn} could not get off)` : ''}, up to ${stop.maxLeftBehind} left on the platform${dwell}`);
    }
  }
  for (const [id, a] of Object.entries(summary.areas)) {
    lines.push(`  area ${id}: mean ${fixed(a.meanDensityPerM2, 2)} P/m², max ${fixed(a.maxDensityPerM2, 2)} P/m² at ${fixed(a.maxDensityAtS, 1)} s`);
  }
  const agentSteps = countAgentSteps(summary);
  const rate = summary.wallS > 0 ? `, ${formatRate(agentSteps / summary.wallS)} agent-steps/s` : '';
  lines.push(`  wall time ${fixed(summary.wallS, 2)} s for ${agentSteps} agent-steps${rate}`);
  for (const warning of summary.warnings) lines.push(`  warning: ${warning}`);
  return lines;
}

function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}

/** 1234567 -> "1.23 M"; 12345 -> "12.3 k". */
function formatRate(perS: number): string {
  if (perS >= 1e6) return `${(perS / 1e6).toFixed(2)} M`;
  if (perS >= 1e3) return `${(perS / 1e3).toFixed(1)} k`;
  return perS.toFixed(0);
}
