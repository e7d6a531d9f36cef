/**
 * Detection-rule benchmark (not a test): 100 rules (the 15 safe-city templates, replicated over
 * zones and thresholds) over a synthetic stream of camera tracks, crowd counts, crossings and
 * gauge readings; prints events per second and the cost per simulated step.
 * Run: `node --import tsx bench/rulesBench.ts [--events N]`. Prints figures; never fails on time.
 */
import type { VigieEvent } from '../engine/events/VigieEvent.ts';
import { createRuleEngine, processEvent } from '../engine/rules/RuleEngine.ts';
import { forkStream } from '../engine/random/Rng.ts';
import { BENCH_ZONES, benchRules } from './benchRules.ts';

const RULES = 100;
/** Zones the copied rules watch (bench/benchRules.ts draws as many). */
const ZONES = BENCH_ZONES;
const STEP_S = 0.2;

/** A stream: `tracks` objects sampled every step, crowd counts per zone every 5 s, a gauge every minute. */
function benchStream(tracks: number, durationS: number): VigieEvent[] {
  // The engine's seeded stream, so that every run sees the same events.
  const rng = forkStream(7, 'rulesBench');
  const random = (): number => rng.next();
  const events: VigieEvent[] = [];
  const counters = new Map<string, number>();
  const add = (event: Omit<VigieEvent, 'id'>) => {
    const n = (counters.get(event.source) ?? 0) + 1;
    counters.set(event.source, n);
    events.push({ id: `${event.source}#${n}`, ...event });
  };
  const objects = Array.from({ length: tracks }, (_, i) => ({
    id: `o${i}`,
    cls: i % 10 === 0 ? 'vehicle' : i % 17 === 0 ? 'bag' : 'person',
    x: random() * 1000,
    y: random() * 100,
    speed: i % 10 === 0 ? 8 + random() * 8 : i % 17 === 0 ? 0 : 0.8 + random() * 1.2,
  }));
  const steps = Math.round(durationS / STEP_S);
  for (let step = 0; step <= steps; step++) {
    const timeS = step * STEP_S;
    for (const object of objects) {
      object.x = (object.x + object.speed * STEP_S * (random() < 0.5 ? 1 : -1) + 1000) % 1000;
      add({ category: 'analytic', type: 'tns1:VideoAnalytics/ObjectTrack', source: `cam:${Math.floor(object.x / 50)}`, timeS, x: object.x, y: object.y, confidence: 0.5 + random() / 2, data: { objectId: object.id, class: object.cls, speedMps: object.speed * (0.9 + random() / 5), posture: random() < 0.001 ? 'lying' : 'standing', nearestPersonM: random() * 10 } });
    }
    if (step % 25 === 0) {
      for (let z = 0; z < ZONES; z++) add({ category: 'observation', type: 'CrowdFlowObserved', source: `counter:z${z}`, timeS, zone: `z${z}`, data: { peopleCount: Math.round(40 + random() * 40), densityPerM2: 1 + random() * 4 } });
      add({ category: 'analytic', type: 'tns1:RuleEngine/LineDetector/Crossed', source: 'line:1', timeS, data: { objectId: `o${step}`, class: 'person', direction: random() < 0.05 ? 'against' : 'with' } });
    }
    if (step % 300 === 0) add({ category: 'observation', type: 'WaterObserved', source: 'gauge:1', timeS, data: { heightM: 1 + timeS / 20000 } });
  }
  return events;
}

const eventsArg = process.argv.indexOf('--events');
const tracks = eventsArg > 0 ? Math.max(1, Math.round(Number(process.argv[eventsArg + 1]) / 1500)) : 500;
const ruleSet = benchRules(RULES);
const events = benchStream(tracks, 300);
const engine = createRuleEngine(ruleSet);
const startMs = performance.now();
let alerts = 0;
for (const event of events) alerts += processEvent(engine, event).length;
const wallS = (performance.now() - startMs) / 1000;
const steps = Math.round(300 / STEP_S) + 1;
console.log(`rules bench: ${ruleSet.rules.length} rules, ${events.length.toLocaleString('en-US')} events (${tracks} tracks sampled every ${STEP_S} s for 300 s)`);
console.log(`  ${wallS.toFixed(2)} s, ${Math.round(events.length / wallS).toLocaleString('en-US')} events/s, ${alerts} alerts (${engine.stats.suppressed} suppressed)`);
console.log(`  ${((wallS * 1000) / steps).toFixed(3)} ms per ${STEP_S} s step (${tracks} tracks per step)`);
