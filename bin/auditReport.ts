/**
 * `report.html` of `vigie audit`: one self-contained page (inline CSS and SVG, no script, no
 * network) a regulator can read and print: what was audited and how to reproduce it, the figures
 * per rule with their intervals, false alarms per hour by rule, DET curves, flag-rate ratios by
 * behaviour group, the privacy view and the base-rate calculator, and how alarms were scored.
 */
import type { AuditReport } from './auditCommand.ts';
import { barChart, detChart, esc, lineChart, num, pct } from './svgCharts.ts';

const interval = (i: { value: number; low: number; high: number }, format: (x: number) => string) => `${format(i.value)} <small>[${format(i.low)}, ${format(i.high)}]</small>`;

/** The page. */
export function auditReportHtml(report: AuditReport): string {
  const s = report.score;
  const ruleRows = Object.entries(s.byRule).map(([rule, f]) => `<tr><td>${esc(rule)}</td><td>${f.incidents}</td><td>${f.detections}</td><td>${interval(f.recall, pct)}</td><td>${f.falseAlarms}</td><td>${interval(f.falseAlarmsPerHour, (v) => num(v))}</td><td>${num(f.falseAlarmsPerCameraHour.value, 3)}</td><td>${pct(f.precision.value)}</td><td>${num(f.f1)}</td><td>${num(f.detectionCostRate, 3)}</td><td>${esc(Object.entries(f.causes).map(([c, n]) => `${c} ${n}`).join(', '))}</td></tr>`).join('\n');
  const typeRows = Object.entries(s.byIncidentType).map(([type, f]) => `<tr><td>${esc(type)}</td><td>${f.incidents}</td><td>${f.detections}</td><td>${interval(f.recall, pct)}</td><td>${f.falseAlarms}</td><td>${interval(f.falseAlarmsPerHour, (v) => num(v))}</td></tr>`).join('\n');
  const groupRows = Object.entries(s.byGroup).map(([group, g]) => `<tr><td>${esc(group)}</td><td>${g.people}</td><td>${g.flagged}</td><td>${interval(g.flagRate, pct)}</td><td>${num(g.ratioToAverage)}</td></tr>`).join('\n');
  const p = s.privacy, id = s.identification;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Vigie audit: ${esc(report.scenario.name)}</title>
<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222;line-height:1.4}table{border-collapse:collapse;margin:1em 0;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}td:first-child,th:first-child{text-align:left}th{background:#f2f2f2}small{color:#666}h2{border-bottom:1px solid #ddd;margin-top:2em}@media print{h2{page-break-before:auto}}</style></head>
<body>
<h1>Audit of ${esc(report.scenario.name)}</h1>
<p>${s.runs} simulated runs (seeds ${report.seeds[0]} to ${report.seeds[report.seeds.length - 1]}), ${num(s.hours, 2)} simulated hours, ${num(s.cameraHours, 1)} camera-hours; scenario <code>${esc(report.scenario.file)}</code>, rules <code>${esc(report.rulesFile)}</code>; ${esc(report.software.name)} ${esc(report.software.version)}. Reproduce with <code>vigie audit ${esc(report.scenario.file)} --runs ${s.runs} --seed ${report.seeds[0]}</code>: the same seeds give the same figures, with any number of workers. Every person in these runs is synthetic; only aggregates are reported.</p>
<h2>Density over time</h2>
<p>The density the cameras counted (people detected over the walkable ground each sees), per ${num(s.densityOverTime.binS, 0)} s, averaged over the runs: the highest camera and the mean over cameras.</p>
${lineChart([{ label: 'highest camera', values: s.densityOverTime.maxDensityPerM2 }, { label: 'mean over cameras', values: s.densityOverTime.meanDensityPerM2 }], s.densityOverTime.binS, 'people per m²')}
<h2>Detection per rule</h2>
<table><tr><th>rule</th><th>incidents</th><th>detected</th><th>recall [95 %]</th><th>false alarms</th><th>per hour [95 %]</th><th>per camera-hour</th><th>precision</th><th>F1</th><th>DCR</th><th>false alarms by cause</th></tr>
${ruleRows}</table>
<h3>False alarms per hour, by rule</h3>
${barChart(Object.entries(s.byRule).map(([rule, f]) => ({ label: rule, value: f.falseAlarmsPerHour.value, low: f.falseAlarmsPerHour.low, high: f.falseAlarmsPerHour.high })), 'false alarms per hour')}
<h2>Detection per incident type</h2>
<table><tr><th>incident type</th><th>incidents</th><th>detected</th><th>recall [95 %]</th><th>false alarms</th><th>per hour [95 %]</th></tr>
${typeRows}</table>
<h2>Detection-error trade-off</h2>
<p>Each rule re-run live at other settings of its main threshold (the same events): one point per setting.</p>
${detChart(s.det)}
<h2>Who gets flagged</h2>
<p>Share of each behaviour group's people named by at least one false alarm, and its ratio to everybody's (above the dashed line: over-flagged).</p>
<table><tr><th>group</th><th>people</th><th>flagged</th><th>flag rate [95 %]</th><th>ratio to average</th></tr>
${groupRows}</table>
${barChart(Object.entries(s.byGroup).map(([group, g]) => ({ label: group, value: g.ratioToAverage })), 'flag rate / average flag rate', 1)}
<h2>Privacy</h2>
<p>Of ${p.trips} simulated trips, ${interval(p.seen, pct)} were seen by at least one camera and ${interval(p.linkable, pct)} could be followed end to end across cameras (reports from within 30 s of the start to within 30 s of the end, never 30 s apart). Mean time under observation: ${num(p.meanObservedS, 0)} s per trip, ${pct(p.observedShareOfTime)} of the trips' time (mean trip ${num(p.meanTripS, 0)} s).</p>
${id === null ? '' : `<h2>Identification: the base rate</h2><p>A face-identification system comparing the ${num(id.footfallPerDay, 0)} people a day who pass these cameras with a watch list of ${id.watchListSize} at a false-match rate of ${id.falseMatchRate} per comparison would raise about <b>${num(id.falseMatchesPerDay, 1)} false matches a day</b> for ${num(id.trueMatchesPerDay, 2)} true ones (true-match rate ${id.trueMatchRate}, ${num(id.watchListedPerDay ?? 1, 1)} watch-listed people a day): ${pct(id.falseShareOfMatches)} of its matches would be false. No biometric data was processed: only the simulated footfall.</p>`}
<h2>Method</h2>
<ul>
<li>An alarm of a rule matches an incident of a type the rule is meant for when it comes between the incident's start and ${num(s.matchWindowS, 0)} s after its end, within ${num(s.matchRadiusM, 0)} m; one alarm per incident (NIST TRECVID surveillance event detection, i-LIDS alarm windows). A further alarm on an incident already detected is a duplicate; any other alarm is a false alarm.</li>
<li>Intervals: Wilson score intervals for proportions, exact Poisson intervals for rates, 95 %. DCR = P_miss + 0.005 × false alarms per hour (TRECVID SED).</li>
<li>A false alarm is put down to the ground truth behind its triggering observations: sensor noise (no one), a behaviour group (the group with most people named), vehicles or another incident.</li>
<li>What the simulation cannot produce as pixels is modelled as a classifier's errors: postures through a confusion matrix (a sitting person called lying one track in ten); weapons are not modelled yet.</li>
</ul>
</body></html>
`;
}
