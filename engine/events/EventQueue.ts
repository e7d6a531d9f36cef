/**
 * A time-ordered queue of scheduled world events (a group appears, an exit closes, and later
 * live sensor events and actuator commands). Events at the same tick keep their insertion order,
 * so processing is deterministic. Scheduling allocates; events are rare next to agent steps.
 */

/** One scheduled event: a kind tag and a plain-data payload. */
export interface WorldEvent {
  tick: number;
  kind: 'groupAppears' | 'exitCloses';
  /** Index of the group or exit the event applies to. */
  target: number;
}

export interface EventQueue {
  /** Pending events sorted by (tick, insertion order). */
  pending: WorldEvent[];
}

/** An empty queue. */
export function createEventQueue(): EventQueue {
  return { pending: [] };
}

/** Inserts an event after every pending event of the same or an earlier tick. */
export function scheduleEvent(queue: EventQueue, event: WorldEvent): void {
  const list = queue.pending;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].tick <= event.tick) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, event);
}

/** Removes and hands over every event due at or before `tick`, in order. */
export function drainDueEvents(queue: EventQueue, tick: number, handle: (event: WorldEvent) => void): void {
  let due = 0;
  while (due < queue.pending.length && queue.pending[due].tick <= tick) due++;
  if (due === 0) return;
  const events = queue.pending.splice(0, due);
  for (const event of events) handle(event);
}
