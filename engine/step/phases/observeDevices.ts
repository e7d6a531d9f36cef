/**
 * Phase 9b: the sensors other than cameras (engine/devices/Devices.ts gives the models and
 * their parameters) observe the step just committed and append their events to the world's
 * event log: people counters (the step's path of everyone against each counting line, read
 * from the two position buffers after the swap), tram passenger counters, microphones hearing
 * the sound incidents of the step, water gauges, citizen reports due, and the social-media
 * signal. Every event is stamped with the end of the step, when its observation is available
 * (so the log stays in time order for the rules).
 */
import { AgentKind } from '../../agents/AgentStore.ts';
import { CONFUSION, exponential, poisson, riverLevelAt, SOUND_LEVEL_DB, AIR_ABSORPTION_DB_PER_M, type Devices } from '../../devices/Devices.ts';
import type { VigieEvent } from '../../events/VigieEvent.ts';
import { TramState } from '../../transit/Transit.ts';
import type { World } from '../../world/World.ts';
import { incidentEndS } from '../../events/incidentDuration.ts';

/** Observes the step that just ended (call after commitKinematics). */
export function observeDevices(world: World): void {
  const devices = world.devices;
  if (!devices) return;
  const stepS = world.clock.stepS;
  const startS = world.clock.tick * stepS;
  const endS = startS + stepS;
  countCrossings(world, devices, endS);
  if (devices.tramOccupancy && world.transit) countPassengers(world, devices, endS);
  if (devices.microphones.length > 0) listen(world, devices, startS, endS);
  for (const gauge of devices.waterGauges) {
    if (endS < gauge.nextReportS || !devices.riverLevelM) continue;
    gauge.nextReportS += gauge.reportEveryS;
    const heightM = riverLevelAt(devices.riverLevelM, endS) + gauge.errorSdM * devices.rng.normal();
    emit(world, devices, gauge.id, 'observation', 'WaterObserved', endS, gauge.x, gauge.y, { heightM: round(heightM, 3) }, ['river']);
  }
  while (devices.nextReport < devices.reports.length && devices.reports[devices.nextReport].timeS < endS) {
    const report = devices.reports[devices.nextReport++];
    emit(world, devices, 'citizens', 'observation', 'vigie:CitizenReport', endS, report.x, report.y, { kind: report.kind, delayS: round(report.delayS, 1) }, report.truth, 0.5);
  }
  for (const place of devices.socialMedia) {
    if (endS < place.nextReportS) continue;
    place.nextReportS += place.reportEveryS;
    const active = devices.incidents.filter((incident) => incident.startS <= endS && endS - place.reportEveryS <= incidentEndS(incident) && Math.hypot(incident.at[0] - place.x, incident.at[1] - place.y) <= place.radiusM);
    const ratePerHour = place.baselinePerHour * (active.length > 0 ? place.surgeFactor : 1);
    const posts = poisson(devices.rng, (ratePerHour * place.reportEveryS) / 3600);
    emit(world, devices, place.id, 'observation', 'vigie:SocialMediaActivity', endS, place.x, place.y, { posts, periodS: place.reportEveryS }, active.map((incident) => incident.id));
  }
}

/** People counters: crossings of the step's paths, counted unless missed; reports per period and direction. */
function countCrossings(world: World, devices: Devices, endS: number): void {
  const { agents } = world;
  const n = agents.count;
  // After the buffer swap: posXM holds the new positions, nextXM the ones before the step.
  const x0 = agents.nextXM, y0 = agents.nextYM, x1 = agents.posXM, y1 = agents.posYM;
  for (const counter of devices.counters) {
    const ax = counter.x0, ay = counter.y0, bx = counter.x1, by = counter.y1;
    const minX = Math.min(ax, bx), maxX = Math.max(ax, bx), minY = Math.min(ay, by), maxY = Math.max(ay, by);
    for (let i = 0; i < n; i++) {
      if (agents.kind[i] === AgentKind.departing) continue;
      if ((x0[i] < minX && x1[i] < minX) || (x0[i] > maxX && x1[i] > maxX) || (y0[i] < minY && y1[i] < minY) || (y0[i] > maxY && y1[i] > maxY)) continue;
      const before = side(ax, ay, bx, by, x0[i], y0[i]);
      const after = side(ax, ay, bx, by, x1[i], y1[i]);
      if (before === after || before === 0) continue;
      // The path must cross the segment itself, not the line beyond it.
      if (side(x0[i], y0[i], x1[i], y1[i], ax, ay) === side(x0[i], y0[i], x1[i], y1[i], bx, by)) continue;
      if (devices.rng.next() < counter.missRate) continue;
      const who = `agent/${agents.id[i]}`;
      if (after > 0) {
        counter.inbound++;
        counter.truthIn.push(who);
      } else {
        counter.outbound++;
        counter.truthOut.push(who);
      }
    }
    if (endS < counter.nextReportS) continue;
    counter.nextReportS += counter.reportEveryS;
    const mx = (ax + bx) / 2, my = (ay + by) / 2;
    emit(world, devices, counter.id, 'observation', 'CrowdFlowObserved', endS, mx, my, { peopleCount: counter.inbound, direction: 'inbound', periodS: counter.reportEveryS }, counter.truthIn);
    emit(world, devices, counter.id, 'observation', 'CrowdFlowObserved', endS, mx, my, { peopleCount: counter.outbound, direction: 'outbound', periodS: counter.reportEveryS }, counter.truthOut);
    counter.inbound = 0;
    counter.outbound = 0;
    counter.truthIn = [];
    counter.truthOut = [];
  }
}

