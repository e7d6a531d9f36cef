/**
 * Phase 11: live detection rules. Every event appended to the world's event log since the last
 * step (the sensors' observations and analytics of this step, the commands and acknowledgements
 * of the last one) goes to the rule engine in log order; the alerts it returns are appended to
 * the log, and each one starts the responses it triggers (engine/responses/ControlLoop.ts).
 * The log is the only input, so `vigie replay events.jsonl --rules` (which skips the recorded
 * alerts of the same rules) feeds the engine exactly the same events and gives the same alerts.
 * Nothing happens without a control loop (`world.control`).
 */
import { processEvent } from '../../rules/RuleEngine.ts';
import { scheduleResponses } from '../../responses/ControlLoop.ts';
import type { World } from '../../world/World.ts';

/** Hands the new events of the log to the rules; appends their alerts and the operator requests they cause. */
export function evaluateRules(world: World): void {
  const loop = world.control;
  if (loop === null) return;
  const log = world.eventLog;
  const end = log.length;
  for (let i = loop.nextEvent; i < end; i++) {
    const alerts = processEvent(loop.ruleEngine, log[i]);
    for (let k = 0; k < alerts.length; k++) {
      log.push(alerts[k]);
      for (const request of scheduleResponses(loop, alerts[k], world.clock.stepS)) log.push(request);
    }
  }
  // NOTE: what was just appended (alerts, operator requests) is handed over at the next step,
  // in log order, as a replay of the log hands it over: the engine skips its own alerts there
  // (counted as recorded alerts), and the requests are events like any other.
  loop.nextEvent = end;
}
