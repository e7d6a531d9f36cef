import { describe, expect, it } from 'vitest';
import { createEventQueue, drainDueEvents, scheduleEvent } from '../../../engine/events/EventQueue.ts';

describe('EventQueue', () => {
  it('hands over due events by tick, keeping insertion order within a tick', () => {
    const queue = createEventQueue();
    scheduleEvent(queue, { tick: 5, kind: 'exitCloses', target: 1 });
    scheduleEvent(queue, { tick: 2, kind: 'groupAppears', target: 0 });
    scheduleEvent(queue, { tick: 5, kind: 'groupAppears', target: 2 });
    const seen: number[] = [];
    drainDueEvents(queue, 4, (e) => seen.push(e.target));
    expect(seen).toEqual([0]);
    drainDueEvents(queue, 5, (e) => seen.push(e.target));
    expect(seen).toEqual([0, 1, 2]);
    expect(queue.pending.length).toBe(0);
  });
});
