/**
 * Which demand entries the insertion step looks at: a binary min-heap of entries by the time
 * their next vehicle is due (`DemandState.nextDueS`, ties by index), plus the entries whose due
 * vehicles wait for room (backlog), which are looked at every step. A city's demand has thousands
 * of origin-destination entries (2,556 on the SUMO grid of bench/sumoCompare.ts) but only a few
 * are due in any one step: scanning them all every step took a third of the traffic step.
 * Entries due in a step are processed in index order, as a scan would (the order decides who
 * takes a lane first), so the results are those of the scan.
 * The queue is rebuilt from the entries when they change outside the step: an entry added (a
 * dispatch) or routes recomputed (a closure opened or closed: both append to `Traffic.routes`).
 * Typed arrays, grown only at a rebuild; no allocation per step. Owned by the Traffic state.
 */

/** What the queue reads of a demand entry (Traffic.ts's DemandState). */
export interface QueuedEntry {
  /** Index of the entry's route in `Traffic.routes` (what new vehicles take), or -1. */
  routeIndex: number;
  vehiclesPerHour: number;
  fromS: number;
  toS: number;
  /** Vehicles inserted so far, and vehicles due but not yet inserted (no room at the start). */
  inserted: number;
  backlog: number;
  /** Time the next vehicle is due, s (entries are skipped until then). */
  nextDueS: number;
  /** With a time profile: vehicles due by the start of each period and by its end (cumulative), and the period length, s; else absent. */
  profileCum?: Float64Array;
  profilePeriodS?: number;
}

/**
 * The cumulative vehicles of a time profile at its period boundaries: equal periods over
 * fromS..toS, each at vehiclesPerHour x weight / mean weight (a piecewise-constant rate, as the
 * 15-minute or hourly factors of time-varying OD matrices; the total is that of the mean rate).
 */
export function profileCumulative(vehiclesPerHour: number, fromS: number, toS: number, weights: number[]): Float64Array {
  const mean = weights.reduce((sum, w) => sum + w, 0) / weights.length;
  const periodS = (toS - fromS) / weights.length;
  const cumulative = new Float64Array(weights.length + 1);
  for (let k = 0; k < weights.length; k++) cumulative[k + 1] = cumulative[k] + (mean > 0 ? (vehiclesPerHour * weights[k] / mean) * periodS / 3600 : 0);
  return cumulative;
}

/** Vehicles due by `tS` (not rounded): the integral of the entry's rate from fromS. */
export function vehiclesDueBy(entry: QueuedEntry, tS: number): number {
  const t = Math.min(tS, entry.toS) - entry.fromS;
  if (t <= 0) return 0;
  const cumulative = entry.profileCum;
  if (cumulative === undefined) return (entry.vehiclesPerHour * t) / 3600;
  const periods = cumulative.length - 1;
  const periodS = entry.profilePeriodS!;
  const k = Math.min(periods - 1, Math.floor(t / periodS));
  return cumulative[k] + ((cumulative[k + 1] - cumulative[k]) * (t - k * periodS)) / periodS;
}

/** The time by which `n` vehicles are due (the first instant vehiclesDueBy reaches n), less 1 ns; Infinity if never. */
export function timeWhenDue(entry: QueuedEntry, n: number): number {
  const cumulative = entry.profileCum;
  if (cumulative === undefined) return entry.vehiclesPerHour > 0 ? entry.fromS + (n * 3600) / entry.vehiclesPerHour - 1e-9 : Infinity;
  const periods = cumulative.length - 1;
  const periodS = entry.profilePeriodS!;
  for (let k = 0; k < periods; k++) {
    if (cumulative[k + 1] > cumulative[k] && n <= cumulative[k + 1]) {
      const t = entry.fromS + k * periodS + (Math.max(0, n - cumulative[k]) / (cumulative[k + 1] - cumulative[k])) * periodS - 1e-9;
      return t <= entry.toS ? t : Infinity;
    }
  }
  return Infinity;
}

/** The queue's arrays (plain data). */
export interface DemandQueue {
  /** Heap of entry indices by (nextDueS, index); `heapSize` used. */
  heap: Int32Array;
  heapSize: number;
  /** Entries with vehicles waiting for room, in index order; `waitingSize` used. */
  waiting: Int32Array;
  waitingSize: number;
  /** Scratch: the entries to process this step. */
  due: Int32Array;
  /** Entries and routes counted at the last rebuild (a change in either triggers one). */
  knownEntries: number;
  knownRoutes: number;
}