/** Which side of the line a->b the point p is on: 1 left, -1 right, 0 on it. */
function side(ax: number, ay: number, bx: number, by: number, px: number, py: number): number {
  const cross = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
  return cross > 0 ? 1 : cross < 0 ? -1 : 0;
}

const trackXY = new Float64Array(2);

/** Tram passenger counters: every period, for every tram on its track, its occupancy with the counter's error. */
function countPassengers(world: World, devices: Devices, endS: number): void {
  const sensor = devices.tramOccupancy!;
  if (endS < sensor.nextReportS) return;
  sensor.nextReportS += sensor.reportEveryS;
  const transit = world.transit!;
  for (let t = 0; t < transit.count; t++) {
    const state = transit.state[t];
    if (state !== TramState.running && state !== TramState.dwelling) continue;
    const line = transit.lines[transit.line[t]];
    const load = transit.load[t];
    const counted = Math.max(0, Math.round(load * (1 + sensor.relativeErrorSd * devices.rng.normal())));
    tramPosition(line.trackXY, line.trackCumM, transit.posM[t]);
    emit(world, devices, sensor.id, 'observation', 'CrowdFlowObserved', endS, trackXY[0], trackXY[1], { occupancy: counted, capacity: line.capacity, tram: `${line.id}/${t}`, periodS: sensor.reportEveryS }, [`tram/${line.id}/${t}`]);
  }
}

function tramPosition(xy: Float64Array, cumulative: Float64Array, atM: number): void {
  const along = Math.min(Math.max(atM, 0), cumulative[cumulative.length - 1]);
  let k = 1;
  while (k < cumulative.length - 1 && cumulative[k] < along) k++;
  const span = cumulative[k] - cumulative[k - 1];
  const f = span > 0 ? (along - cumulative[k - 1]) / span : 0;
  trackXY[0] = xy[2 * (k - 1)] + f * (xy[2 * k] - xy[2 * (k - 1)]);
  trackXY[1] = xy[2 * (k - 1) + 1] + f * (xy[2 * k + 1] - xy[2 * (k - 1) + 1]);
}

/** Microphones: the sound incidents of this step, heard above the threshold; false alarms. */
function listen(world: World, devices: Devices, startS: number, endS: number): void {
  const { rng } = devices;
  devices.incidents.forEach((incident, k) => {
    if (devices.soundDone[k] === 1 || !(incident.type in SOUND_LEVEL_DB) || incident.startS >= endS) return;
    devices.soundDone[k] = 1;
    const sourceDb = incident.levelDb ?? SOUND_LEVEL_DB[incident.type];
    for (const mic of devices.microphones) {
      const r = Math.max(1, Math.hypot(incident.at[0] - mic.x, incident.at[1] - mic.y));
      // Spherical spreading and air absorption (ISO 9613-1).
      const levelDb = sourceDb - 20 * Math.log10(r) - AIR_ABSORPTION_DB_PER_M * r;
      if (levelDb < mic.thresholdDb) continue;
      const sd = 1 + 0.05 * r;
      emit(world, devices, mic.id, 'analytic', 'tns1:AudioAnalytics/Audio/DetectedSound', endS, incident.at[0] + sd * rng.normal(), incident.at[1] + sd * rng.normal(),
        { class: classify(rng, incident.type), levelDb: round(levelDb, 1), distanceM: round(r, 1) }, [incident.id], round(Math.min(1, (levelDb - mic.thresholdDb) / 20 + 0.5), 3));
    }
  });
  for (const mic of devices.microphones) {
    if (mic.falseAlarmsPerHour <= 0 || rng.next() >= 1 - Math.exp(-(mic.falseAlarmsPerHour / 3600) * (endS - startS))) continue;
    const classes = ['gunshot', 'glass', 'shout'];
    const r = 20 + exponential(rng, 1 / 40);
    const angle = rng.uniform(0, 2 * Math.PI);
    emit(world, devices, mic.id, 'analytic', 'tns1:AudioAnalytics/Audio/DetectedSound', endS, mic.x + r * Math.cos(angle), mic.y + r * Math.sin(angle), { class: classes[rng.int(3)], levelDb: round(mic.thresholdDb + 5 * rng.next(), 1), distanceM: round(r, 1) }, [], 0.5);
  }
}

/** The class a detector reports for a sound of `truth` class (CONFUSION). */
function classify(rng: { next(): number }, truth: string): string {
  const row = CONFUSION[truth];
  let u = rng.next();
  for (const [reported, p] of Object.entries(row)) {
    if (u < p) return reported;
    u -= p;
  }
  return truth;
}

function emit(world: World, devices: Devices, source: string, category: VigieEvent['category'], type: string, timeS: number, x: number, y: number, data: VigieEvent['data'], truth: string[], confidence?: number): void {
  const n = (devices.sequence.get(source) ?? 0) + 1;
  devices.sequence.set(source, n);
  world.eventLog.push({ id: `${source}#${n}`, category, type, source, timeS: round(timeS, 3), x: round(x, 2), y: round(y, 2), data, truth, ...(confidence !== undefined ? { confidence } : {}) });
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(value * f) / f;
  return r === 0 ? 0 : r;
}
