/**
 * Per-agent life records indexed by agent id (ids are 0, 1, 2... per world): spawn tick, exit
 * tick (-1 while inside) and exit used. They grow by doubling at spawn time, never per step,
 * and feed the per-agent table of the run summary.
 */
export interface AgentRecords {
  count: number;
  group: Uint16Array;
  spawnTick: Int32Array;
  exitTick: Int32Array;
  exitIndex: Int16Array;
}

/** Empty records with room for `capacity` agents. */
export function createAgentRecords(capacity: number): AgentRecords {
  const c = Math.max(16, capacity);
  return { count: 0, group: new Uint16Array(c), spawnTick: new Int32Array(c), exitTick: new Int32Array(c), exitIndex: new Int16Array(c) };
}

/** Registers a new agent and returns its id. */
export function recordSpawn(records: AgentRecords, group: number, tick: number): number {
  if (records.count === records.group.length) {
    const c = records.count * 2;
    const group2 = new Uint16Array(c); group2.set(records.group); records.group = group2;
    const spawn2 = new Int32Array(c); spawn2.set(records.spawnTick); records.spawnTick = spawn2;
    const exit2 = new Int32Array(c); exit2.set(records.exitTick); records.exitTick = exit2;
    const idx2 = new Int16Array(c); idx2.set(records.exitIndex); records.exitIndex = idx2;
  }
  const id = records.count++;
  records.group[id] = group;
  records.spawnTick[id] = tick;
  records.exitTick[id] = -1;
  records.exitIndex[id] = -1;
  return id;
}
