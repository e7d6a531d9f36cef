/**
 * Reading an audit.json (written by `vigie audit`, bin/auditCommand.ts) for the browser's audit
 * view: JSON-parses the text and checks the part of its shape the view shows (the header, the
 * per-rule figures, the DET curves, the behaviour groups and the listed false alarms), without
 * throwing. A bad file gives one message that names the file, the place in it and what was
 * expected: `audit.json: score.byRule: expected an object, got an array`. Pure: no DOM.
 *
 * JSON has no NaN: audit.json writes a figure that does not exist (the recall of a rule with no
 * incident, the ratio of a group when nobody is flagged) as null; the view reads it back as NaN,
 * which the tables print as "–" and the charts leave out, as report.html does.
 */
import type { DetChartCurve } from '../../bin/svgCharts.ts';

/** A figure and its 95 % interval (NaN where audit.json has null). */
export interface AuditViewInterval {
  value: number;
  low: number;
  high: number;
}

/** One rule's figures in the view's table. */
export interface AuditViewRule {
  rule: string;
  incidents: number;
  detections: number;
  misses: number;
  falseAlarms: number;
  falseAlarmsPerHour: AuditViewInterval;
  precision: AuditViewInterval;
  recall: AuditViewInterval;
}

/** One behaviour group: its people, how many a false alarm named, and its flag rate over everybody's (NaN: nobody flagged). */
export interface AuditViewGroup {
  group: string;
  people: number;
  flagged: number;
  ratioToAverage: number;
}

/** A false alarm for the 3D map: its place in the scenario's local metres (x east, y north), when, which rule, why, and the run's seed. */
export interface FalseAlarmPoint {
  x: number;
  y: number;
  timeS: number;
  rule: string;
  cause: string;
  seed: number;
}

/** What the audit view shows of one audit.json; the view owns it (plain data, made by parseAuditForView). */
export interface AuditView {
  /** The name of the file it was read from. */
  fileName: string;
  software: { name: string; version: string };
  scenario: { name: string; file: string };
  rulesFile: string;
  seeds: number[];
  runs: number;
  /** Simulated hours and camera-hours over all runs. */
  hours: number;
  cameraHours: number;
  /** In audit.json's order (sorted by rule id). */
  rules: AuditViewRule[];
  groups: AuditViewGroup[];
  /** Per swept rule, its DET points (NaN where audit.json has null). */
  det: Record<string, DetChartCurve>;
  /** The listed false alarms that have a place, in audit.json's order (seed, rule, time). */
  falseAlarms: FalseAlarmPoint[];
  /** Listed false alarms without a place (not on the map). */
  unplacedFalseAlarms: number;
  /** False alarms in all the runs, and how many audit.json does not list (it lists at most 5,000). */
  falseAlarmsTotal: number;
  falseAlarmsLeftOut: number;
}

/** parseAuditForView's answer: the view, or why the file cannot be shown. */
export type AuditViewParse = { ok: true; view: AuditView } | { ok: false; message: string };

/** A place in the file that does not hold what the view needs (caught in parseAuditForView). */
class ShapeProblem extends Error {
  constructor(readonly path: string, readonly problem: string) {
    super(`${path}: ${problem}`);
    this.name = 'ShapeProblem';
  }
}

/**
 * Reads an audit.json's text for the view. `fileName` is the name shown in messages (the chosen
 * file's name). Never throws: bad input gives `{ ok: false, message }`, with one line
 * `FILE: PATH: what was expected, what was found`.
 */
