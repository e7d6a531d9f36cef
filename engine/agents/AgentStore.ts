/**
 * Struct-of-arrays agent store in typed arrays (bitECS-style components). Agents live in slots
 * 0..count-1; despawn swaps the last agent into the freed slot, so iteration stays dense and no
 * per-step allocation is needed. Each agent carries a stable `id` (numbered per world), while its
 * slot may change (despawn, spatial re-sorting). Positions are double-buffered: models read
 * `posXM/posYM` (the current state) and write `nextXM/nextYM`; the commit phase swaps them.
 */

/**
 * Kinds of agents. A `departing` agent is a pedestrian who has just left through an exit: it
 * walks on straight for about one headway (see commitKinematics) so that the people behind
 * still see it, and is then removed. Vehicles and others come later.
 */
/**
 * pedestrian: walks by the model; departing: gone through an exit, walking on straight until
 * removed; replayed: moved by a recording (engine/replay/), seen by everyone, reacting to no one.
 */
export const AgentKind = { pedestrian: 0, departing: 1, replayed: 2 } as const;

export interface AgentStore {
  count: number;
  /**
   * Bumped by every change of slots or positions (add, remove, commit of the kinematics,
   * permutation): a neighbour grid built at this version is still exact (UniformGrid.ts).
   */
  version: number;
  capacity: number;
  id: Int32Array;
  kind: Uint8Array;
  /** Index of the spawning group or source in the world's `groups` table. */
  group: Uint16Array;
  /** Index of the floor field (goal set) the agent follows. */
  field: Uint16Array;
  posXM: Float64Array;
  posYM: Float64Array;
  nextXM: Float64Array;
  nextYM: Float64Array;
  /** Velocity actually walked in the last step, m/s. */
  velXMps: Float32Array;
  velYMps: Float32Array;
  desiredSpeedMps: Float32Array;
  /** Walking direction (unit vector) kept between steps for heading relaxation; (0, 0) before the first step. */
  headingX: Float32Array;
  headingY: Float32Array;
  radiusM: Float32Array;
  /** The tick from which the agent walks (pre-movement time before that). */
  walkFromTick: Int32Array;
  /** Departing agents: the tick at which they are removed. */
  removeAtTick: Int32Array;
}

/** Names of the per-agent arrays, used to grow and to permute them together. */
const COLUMNS = [
  'id', 'kind', 'group', 'field', 'posXM', 'posYM', 'nextXM', 'nextYM',
  'velXMps', 'velYMps', 'desiredSpeedMps', 'headingX', 'headingY', 'radiusM', 'walkFromTick', 'removeAtTick',
] as const;
type Column = (typeof COLUMNS)[number];

/** Creates an empty store with room for `capacity` agents (it grows by doubling if needed). */
export function createAgentStore(capacity: number): AgentStore {
  const c = Math.max(16, capacity);
  return {
    count: 0,
    version: 0,
    capacity: c,
    id: new Int32Array(c),
    kind: new Uint8Array(c),
    group: new Uint16Array(c),
    field: new Uint16Array(c),
    posXM: new Float64Array(c),
    posYM: new Float64Array(c),
    nextXM: new Float64Array(c),
    nextYM: new Float64Array(c),
    velXMps: new Float32Array(c),
    velYMps: new Float32Array(c),
    desiredSpeedMps: new Float32Array(c),
    headingX: new Float32Array(c),
    headingY: new Float32Array(c),
    radiusM: new Float32Array(c),
    walkFromTick: new Int32Array(c),
    removeAtTick: new Int32Array(c),
  };
}

function grow(store: AgentStore, minCapacity: number): void {
  let capacity = store.capacity;
  while (capacity < minCapacity) capacity *= 2;
  for (const name of COLUMNS) {
    const old = store[name] as unknown as { length: number; constructor: new (n: number) => unknown; };
    const next = new (old.constructor as new (n: number) => Float64Array)(capacity);
    next.set(store[name] as unknown as ArrayLike<number>);
    (store as unknown as Record<Column, unknown>)[name] = next;
  }
  store.capacity = capacity;
}

/** Appends an agent and returns its slot. Grows the store when full (amortised, not per step). */
export function addAgent(store: AgentStore, id: number, kind: number, xM: number, yM: number): number {
  store.version++;
  if (store.count === store.capacity) grow(store, store.count + 1);
  const slot = store.count++;
  store.id[slot] = id;
  store.kind[slot] = kind;
  store.group[slot] = 0;
  store.field[slot] = 0;
  store.posXM[slot] = xM;
  store.posYM[slot] = yM;
  store.nextXM[slot] = xM;
  store.nextYM[slot] = yM;
  store.velXMps[slot] = 0;
  store.velYMps[slot] = 0;
  store.desiredSpeedMps[slot] = 0;
  store.headingX[slot] = 0;
  store.headingY[slot] = 0;
  store.radiusM[slot] = 0.2;
  store.walkFromTick[slot] = 0;
  store.removeAtTick[slot] = 0;
  return slot;
}

