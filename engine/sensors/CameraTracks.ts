/**
 * A camera's tracks: what its tracker believes it follows. Not a real association algorithm: the
 * simulator knows which person or vehicle each detection comes from (its target key), and
 * imitates a tracker's typical failures on top of that:
 *  - fragmentation: a track that goes TRACK_COAST_S without a detection ends, and the target's
 *    next detection starts a new track with a new id (DeepSORT keeps a lost track about 30
 *    frames, `max_age`; 1 s at 10-30 Hz is our choice);
 *  - identity switches: when two people detected in the same frame are closer than
 *    SWITCH_RADIUS_M, their tracks swap targets at ID_SWITCHES_PER_CLOSE_S per second of such
 *    closeness (our choice), see observeCameras.ts;
 *  - smoothing: positions and velocities follow an alpha-beta filter (Kalata 1984) on the noisy
 *    detections: predicted x̂ = x + v·dt, residual r = z − x̂, then x = x̂ + α·r, v = v + (β/dt)·r,
 *    with α = TRACK_ALPHA and β = α²/(2 − α) (Benedict and Bordner 1962, the gain pair that
 *    balances noise reduction against lag; 0.167 for α = 0.5).
 * Slots in struct-of-arrays form, reused through a free list; a hash table in typed arrays
 * (linear probing, deletion by backward shift: no allocation as tracks come and go, unlike a Map
 * that rehashes) maps a target key (an agent id >= 0, or -1 - vehicle id) to its slot
 * (`slotOfKey`). Owned by one camera.
 */
import { grownCopy, type GrowableArray } from '../memory/grownCopy.ts';

/** A track ends after this long without a detection, s. */
export const TRACK_COAST_S = 1;
/** Alpha-beta filter gains (per frame). */
export const TRACK_ALPHA = 0.5;
/**
 * A new track is reported (its first ObjectTrack event) only once it has this many detections:
 * a tentative track that dies sooner is never reported, as DeepSORT's track confirmation does
 * (Wojke, Bewley, Paulus 2017: n_init = 3). It keeps flickering detections at the edge of the
 * view or of the light from flooding the log with one-frame tracks.
 */
export const TRACK_CONFIRM_HITS = 3;
/** Benedict-Bordner: β = α² / (2 − α). (0.1, below it, left new tracks "still" for seconds.) */
export const TRACK_BETA = (TRACK_ALPHA * TRACK_ALPHA) / (2 - TRACK_ALPHA);
/** Two detected people closer than this may swap identities, m. */
export const SWITCH_RADIUS_M = 0.8;
/** Identity switches per second that two detected people spend closer than SWITCH_RADIUS_M (our choice). */
export const ID_SWITCHES_PER_CLOSE_S = 0.1;

/**
 * Speed classes of a person track, for its ObjectTrack reports (observeCameras.ts): still under
 * STILL_BELOW_MPS, running from RUNNING_FROM_MPS (walking speeds stay under about 2 m/s,
 * Weidmann 1993; the running template fires above 3 m/s), walking between. A track leaves a
 * class only past the threshold by SPEED_CLASS_HYSTERESIS (the filtered speed is noisy).
 */
export const SPEED_STILL = 0;
export const SPEED_WALKING = 1;
export const SPEED_RUNNING = 2;
export const STILL_BELOW_MPS = 0.5;
export const RUNNING_FROM_MPS = 2.5;
/** Fraction of the threshold a speed must pass it by to change class. */
export const SPEED_CLASS_HYSTERESIS = 0.2;

/** The speed class of a track after a new filtered speed, from its previous class. */
export function nextSpeedClass(previous: number, speedMps: number): number {
  const upStill = STILL_BELOW_MPS * (1 + SPEED_CLASS_HYSTERESIS), downStill = STILL_BELOW_MPS * (1 - SPEED_CLASS_HYSTERESIS);
  const upRun = RUNNING_FROM_MPS * (1 + SPEED_CLASS_HYSTERESIS), downRun = RUNNING_FROM_MPS * (1 - SPEED_CLASS_HYSTERESIS);
  if (previous === SPEED_STILL) return speedMps >= upRun ? SPEED_RUNNING : speedMps >= upStill ? SPEED_WALKING : SPEED_STILL;
  if (previous === SPEED_RUNNING) return speedMps < downStill ? SPEED_STILL : speedMps < downRun ? SPEED_WALKING : SPEED_RUNNING;
  return speedMps < downStill ? SPEED_STILL : speedMps >= upRun ? SPEED_RUNNING : SPEED_WALKING;
}