/** An empty queue (rebuilt at the first step). */
export function createDemandQueue(): DemandQueue {
  return { heap: new Int32Array(16), heapSize: 0, waiting: new Int32Array(16), waitingSize: 0, due: new Int32Array(16), knownEntries: -1, knownRoutes: -1 };
}

/** Vehicles an entry inserts in all. */
export function demandTotal(entry: QueuedEntry): number {
  return Math.ceil(vehiclesDueBy(entry, entry.toS) - 1e-9);
}

/** True when the entry has nothing left to insert (or no route): it leaves the queue. */
function isFinished(entry: QueuedEntry): boolean {
  return entry.routeIndex < 0 || (entry.backlog === 0 && entry.inserted >= demandTotal(entry));
}

function before(demand: QueuedEntry[], a: number, b: number): boolean {
  const ta = demand[a].nextDueS;
  const tb = demand[b].nextDueS;
  return ta < tb || (ta === tb && a < b);
}

function push(queue: DemandQueue, demand: QueuedEntry[], d: number): void {
  const heap = queue.heap;
  let k = queue.heapSize++;
  while (k > 0) {
    const parent = (k - 1) >> 1;
    if (!before(demand, d, heap[parent])) break;
    heap[k] = heap[parent];
    k = parent;
  }
  heap[k] = d;
}

function pop(queue: DemandQueue, demand: QueuedEntry[]): number {
  const heap = queue.heap;
  const top = heap[0];
  const last = heap[--queue.heapSize];
  let k = 0;
  const n = queue.heapSize;
  for (;;) {
    let child = 2 * k + 1;
    if (child >= n) break;
    if (child + 1 < n && before(demand, heap[child + 1], heap[child])) child++;
    if (!before(demand, heap[child], last)) break;
    heap[k] = heap[child];
    k = child;
  }
  if (n > 0) heap[k] = last;
  return top;
}

/** Rebuilds the queue from the entries (at the first step, after a dispatch or a re-routing). */
function rebuild(queue: DemandQueue, demand: QueuedEntry[], routeCount: number): void {
  if (queue.heap.length < demand.length) {
    const size = Math.max(16, 2 * demand.length);
    queue.heap = new Int32Array(size);
    queue.waiting = new Int32Array(size);
    queue.due = new Int32Array(size);
  }
  queue.heapSize = 0;
  queue.waitingSize = 0;
  for (let d = 0; d < demand.length; d++) {
    if (isFinished(demand[d])) continue;
    if (demand[d].backlog > 0) queue.waiting[queue.waitingSize++] = d;
    else push(queue, demand, d);
  }
  queue.knownEntries = demand.length;
  queue.knownRoutes = routeCount;
}

/**
 * The entries to look at now (those with a backlog, and those whose next vehicle is due at
 * `nowS`), taken out of the queue, in index order, into `queue.due`; returns how many.
 * Each must be given back with `requeue` once processed.
 */
export function takeDueEntries(queue: DemandQueue, demand: QueuedEntry[], routeCount: number, nowS: number): number {
  if (queue.knownEntries !== demand.length || queue.knownRoutes !== routeCount) rebuild(queue, demand, routeCount);
  const due = queue.due;
  let n = 0;
  for (let k = 0; k < queue.waitingSize; k++) due[n++] = queue.waiting[k];
  queue.waitingSize = 0;
  while (queue.heapSize > 0 && !(nowS < demand[queue.heap[0]].nextDueS)) due[n++] = pop(queue, demand);
  // Index order (insertion sort: a handful per step, the waiting ones already sorted).
  for (let a = 1; a < n; a++) {
    const d = due[a];
    let b = a - 1;
    while (b >= 0 && due[b] > d) {
      due[b + 1] = due[b];
      b--;
    }
    due[b + 1] = d;
  }
  return n;
}

/** Puts entry `d` back after processing (waiting, in the heap, or out when finished), in index order. */
export function requeue(queue: DemandQueue, demand: QueuedEntry[], d: number): void {
  const entry = demand[d];
  if (isFinished(entry)) return;
  if (entry.backlog > 0) queue.waiting[queue.waitingSize++] = d;
  else push(queue, demand, d);
}
