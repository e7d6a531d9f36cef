import { describe, expect, it } from 'vitest';
import { addAgent, createAgentStore, createPermuteScratch, permuteAgents, removeAgentAt, swapPositionBuffers } from '../../../engine/agents/AgentStore.ts';

describe('AgentStore (struct of arrays)', () => {
  it('despawn moves the last agent into the freed slot and keeps the store dense', () => {
    const store = createAgentStore(4);
    for (let id = 0; id < 4; id++) addAgent(store, id, 0, id, 10 * id);
    removeAgentAt(store, 1);
    expect(store.count).toBe(3);
    expect(Array.from(store.id.subarray(0, 3))).toEqual([0, 3, 2]);
    expect(store.posYM[1]).toBe(30);
  });

  it('grows past its capacity keeping every column', () => {
    const store = createAgentStore(16);
    for (let id = 0; id < 100; id++) addAgent(store, id, 0, id, -id);
    expect(store.capacity).toBeGreaterThanOrEqual(100);
    expect(store.posXM[99]).toBe(99);
    expect(store.posYM[57]).toBe(-57);
    expect(store.id[64]).toBe(64);
  });

  it('permutes all columns together and swaps the double buffers', () => {
    const store = createAgentStore(16);
    for (let id = 0; id < 3; id++) { const s = addAgent(store, id, 0, id, id); store.nextXM[s] = 100 + id; }
    permuteAgents(store, Int32Array.from([2, 0, 1]), createPermuteScratch(store.capacity));
    expect(Array.from(store.id.subarray(0, 3))).toEqual([2, 0, 1]);
    expect(Array.from(store.posXM.subarray(0, 3))).toEqual([2, 0, 1]);
    swapPositionBuffers(store);
    expect(Array.from(store.posXM.subarray(0, 3))).toEqual([102, 100, 101]);
  });
});
