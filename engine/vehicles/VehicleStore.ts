/**
 * Vehicles as a struct of arrays: where each is (link, lane, position of its front along the
 * link), how fast it goes, its class, and where it is on its route. Grows only when vehicles are
 * inserted beyond its capacity (doubling), swap-removes on arrival.
 */

/** The vehicles of a world. */
export interface VehicleStore {
  count: number;
  capacity: number;
  id: Int32Array;
  vehicleClass: Uint8Array;
  link: Int32Array;
  lane: Int32Array;
  /** Position of the front bumper along the link, m. */
  posM: Float64Array;
  speedMps: Float64Array;
  /** Acceleration computed this step (scratch written before anyone moves). */
  accelMps2: Float64Array;
  /** Demand entry the vehicle belongs to, its route (index in Traffic.routes) and its place on it. */
  demand: Int32Array;
  route: Int32Array;
  cursor: Int32Array;
  departTick: Int32Array;
  /** Tick of the last lane change (for the cooldown). */
  lastLaneChangeTick: Int32Array;
}

const COLUMNS = ['id', 'vehicleClass', 'link', 'lane', 'posM', 'speedMps', 'accelMps2', 'demand', 'route', 'cursor', 'departTick', 'lastLaneChangeTick'] as const;

/** An empty store. */
export function createVehicleStore(capacity: number): VehicleStore {
  const c = Math.max(1, capacity);
  return {
    count: 0,
    capacity: c,
    id: new Int32Array(c),
    vehicleClass: new Uint8Array(c),
    link: new Int32Array(c),
    lane: new Int32Array(c),
    posM: new Float64Array(c),
    speedMps: new Float64Array(c),
    accelMps2: new Float64Array(c),
    demand: new Int32Array(c),
    route: new Int32Array(c),
    cursor: new Int32Array(c),
    departTick: new Int32Array(c),
    lastLaneChangeTick: new Int32Array(c),
  };
}

/** Adds a vehicle; returns its slot. */
export function addVehicle(store: VehicleStore, id: number, vehicleClass: number, link: number, lane: number, posM: number, speedMps: number, demand: number, route: number, departTick: number): number {
  if (store.count === store.capacity) growVehicleStore(store, store.capacity * 2);
  const slot = store.count++;
  store.id[slot] = id;
  store.vehicleClass[slot] = vehicleClass;
  store.link[slot] = link;
  store.lane[slot] = lane;
  store.posM[slot] = posM;
  store.speedMps[slot] = speedMps;
  store.accelMps2[slot] = 0;
  store.demand[slot] = demand;
  store.route[slot] = route;
  store.cursor[slot] = 0;
  store.departTick[slot] = departTick;
  store.lastLaneChangeTick[slot] = -1_000_000;
  return slot;
}

/** Removes the vehicle in `slot` (the last one moves into it). */
export function removeVehicleAt(store: VehicleStore, slot: number): void {
  const last = --store.count;
  if (slot === last) return;
  for (const column of COLUMNS) (store[column] as Int32Array | Float64Array | Uint8Array)[slot] = (store[column] as Int32Array | Float64Array | Uint8Array)[last];
}

function growVehicleStore(store: VehicleStore, capacity: number): void {
  for (const column of COLUMNS) {
    const old = store[column] as Int32Array | Float64Array | Uint8Array;
    const next = new (old.constructor as new (n: number) => typeof old)(capacity);
    next.set(old);
    (store as unknown as Record<string, typeof old>)[column] = next;
  }
  store.capacity = capacity;
}
