/**
 * `vigie replay LOG.jsonl --rules RULES.json [--out DIR] [--quiet]`: re-runs detection rules on a
 * recorded event log (one VigieEvent per line, a run's `events.jsonl`), writes the alerts to
 * `DIR/alerts.jsonl` atomically, and prints a summary: events read, alerts per rule, what was
 * suppressed or set aside, and, when the log holds alerts of the same rules (a live run's),
 * whether the replayed alerts are identical to them.
 * Everything that can fail on user input (files, rules, log lines) is checked before anything is
 * written; zones the rules name may be the rules file's own or any zone id found in the log.
 */
import { join } from 'node:path';
import type { VigieEvent } from '../engine/events/VigieEvent.ts';
import { loadRules } from '../engine/rules/loadRules.ts';
import { parseEventLog } from '../engine/rules/parseEventLog.ts';
import { createRuleEngine, processEvent } from '../engine/rules/RuleEngine.ts';
import type { RuleStats } from '../engine/rules/CompiledRule.ts';
import { writeFileAtomic } from './atomicWrite.ts';
import { checkOutputDir, openOutputDir, removeCreatedOutputDir, type OutputDir } from './outputDir.ts';
import { readScenarioFile } from './readScenarioFile.ts';

/** Options of `vigie replay`, as commander parses them. */
export interface ReplayCommandOptions {
  rules: string;
  out: string;
  quiet?: boolean;
}

/** What a replay found. */
export interface ReplayResult {
  events: number;
  alerts: VigieEvent[];
  stats: RuleStats;
  /** Alerts of these rules recorded in the log, and whether the replay gave exactly them. */
  recorded: { count: number; identical: boolean; firstDifference: number | null } | null;
  wallS: number;
  alertsPath: string;
}

/** Runs a replay; throws UsageError, RulesError or EventLogError on bad input. */
export function replayCommand(logPath: string, options: ReplayCommandOptions): ReplayResult {
  checkOutputDir(options.out);
  const events = parseEventLog(readScenarioFile(logPath, 'event log'), logPath);
  const zoneIds = [...new Set(events.flatMap((event) => (event.zone === undefined ? [] : [event.zone])))].sort();
  const ruleSet = loadRules(readScenarioFile(options.rules, 'rules file'), options.rules, { zoneIds });

  const startMs = performance.now();
  const engine = createRuleEngine(ruleSet);
  const alerts: VigieEvent[] = [];
  for (const event of events) for (const alert of processEvent(engine, event)) alerts.push(alert);
  const wallS = (performance.now() - startMs) / 1000;

  const recordedAlerts = events.filter((event) => event.category === 'alert' && engine.ruleIds.has(event.source));
  const recorded = recordedAlerts.length === 0 ? null : compareAlerts(recordedAlerts, alerts);

  const alertsPath = join(options.out, 'alerts.jsonl');
  let dir: OutputDir | null = null;
  try {
    dir = openOutputDir(options.out);
    writeFileAtomic(alertsPath, alerts.map((alert) => `${JSON.stringify(alert)}\n`).join(''));
  } catch (error) {
    removeCreatedOutputDir(dir);
    throw error;
  }
  const result: ReplayResult = { events: events.length, alerts, stats: engine.stats, recorded, wallS, alertsPath };
  if (!options.quiet) process.stdout.write(formatReplaySummary(result, ruleSet.rules.map((rule) => rule.id), logPath));
  return result;
}

/** Compares recorded and replayed alerts as JSON text, in order. */
function compareAlerts(recorded: VigieEvent[], replayed: VigieEvent[]): { count: number; identical: boolean; firstDifference: number | null } {
  const length = Math.max(recorded.length, replayed.length);
  for (let i = 0; i < length; i++) {
    const a = recorded[i] === undefined ? undefined : JSON.stringify(recorded[i]);
    const b = replayed[i] === undefined ? undefined : JSON.stringify(replayed[i]);
    if (a !== b) return { count: recorded.length, identical: false, firstDifference: i + 1 };
  }
  return { count: recorded.length, identical: true, firstDifference: null };
}

/** The lines printed after a replay. */
export function formatReplaySummary(result: ReplayResult, ruleIds: string[], logPath: string): string {
  const { stats } = result;
  const lines = [`replayed ${logPath}: ${result.events} events, ${stats.alerts} alerts`];
  const width = Math.max(4, ...ruleIds.map((id) => id.length));
  for (const id of ruleIds) {
    const count = stats.alertsByRule[id] ?? 0;
    if (count > 0) lines.push(`  ${id.padEnd(width)}  ${String(count).padStart(6)}`);
  }
  const silent = ruleIds.filter((id) => (stats.alertsByRule[id] ?? 0) === 0).length;
  if (silent > 0) lines.push(`  (${silent} of ${ruleIds.length} rules gave no alert)`);
  const setAside = [
    stats.suppressed > 0 ? `${stats.suppressed} suppressed` : '',
    stats.belowConfidence > 0 ? `${stats.belowConfidence} below their rule's confidence` : '',
    stats.duplicates > 0 ? `${stats.duplicates} duplicate events` : '',
    stats.outOfOrder > 0 ? `${stats.outOfOrder} events out of time order set aside` : '',
  ].filter((text) => text !== '');
  if (setAside.length > 0) lines.push(`  ${setAside.join(', ')}`);
  if (result.recorded !== null) {
    const { count, identical, firstDifference } = result.recorded;
    lines.push(identical ? `  identical to the ${count} alerts recorded in the log` : `  differs from the ${count} alerts recorded in the log (first difference: alert ${firstDifference})`);
  }
  const perS = result.wallS > 0 ? Math.round(result.events / result.wallS) : 0;
  lines.push(`  rules ran in ${result.wallS.toFixed(3)} s (${perS.toLocaleString('en-US')} events/s)`);
  lines.push(`wrote ${result.alertsPath} (${result.alerts.length} alerts)`);
  return `${lines.join('\n')}\n`;
}