/** An empty entry of the key table. */
const NO_KEY = -0x80000000;

export interface CameraTracks {
  /** Key table: keys (NO_KEY when empty) and their slots; its size is a power of two, at least twice the capacity. */
  tableKeys: Int32Array;
  tableSlots: Int32Array;
  capacity: number;
  /** Slots in use: 1, free: 0. */
  active: Uint8Array;
  key: Int32Array;
  trackId: Int32Array;
  /** Frame of the last detection, of the track's birth and of its last ObjectTrack event (-1: none yet). */
  lastFrame: Int32Array;
  lastReportFrame: Int32Array;
  /** Speed class at the last report (SPEED_STILL, SPEED_WALKING, SPEED_RUNNING). */
  speedClass: Uint8Array;
  /** Detections so far (capped at 255): a track is reported once confirmed (TRACK_CONFIRM_HITS). */
  hits: Uint8Array;
  /** People: the true posture of the target when last seen, and the posture reported (posture.ts; 255: not drawn yet). */
  truePosture: Uint8Array;
  shownPosture: Uint8Array;
  /** Filtered position, m, and velocity, m/s. */
  xM: Float64Array;
  yM: Float64Array;
  vxMps: Float64Array;
  vyMps: Float64Array;
  freeSlots: number[];
  nextTrackId: number;
  /** The reported object id of each slot's track (`CAMERA/N`), made at its first report (observeCameras.ts). */
  label: string[];
}

export function createCameraTracks(capacity = 16): CameraTracks {
  return {
    tableKeys: new Int32Array(tableSize(capacity)).fill(NO_KEY), tableSlots: new Int32Array(tableSize(capacity)), capacity, active: new Uint8Array(capacity), key: new Int32Array(capacity), trackId: new Int32Array(capacity),
    lastFrame: new Int32Array(capacity), lastReportFrame: new Int32Array(capacity), speedClass: new Uint8Array(capacity), hits: new Uint8Array(capacity),
    truePosture: new Uint8Array(capacity), shownPosture: new Uint8Array(capacity),
    xM: new Float64Array(capacity), yM: new Float64Array(capacity), vxMps: new Float64Array(capacity), vyMps: new Float64Array(capacity),
    freeSlots: Array.from({ length: capacity }, (_v, k) => capacity - 1 - k), nextTrackId: 1, label: new Array<string>(capacity).fill(''),
  };
}

function tableSize(capacity: number): number {
  let size = 16;
  while (size < 2 * capacity) size *= 2;
  return size;
}

/** Table position of a key: a multiplicative hash. */
function home(key: number, mask: number): number {
  return (Math.imul(key, 0x9e3779b1) >>> 16) & mask;
}

/** The slot of a target key's track, or -1 when it has none. */
export function slotOfKey(tracks: CameraTracks, key: number): number {
  const keys = tracks.tableKeys, mask = keys.length - 1;
  for (let i = home(key, mask); ; i = (i + 1) & mask) {
    const k = keys[i];
    if (k === key) return tracks.tableSlots[i];
    if (k === NO_KEY) return -1;
  }
}

function setSlotOfKey(tracks: CameraTracks, key: number, slot: number): void {
  const keys = tracks.tableKeys, mask = keys.length - 1;
  let i = home(key, mask);
  while (keys[i] !== NO_KEY && keys[i] !== key) i = (i + 1) & mask;
  keys[i] = key;
  tracks.tableSlots[i] = slot;
}

function deleteKey(tracks: CameraTracks, key: number): void {
  const keys = tracks.tableKeys, slots = tracks.tableSlots, mask = keys.length - 1;
  let i = home(key, mask);
  while (keys[i] !== key) {
    if (keys[i] === NO_KEY) return;
    i = (i + 1) & mask;
  }
  // Backward-shift deletion (Knuth, TAOCP vol. 3, algorithm R): move up the entries that probed past i.
  for (let j = (i + 1) & mask; keys[j] !== NO_KEY; j = (j + 1) & mask) {
    const h = home(keys[j], mask);
    // Entry j may fill the hole at i when its home is not cyclically in (i, j].
    if (i <= j ? h <= i || h > j : h <= i && h > j) {
      keys[i] = keys[j];
      slots[i] = slots[j];
      i = j;
    }
  }
  keys[i] = NO_KEY;
}