/**
 * Removes the agent in `slot` by moving the last agent into it.
 * NOTE: the columns are copied one by one, not in a loop over column names: a loop would make
 * the element access megamorphic, and V8 then boxes every double it reads (an allocation).
 */
export function removeAgentAt(store: AgentStore, slot: number): void {
  store.version++;
  const last = --store.count;
  if (slot === last) return;
  store.id[slot] = store.id[last];
  store.kind[slot] = store.kind[last];
  store.group[slot] = store.group[last];
  store.field[slot] = store.field[last];
  store.posXM[slot] = store.posXM[last];
  store.posYM[slot] = store.posYM[last];
  store.nextXM[slot] = store.nextXM[last];
  store.nextYM[slot] = store.nextYM[last];
  store.velXMps[slot] = store.velXMps[last];
  store.velYMps[slot] = store.velYMps[last];
  store.desiredSpeedMps[slot] = store.desiredSpeedMps[last];
  store.headingX[slot] = store.headingX[last];
  store.headingY[slot] = store.headingY[last];
  store.radiusM[slot] = store.radiusM[last];
  store.walkFromTick[slot] = store.walkFromTick[last];
  store.removeAtTick[slot] = store.removeAtTick[last];
}

/** Swaps current and next position buffers (commit of the double-buffered kinematics). */
export function swapPositionBuffers(store: AgentStore): void {
  store.version++;
  const x = store.posXM;
  store.posXM = store.nextXM;
  store.nextXM = x;
  const y = store.posYM;
  store.posYM = store.nextYM;
  store.nextYM = y;
}

/** Scratch buffers for `permuteAgents`, one per typed-array type, reused across calls. */
export interface PermuteScratch {
  f64: Float64Array;
  f32: Float32Array;
  i32: Int32Array;
  u16: Uint16Array;
  u8: Uint8Array;
}

/** Allocates permutation scratch for a store's current capacity. */
export function createPermuteScratch(capacity: number): PermuteScratch {
  return {
    f64: new Float64Array(capacity),
    f32: new Float32Array(capacity),
    i32: new Int32Array(capacity),
    u16: new Uint16Array(capacity),
    u8: new Uint8Array(capacity),
  };
}

/**
 * Reorders all agents so that new slot k holds the agent formerly in slot `order[k]`
 * (used for spatial re-sorting, so that neighbours in space are neighbours in memory).
 * One monomorphic helper per array type, for the reason given at `removeAgentAt`.
 */
export function permuteAgents(store: AgentStore, order: Int32Array, scratch: PermuteScratch): void {
  store.version++;
  const n = store.count;
  permuteI32(store.id, order, scratch.i32, n);
  permuteU8(store.kind, order, scratch.u8, n);
  permuteU16(store.group, order, scratch.u16, n);
  permuteU16(store.field, order, scratch.u16, n);
  permuteF64(store.posXM, order, scratch.f64, n);
  permuteF64(store.posYM, order, scratch.f64, n);
  permuteF64(store.nextXM, order, scratch.f64, n);
  permuteF64(store.nextYM, order, scratch.f64, n);
  permuteF32(store.velXMps, order, scratch.f32, n);
  permuteF32(store.velYMps, order, scratch.f32, n);
  permuteF32(store.desiredSpeedMps, order, scratch.f32, n);
  permuteF32(store.headingX, order, scratch.f32, n);
  permuteF32(store.headingY, order, scratch.f32, n);
  permuteF32(store.radiusM, order, scratch.f32, n);
  permuteI32(store.walkFromTick, order, scratch.i32, n);
  permuteI32(store.removeAtTick, order, scratch.i32, n);
}

function permuteF64(column: Float64Array, order: Int32Array, tmp: Float64Array, n: number): void {
  for (let k = 0; k < n; k++) tmp[k] = column[order[k]];
  for (let k = 0; k < n; k++) column[k] = tmp[k];
}

function permuteF32(column: Float32Array, order: Int32Array, tmp: Float32Array, n: number): void {
  for (let k = 0; k < n; k++) tmp[k] = column[order[k]];
  for (let k = 0; k < n; k++) column[k] = tmp[k];
}

function permuteI32(column: Int32Array, order: Int32Array, tmp: Int32Array, n: number): void {
  for (let k = 0; k < n; k++) tmp[k] = column[order[k]];
  for (let k = 0; k < n; k++) column[k] = tmp[k];
}

function permuteU16(column: Uint16Array, order: Int32Array, tmp: Uint16Array, n: number): void {
  for (let k = 0; k < n; k++) tmp[k] = column[order[k]];
  for (let k = 0; k < n; k++) column[k] = tmp[k];
}

function permuteU8(column: Uint8Array, order: Int32Array, tmp: Uint8Array, n: number): void {
  for (let k = 0; k < n; k++) tmp[k] = column[order[k]];
  for (let k = 0; k < n; k++) column[k] = tmp[k];
}
