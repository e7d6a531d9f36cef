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
 *    detections, alpha TRACK_ALPHA, beta TRACK_BETA.
 * Slots in struct-of-arrays form, reused through a free list; `slotOf` maps a target key (an
 * agent id >= 0, or -1 - vehicle id) to its slot. Owned by one camera.
 */

/** A track ends after this long without a detection, s. */
export const TRACK_COAST_S = 1;
/** Alpha-beta filter gains (per frame). */
export const TRACK_ALPHA = 0.5;
export const TRACK_BETA = 0.1;
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

export interface CameraTracks {
  slotOf: Map<number, number>;
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
  /** Filtered position, m, and velocity, m/s. */
  xM: Float64Array;
  yM: Float64Array;
  vxMps: Float64Array;
  vyMps: Float64Array;
  freeSlots: number[];
  nextTrackId: number;
}

export function createCameraTracks(capacity = 16): CameraTracks {
  return {
    slotOf: new Map(), capacity, active: new Uint8Array(capacity), key: new Int32Array(capacity), trackId: new Int32Array(capacity),
    lastFrame: new Int32Array(capacity), lastReportFrame: new Int32Array(capacity), speedClass: new Uint8Array(capacity),
    xM: new Float64Array(capacity), yM: new Float64Array(capacity), vxMps: new Float64Array(capacity), vyMps: new Float64Array(capacity),
    freeSlots: Array.from({ length: capacity }, (_v, k) => capacity - 1 - k), nextTrackId: 1,
  };
}

function grow(tracks: CameraTracks): void {
  const capacity = tracks.capacity * 2;
  const widen = <T extends Uint8Array | Int32Array | Float64Array>(old: T): T => {
    const next = new (old.constructor as new (n: number) => T)(capacity);
    next.set(old);
    return next;
  };
  tracks.active = widen(tracks.active);
  tracks.key = widen(tracks.key);
  tracks.trackId = widen(tracks.trackId);
  tracks.lastFrame = widen(tracks.lastFrame);
  tracks.lastReportFrame = widen(tracks.lastReportFrame);
  tracks.speedClass = widen(tracks.speedClass);
  tracks.xM = widen(tracks.xM);
  tracks.yM = widen(tracks.yM);
  tracks.vxMps = widen(tracks.vxMps);
  tracks.vyMps = widen(tracks.vyMps);
  for (let s = capacity - 1; s >= tracks.capacity; s--) tracks.freeSlots.push(s);
  tracks.capacity = capacity;
}

/** Starts a track on a target at a measured position; returns its slot. */
export function startTrack(tracks: CameraTracks, key: number, xM: number, yM: number, frame: number): number {
  if (tracks.freeSlots.length === 0) grow(tracks);
  const slot = tracks.freeSlots.pop()!;
  tracks.active[slot] = 1;
  tracks.key[slot] = key;
  tracks.trackId[slot] = tracks.nextTrackId++;
  tracks.lastFrame[slot] = frame;
  tracks.lastReportFrame[slot] = -1;
  tracks.speedClass[slot] = SPEED_STILL;
  tracks.xM[slot] = xM;
  tracks.yM[slot] = yM;
  tracks.vxMps[slot] = 0;
  tracks.vyMps[slot] = 0;
  tracks.slotOf.set(key, slot);
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
}

/** Ends the track in a slot. */
export function endTrack(tracks: CameraTracks, slot: number): void {
  tracks.active[slot] = 0;
  if (tracks.slotOf.get(tracks.key[slot]) === slot) tracks.slotOf.delete(tracks.key[slot]);
  tracks.freeSlots.push(slot);
}

/** Swaps the targets of two tracks (an identity switch). */
export function swapTracks(tracks: CameraTracks, slotA: number, slotB: number): void {
  const keyA = tracks.key[slotA], keyB = tracks.key[slotB];
  tracks.key[slotA] = keyB;
  tracks.key[slotB] = keyA;
  tracks.slotOf.set(keyA, slotB);
  tracks.slotOf.set(keyB, slotA);
}