function grow(tracks: CameraTracks): void {
  const capacity = tracks.capacity * 2;
  const widen = <T extends GrowableArray>(old: T): T => grownCopy(old, capacity);
  tracks.active = widen(tracks.active);
  tracks.key = widen(tracks.key);
  tracks.trackId = widen(tracks.trackId);
  tracks.lastFrame = widen(tracks.lastFrame);
  tracks.lastReportFrame = widen(tracks.lastReportFrame);
  tracks.speedClass = widen(tracks.speedClass);
  tracks.hits = widen(tracks.hits);
  tracks.truePosture = widen(tracks.truePosture);
  tracks.shownPosture = widen(tracks.shownPosture);
  tracks.xM = widen(tracks.xM);
  tracks.yM = widen(tracks.yM);
  tracks.vxMps = widen(tracks.vxMps);
  tracks.vyMps = widen(tracks.vyMps);
  for (let s = capacity - 1; s >= tracks.capacity; s--) tracks.freeSlots.push(s);
  for (let s = tracks.capacity; s < capacity; s++) tracks.label.push('');
  const oldKeys = tracks.tableKeys, oldSlots = tracks.tableSlots;
  tracks.tableKeys = new Int32Array(tableSize(capacity)).fill(NO_KEY);
  tracks.tableSlots = new Int32Array(tableSize(capacity));
  for (let i = 0; i < oldKeys.length; i++) if (oldKeys[i] !== NO_KEY) setSlotOfKey(tracks, oldKeys[i], oldSlots[i]);
  tracks.capacity = capacity;
}

/** Starts a track on a target at a measured position; returns its slot. */
export function startTrack(tracks: CameraTracks, key: number, xM: number, yM: number, frame: number): number {
  if (tracks.freeSlots.length === 0) grow(tracks);
  const slot = tracks.freeSlots.pop()!;
  tracks.active[slot] = 1;
  tracks.key[slot] = key;
  tracks.trackId[slot] = tracks.nextTrackId++;
  tracks.label[slot] = '';
  tracks.lastFrame[slot] = frame;
  tracks.lastReportFrame[slot] = -1;
  tracks.speedClass[slot] = SPEED_STILL;
  tracks.hits[slot] = 1;
  tracks.truePosture[slot] = 255;
  tracks.shownPosture[slot] = 0;
  tracks.xM[slot] = xM;
  tracks.yM[slot] = yM;
  tracks.vxMps[slot] = 0;
  tracks.vyMps[slot] = 0;
  setSlotOfKey(tracks, key, slot);
  return slot;
}

/** Feeds a detection to a track (alpha-beta filter); `frameS` is the time between frames. */
export function updateTrack(tracks: CameraTracks, slot: number, xM: number, yM: number, frame: number, frameS: number): void {
  const dtS = (frame - tracks.lastFrame[slot]) * frameS;
  if (dtS <= 0) return;
  const px = tracks.xM[slot] + tracks.vxMps[slot] * dtS;
  const py = tracks.yM[slot] + tracks.vyMps[slot] * dtS;
  const rx = xM - px, ry = yM - py;
  tracks.xM[slot] = px + TRACK_ALPHA * rx;
  tracks.yM[slot] = py + TRACK_ALPHA * ry;
  tracks.vxMps[slot] += (TRACK_BETA / dtS) * rx;
  tracks.vyMps[slot] += (TRACK_BETA / dtS) * ry;
  tracks.lastFrame[slot] = frame;
  if (tracks.hits[slot] < 255) tracks.hits[slot]++;
}

/** Ends the track in a slot. */
export function endTrack(tracks: CameraTracks, slot: number): void {
  tracks.active[slot] = 0;
  if (slotOfKey(tracks, tracks.key[slot]) === slot) deleteKey(tracks, tracks.key[slot]);
  tracks.freeSlots.push(slot);
}

/** Swaps the targets of two tracks (an identity switch). */
export function swapTracks(tracks: CameraTracks, slotA: number, slotB: number): void {
  const keyA = tracks.key[slotA], keyB = tracks.key[slotB];
  tracks.key[slotA] = keyB;
  tracks.key[slotB] = keyA;
  setSlotOfKey(tracks, keyA, slotB);
  setSlotOfKey(tracks, keyB, slotA);
}
