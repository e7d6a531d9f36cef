/**
 * The privacy view of a run: how much of each simulated trip the cameras saw, from the ground
 * truth of their track reports (ObjectTrack events name the person they follow). Per person:
 * the first and last report, the time observed (the gaps between consecutive reports, from any
 * camera, of at most OBSERVED_GAP_S: a walking person's track reports every 3 s), and the
 * longest gap. A trip is *seen* when some camera reported it once; *linkable* (it could be
 * followed end to end across cameras, our definition) when reports begin within LINK_EDGE_S of
 * its start, end within LINK_EDGE_S of its end, and never stop for more than LINK_GAP_S between.
 * Kept in typed arrays by person id (no allocation per report).
 */
export const OBSERVED_GAP_S = 4;
export const LINK_EDGE_S = 30;
export const LINK_GAP_S = 30;

export interface Observation {
  firstS: Float64Array;
  lastS: Float64Array;
  observedS: Float64Array;
  maxGapS: Float64Array;
}

export function createObservation(capacity = 1024): Observation {
  return { firstS: new Float64Array(capacity).fill(Number.NaN), lastS: new Float64Array(capacity), observedS: new Float64Array(capacity), maxGapS: new Float64Array(capacity) };
}

/** Notes a track report of person `id` at `timeS` (reports come in time order). */
export function noteReport(observation: Observation, id: number, timeS: number): void {
  if (id >= observation.firstS.length) grow(observation, id + 1);
  const first = observation.firstS[id];
  if (first !== first) {
    observation.firstS[id] = timeS;
    observation.lastS[id] = timeS;
    return;
  }
  const gap = timeS - observation.lastS[id];
  if (gap <= OBSERVED_GAP_S) observation.observedS[id] += gap;
  if (gap > observation.maxGapS[id]) observation.maxGapS[id] = gap;
  observation.lastS[id] = timeS;
}

function grow(observation: Observation, needed: number): void {
  let size = observation.firstS.length;
  while (size < needed) size *= 2;
  for (const key of ['firstS', 'lastS', 'observedS', 'maxGapS'] as const) {
    const next = new Float64Array(size);
    if (key === 'firstS') next.fill(Number.NaN);
    next.set(observation[key]);
    observation[key] = next;
  }
}

/** What a run's trips show (sums, for pooling over runs). */
export interface PrivacyTally {
  trips: number;
  seen: number;
  linkable: number;
  /** Seconds observed and seconds of trip, summed over trips. */
  observedS: number;
  tripS: number;
}

/** Sums the observation of the trips `startS[id]..endS[id]` for ids 0..trips-1. */
export function privacyTally(observation: Observation, trips: number, startS: (id: number) => number, endS: (id: number) => number): PrivacyTally {
  const tally: PrivacyTally = { trips, seen: 0, linkable: 0, observedS: 0, tripS: 0 };
  for (let id = 0; id < trips; id++) {
    const start = startS(id), end = endS(id);
    tally.tripS += Math.max(0, end - start);
    if (id >= observation.firstS.length) continue;
    const first = observation.firstS[id];
    if (first !== first) continue;
    tally.seen++;
    tally.observedS += observation.observedS[id];
    if (first - start <= LINK_EDGE_S && end - observation.lastS[id] <= LINK_EDGE_S && observation.maxGapS[id] <= LINK_GAP_S) tally.linkable++;
  }
  return tally;
}
