/**
 * `vigie audit SCENARIO.json --runs N [--workers K] [--out DIR] [--rules R] [--seed S]`: a Monte
 * Carlo audit of a scenario's detection rules. Runs N seeds (S, S + 1, ...; S is the scenario's
 * seed unless given) in K worker threads through comlink (the same simulation API the browser's
 * web worker serves), each run with the rules live (engine/run/auditRun.ts), then scores them
 * pooled (engine/audit/scoreAudit.ts) and writes:
 *  - DIR/audit.json: every figure with its 95 % interval, the scenario, the seeds, the software
 *    version and the matching rules, so anyone can reproduce it, and the false alarms' places,
 *    times, rules and causes for the viewer's map (falseAlarmList.ts: at most 5,000, one a line);
 *  - DIR/alarms.csv: every alarm with its outcome (detection, duplicate, false alarm), the
 *    incident it matched and, for a false alarm, its cause;
 *  - DIR/report.html: a self-contained page with the figures and plots (auditReport.ts).
 * Records are put in seed order before scoring, so the figures do not depend on K.
 */
import { availableParallelism } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { readFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { scoreAudit, type AuditRun, type AuditScore } from '../engine/audit/scoreAudit.ts';
import { withSweepVariants } from '../engine/audit/sweeps.ts';
import { loadRules } from '../engine/rules/loadRules.ts';
import type { RuleSetSpec } from '../engine/rules/RuleSet.ts';
import { ScenarioError } from '../engine/scenario/ScenarioError.ts';
import type { Scenario } from '../engine/scenario/Scenario.ts';
import { closestName } from '../engine/scenario/scenarioText.ts';
import { createNodeWorker } from '../workers/createNodeWorker.ts';
import { writeFileAtomic, writeLinesAtomic } from './atomicWrite.ts';
import { auditReportHtml } from './auditReport.ts';
import { listFalseAlarms, type FalseAlarmList } from './falseAlarmList.ts';
import { loadScenarioFile } from './loadScenarioFile.ts';
import { checkOutputDir, openOutputDir } from './outputDir.ts';
import { readScenarioFile } from './readScenarioFile.ts';
import { UsageError } from './UsageError.ts';
import { positiveInteger } from './integerOption.ts';
import { parseSeed } from './parseSeed.ts';

export interface AuditOptions {
  runs: string;
  workers?: string;
  out: string;
  rules?: string;
  seed?: string;
  quiet?: boolean;
}

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * What audit.json holds: the score without the alarm list (every alarm is in alarms.csv), how it
 * was made, and the false alarms for the map (capped; `falseAlarms.leftOut` says how many are not
 * listed).
 */
export interface AuditReport {
  software: { name: 'vigie'; version: string };
  scenario: { name: string; file: string };
  rulesFile: string;
  seeds: number[];
  workers: number;
  score: Omit<AuditScore, 'alarms'>;
  falseAlarms: FalseAlarmList;
}

export async function auditCommand(scenarioPath: string, options: AuditOptions): Promise<AuditReport> {
  const runs = positiveInteger(options.runs, '--runs');
  const workers = Math.min(runs, options.workers === undefined ? Math.max(1, availableParallelism()) : positiveInteger(options.workers, '--workers'));
  checkOutputDir(options.out);
  const scenario = loadScenarioFile(scenarioPath);
  if (scenario.audit === undefined) throw new ScenarioError(scenarioPath, [{ path: 'audit', message: 'missing: an audited scenario says which rule detects which incident types ("audit": {"rules": {"person-on-ground": ["fall"]}})' }]);
  const rulesPath = options.rules ?? (scenario.rules === undefined ? undefined : isAbsolute(scenario.rules) ? scenario.rules : join(dirname(scenarioPath), scenario.rules));
  if (rulesPath === undefined) throw new UsageError(`${scenarioPath} names no rules file: give --rules RULES.json`);
  const ruleSet = loadRules(readScenarioFile(rulesPath, 'rules file'), rulesPath);
  checkAuditRules(scenario, scenarioPath, ruleSet, rulesPath);
  const firstSeed = options.seed === undefined ? scenario.seed : parseSeed(options.seed);
  const seeds = Array.from({ length: runs }, (_v, k) => firstSeed + k);

  const records = await runInWorkers(scenario, scenarioPath, ruleSet, seeds, workers, !options.quiet);
  records.sort((a, b) => a.seed - b.seed);
  const score = scoreAudit(records, scenario.audit, withSweepVariants(ruleSet, Object.keys(scenario.audit.rules)).variants);
  const { alarms, ...figures } = score;
  const report: AuditReport = {
    software: { name: 'vigie', version: VERSION },
    scenario: { name: scenario.name, file: scenarioPath },
    rulesFile: rulesPath,
    seeds,
    workers,
    score: figures,
    falseAlarms: listFalseAlarms(alarms),
  };
  openOutputDir(options.out);
  writeLinesAtomic(join(options.out, 'alarms.csv'), ['seed,id,rule,timeS,x,y,outcome,incident,cause,people', ...alarms.map((alarm) => [
    alarm.seed, csv(alarm.id), csv(alarm.rule), alarm.timeS, alarm.x ?? '', alarm.y ?? '', alarm.outcome, csv(alarm.incident ?? ''), csv(alarm.cause ?? ''),
    alarm.truth.filter((id) => id.startsWith('agent/')).length,
  ].join(','))], String);
  writeFileAtomic(join(options.out, 'report.html'), auditReportHtml(report));
  writeFileAtomic(join(options.out, 'audit.json'), auditJsonText(report));
  if (!options.quiet) process.stdout.write(`${summaryLines(report).join('\n')}\n`);
  return report;
}

/** Runs the seeds over `workerCount` worker threads, each taking the next seed when it is free. */
export async function runInWorkers(scenario: Scenario, fileName: string, ruleSet: RuleSetSpec, seeds: number[], workerCount: number, showProgress: boolean): Promise<AuditRun[]> {
  const bar = showProgress && process.stderr.isTTY
    ? new cliProgress.SingleBar({ stream: process.stderr, format: '  {bar} {value}/{total} runs | ETA {eta_formatted}', hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(seeds.length, 0);
  const pool = Array.from({ length: workerCount }, () => createNodeWorker());
  const records: AuditRun[] = [];
  let next = 0;
  try {
    await Promise.all(pool.map(async (worker) => {
      while (next < seeds.length) {
        const seed = seeds[next++];
        records.push(await Promise.race([worker.api.auditRun(scenario, fileName, ruleSet, seed, Object.keys(scenario.audit!.rules)), worker.failure]));
        bar?.increment();
      }
    }));
  } finally {
    bar?.stop();
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return records;
}

/** The audit's rules must name rules of the rules file. */
function checkAuditRules(scenario: Scenario, scenarioPath: string, ruleSet: RuleSetSpec, rulesPath: string): void {
  const ids = ruleSet.rules.map((rule) => rule.id);
  for (const rule of Object.keys(scenario.audit!.rules)) {
    if (ids.includes(rule)) continue;
    const close = closestName(rule, ids);
    throw new ScenarioError(scenarioPath, [{ path: `audit.rules.${rule}`, message: `no rule "${rule}" in ${rulesPath}${close ? ` (did you mean "${close}"?)` : ''}` }]);
  }
}

/** audit.json's text: indented JSON, with one line per listed false alarm (there may be thousands). */
function auditJsonText(report: AuditReport): string {
  const placeholder = 'false alarms, one a line';
  const text = JSON.stringify({ ...report, falseAlarms: { ...report.falseAlarms, list: placeholder } }, null, 2);
  const lines = report.falseAlarms.list.map((alarm) => `      ${JSON.stringify(alarm)}`);
  // NOTE: a string's own quotes are escaped (\"), so `"list": "..."` with bare quotes can only be the key itself.
  return `${text.replace(`"list": "${placeholder}"`, () => (lines.length === 0 ? '"list": []' : `"list": [\n${lines.join(',\n')}\n    ]`))}\n`;
}

function csv(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : 'n/a');
const num = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

/** The lines printed after an audit. */
function summaryLines(report: AuditReport): string[] {
  const s = report.score;
  const lines = [`audit of ${report.scenario.name}: ${s.runs} runs (seeds ${report.seeds[0]}-${report.seeds[report.seeds.length - 1]}), ${num(s.hours, 1)} h, ${num(s.cameraHours, 0)} camera-hours`];
  for (const [rule, f] of Object.entries(s.byRule)) {
    lines.push(`  ${rule}: ${f.detections}/${f.incidents} incidents detected (recall ${pct(f.recall.value)} [${pct(f.recall.low)}, ${pct(f.recall.high)}]), ${f.falseAlarms} false alarms (${num(f.falseAlarmsPerHour.value)} per hour [${num(f.falseAlarmsPerHour.low)}, ${num(f.falseAlarmsPerHour.high)}])`);
  }
  const over = Object.entries(s.byGroup).filter(([, g]) => g.ratioToAverage > 1).map(([group, g]) => `${group} x${num(g.ratioToAverage)}`);
  if (over.length > 0) lines.push(`  over-flagged groups: ${over.join(', ')}`);
  const p = s.privacy;
  lines.push(`  privacy: ${pct(p.seen.value)} of ${p.trips} trips seen by a camera, ${pct(p.linkable.value)} followable end to end, ${num(p.meanObservedS, 0)} s observed per trip (${pct(p.observedShareOfTime)} of their time)`);
  const id = s.identification;
  if (id !== null) lines.push(`  identification: ${num(id.footfallPerDay, 0)} people a day past the cameras against ${id.watchListSize} watch-list entries: ${num(id.falseMatchesPerDay, 1)} false matches a day for ${num(id.trueMatchesPerDay, 2)} true ones (${pct(id.falseShareOfMatches)} of matches false)`);
  return lines;
}