export function parseAuditForView(text: string, fileName: string): AuditViewParse {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `${fileName}: (root): not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  try {
    return { ok: true, view: readView(data, fileName) };
  } catch (error) {
    if (error instanceof ShapeProblem) return { ok: false, message: `${fileName}: ${error.message}` };
    return { ok: false, message: `${fileName}: (root): could not be read (${error instanceof Error ? error.message : String(error)})` };
  }
}

function readView(data: unknown, fileName: string): AuditView {
  const root = object(data, '(root)', 'an object (the audit.json written by vigie audit)');
  // The score first: a summary.json (vigie run, rehearse) has a software and a scenario too.
  const score = object(root.score, 'score', 'an object with the audit\'s figures (is this the audit.json written by vigie audit?)');
  const software = object(root.software, 'software');
  const scenario = object(root.scenario, 'scenario');
  const seeds = array(root.seeds, 'seeds').map((seed, k) => integer(seed, `seeds[${k}]`));
  if (seeds.length === 0) throw new ShapeProblem('seeds', 'expected at least one seed, got an empty list');
  const listed = object(root.falseAlarms, 'falseAlarms', 'an object listing the false alarms (audit.json from before the list: run vigie audit again)');
  const points: FalseAlarmPoint[] = [];
  let unplaced = 0;
  array(listed.list, 'falseAlarms.list').forEach((item, k) => {
    const at = `falseAlarms.list[${k}]`;
    const alarm = object(item, at);
    const x = figure(alarm.x, `${at}.x`), y = figure(alarm.y, `${at}.y`);
    const point = { x, y, timeS: number(alarm.timeS, `${at}.timeS`), rule: string(alarm.rule, `${at}.rule`), cause: string(alarm.cause, `${at}.cause`), seed: integer(alarm.seed, `${at}.seed`) };
    if (Number.isFinite(x) && Number.isFinite(y)) points.push(point);
    else unplaced++;
  });
  return {
    fileName,
    software: { name: string(software.name, 'software.name'), version: string(software.version, 'software.version') },
    scenario: { name: string(scenario.name, 'scenario.name'), file: string(scenario.file, 'scenario.file') },
    rulesFile: string(root.rulesFile, 'rulesFile'),
    seeds,
    runs: integer(score.runs, 'score.runs'),
    hours: number(score.hours, 'score.hours'),
    cameraHours: number(score.cameraHours, 'score.cameraHours'),
    rules: entries(score.byRule, 'score.byRule').map(([rule, value, at]) => {
      const f = object(value, at);
      return {
        rule,
        incidents: count(f.incidents, `${at}.incidents`),
        detections: count(f.detections, `${at}.detections`),
        misses: count(f.misses, `${at}.misses`),
        falseAlarms: count(f.falseAlarms, `${at}.falseAlarms`),
        falseAlarmsPerHour: interval(f.falseAlarmsPerHour, `${at}.falseAlarmsPerHour`),
        precision: interval(f.precision, `${at}.precision`),
        recall: interval(f.recall, `${at}.recall`),
      };
    }),
    groups: entries(score.byGroup, 'score.byGroup').map(([group, value, at]) => {
      const g = object(value, at);
      return { group, people: count(g.people, `${at}.people`), flagged: count(g.flagged, `${at}.flagged`), ratioToAverage: figure(g.ratioToAverage, `${at}.ratioToAverage`) };
    }),
    det: Object.fromEntries(entries(score.det, 'score.det').map(([rule, value, at]) => {
      const curve = object(value, at);
      const curvePoints = array(curve.points, `${at}.points`).map((item, k) => {
        const p = object(item, `${at}.points[${k}]`);
        return { value: number(p.value, `${at}.points[${k}].value`), probabilityOfMiss: figure(p.probabilityOfMiss, `${at}.points[${k}].probabilityOfMiss`), falseAlarmsPerHour: figure(p.falseAlarmsPerHour, `${at}.points[${k}].falseAlarmsPerHour`) };
      });
      return [rule, { parameter: string(curve.parameter, `${at}.parameter`), points: curvePoints }];
    })),
    falseAlarms: points,
    unplacedFalseAlarms: unplaced,
    falseAlarmsTotal: count(listed.total, 'falseAlarms.total'),
    falseAlarmsLeftOut: count(listed.leftOut, 'falseAlarms.leftOut'),
  };
}

/** How a found value reads in a message. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

function object(value: unknown, path: string, expected = 'an object'): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ShapeProblem(path, `expected ${expected}, got ${describe(value)}`);
  return value as Record<string, unknown>;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new ShapeProblem(path, `expected an array, got ${describe(value)}`);
  return value;
}

/** The members of an object with their paths (`score.byRule.person-on-ground`; odd keys quoted: `score.byRule["a b"]`). */
function entries(value: unknown, path: string): [string, unknown, string][] {
  return Object.entries(object(value, path)).map(([key, member]) => [key, member, /^[A-Za-z_$][\w$-]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`]);
}

function string(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new ShapeProblem(path, `expected a string, got ${describe(value)}`);
  return value;
}

function number(value: unknown, path: string): number {
  if (typeof value !== 'number') throw new ShapeProblem(path, `expected a number, got ${describe(value)}`);
  return value;
}

/** A figure that may not exist: a number, or null (NaN written to JSON) read as NaN. */
function figure(value: unknown, path: string): number {
  if (value === null) return Number.NaN;
  if (typeof value !== 'number') throw new ShapeProblem(path, `expected a number or null, got ${describe(value)}`);
  return value;
}

function integer(value: unknown, path: string): number {
  if (!Number.isInteger(value)) throw new ShapeProblem(path, `expected an integer, got ${describe(value)}`);
  return value as number;
}

function count(value: unknown, path: string): number {
  if (!Number.isInteger(value) || (value as number) < 0) throw new ShapeProblem(path, `expected a count (an integer >= 0), got ${describe(value)}`);
  return value as number;
}

function interval(value: unknown, path: string): AuditViewInterval {
  const i = object(value, path, 'an object {value, low, high}');
  return { value: figure(i.value, `${path}.value`), low: figure(i.low, `${path}.low`), high: figure(i.high, `${path}.high`) };
}
