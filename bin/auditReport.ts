/**
 * `report.html` of `vigie audit`: one self-contained page (inline CSS and SVG, no script, no
 * network) a regulator can read and print: what was audited and how to reproduce it, the figures
 * per rule with their intervals, false alarms per hour by rule, DET curves, flag-rate ratios by
 * behaviour group, the privacy view and the base-rate calculator, and how alarms were scored.
 */
import type { AuditReport } from './auditCommand.ts';

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : '–');
const num = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '–');
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f'];

/** Horizontal bars with interval whiskers; `reference` draws a dashed line (e.g. ratio 1). */
function barChart(rows: { label: string; value: number; low?: number; high?: number }[], unit: string, reference?: number): string {
  const finite = rows.filter((row) => Number.isFinite(row.value));
  const max = Math.max(1e-9, reference ?? 0, ...finite.map((row) => (Number.isFinite(row.high ?? Number.NaN) ? row.high! : row.value)));
  const left = 190, width = 420, rowH = 22, height = rows.length * rowH + 30;
  const x = (v: number) => left + (Math.min(v, max) / max) * width;
  const parts = rows.map((row, k) => {
    const y = 10 + k * rowH;
    const bar = Number.isFinite(row.value) ? `<rect x="${left}" y="${y + 4}" width="${(x(row.value) - left).toFixed(1)}" height="${rowH - 8}" fill="${COLOURS[k % COLOURS.length]}"/>` : '';
    const whisker = row.low !== undefined && row.high !== undefined && Number.isFinite(row.high) ? `<line x1="${x(row.low).toFixed(1)}" x2="${x(row.high).toFixed(1)}" y1="${y + rowH / 2}" y2="${y + rowH / 2}" stroke="#000"/>` : '';
    return `<text x="${left - 6}" y="${y + rowH / 2 + 4}" text-anchor="end">${esc(row.label)}</text>${bar}${whisker}<text x="${x(Number.isFinite(row.value) ? row.value : 0) + 4}" y="${y + rowH / 2 + 4}" font-size="11">${num(row.value)}</text>`;
  });
  const ref = reference === undefined ? '' : `<line x1="${x(reference).toFixed(1)}" x2="${x(reference).toFixed(1)}" y1="6" y2="${height - 20}" stroke="#444" stroke-dasharray="4 3"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${left + width + 60}" height="${height}" font-family="sans-serif" font-size="12">${parts.join('')}${ref}<line x1="${left}" x2="${left + width}" y1="${height - 18}" y2="${height - 18}" stroke="#888"/><text x="${left + width}" y="${height - 4}" text-anchor="end" font-size="11">${esc(unit)} (0 to ${num(max)})</text></svg>`;
}

/** DET curves: probability of miss against false alarms per hour, one line per rule. */
function detChart(det: AuditReport['score']['det']): string {
  // Rules meant for no incident have no probability of miss: their false alarms are in the table.
  const curves = Object.entries(det).filter(([, curve]) => curve.points.some((p) => Number.isFinite(p.probabilityOfMiss)));
  if (curves.length === 0) return '<p>No rule meant for an incident type has a threshold to sweep.</p>';
  // False alarms per hour on a log scale (the NIST DET plots use normal-deviate scales; a log
  // scale keeps a rule at 2,000 an hour from flattening one at 2); none at all sits on the left edge.
  const positive = curves.flatMap(([, c]) => c.points.map((p) => p.falseAlarmsPerHour)).filter((fa) => fa > 0);
  const lo = Math.log10(positive.length > 0 ? Math.min(...positive) / 2 : 0.1);
  const hi = Math.max(lo + 1, Math.log10(positive.length > 0 ? Math.max(...positive) : 1));
  const left = 60, top = 10, w = 460, h = 260;
  const x = (fa: number) => left + ((Math.log10(Math.max(fa, 10 ** lo)) - lo) / (hi - lo)) * w;
  const maxFa = 10 ** hi;
  const y = (pm: number) => top + (1 - (Number.isFinite(pm) ? pm : 1)) * h;
  const lines = curves.map(([rule, curve], k) => {
    const colour = COLOURS[k % COLOURS.length];
    const pts = curve.points.map((p) => `${x(p.falseAlarmsPerHour).toFixed(1)},${y(p.probabilityOfMiss).toFixed(1)}`);
    const dots = curve.points.map((p) => `<circle cx="${x(p.falseAlarmsPerHour).toFixed(1)}" cy="${y(p.probabilityOfMiss).toFixed(1)}" r="3" fill="${colour}"><title>${esc(`${rule} ${curve.parameter} = ${p.value}: P_miss ${num(p.probabilityOfMiss)}, ${num(p.falseAlarmsPerHour)} false alarms/h`)}</title></circle>`).join('');
    return `<polyline points="${pts.join(' ')}" fill="none" stroke="${colour}" stroke-width="1.5"/>${dots}<text x="${left + w + 10}" y="${top + 14 + k * 16}" fill="${colour}">${esc(`${rule} (${curve.parameter})`)}</text>`;
  });
  const axes = `<line x1="${left}" y1="${top + h}" x2="${left + w}" y2="${top + h}" stroke="#888"/><line x1="${left}" y1="${top}" x2="${left}" y2="${top + h}" stroke="#888"/>`
    + `<text x="${left + w / 2}" y="${top + h + 32}" text-anchor="middle">false alarms per hour, log scale (none: left edge; ${num(10 ** lo, 2)} to ${num(maxFa, 0)})</text>`
    + `<text x="${left - 8}" y="${top + 4}" text-anchor="end">1</text><text x="${left - 8}" y="${top + h}" text-anchor="end">0</text>`
    + `<text transform="translate(16 ${top + h / 2}) rotate(-90)" text-anchor="middle">probability of miss</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${left + w + 260}" height="${top + h + 44}" font-family="sans-serif" font-size="12">${axes}${lines.join('')}</svg>`;
}

/** Lines over time (one value per bin of `binS`), NaN values left out. */
function lineChart(series: { label: string; values: number[] }[], binS: number, yLabel: string): string {
  const all = series.flatMap((s) => s.values.filter((v) => Number.isFinite(v)));
  if (all.length === 0) return '<p>No camera counted people in these runs.</p>';
  const maxY = Math.max(1e-9, ...all);
  const bins = Math.max(...series.map((s) => s.values.length));
  const left = 60, top = 10, w = 600, h = 200;
  const x = (k: number) => left + ((k + 1) / Math.max(1, bins)) * w;
  const y = (v: number) => top + (1 - v / maxY) * h;
  const lines = series.map((s, k) => {
    const colour = COLOURS[k % COLOURS.length];
    const pts = s.values.flatMap((v, i) => (Number.isFinite(v) ? [`${x(i).toFixed(1)},${y(v).toFixed(1)}`] : []));
    return `<polyline points="${pts.join(' ')}" fill="none" stroke="${colour}" stroke-width="1.5"/><text x="${left + w + 10}" y="${top + 14 + k * 16}" fill="${colour}">${esc(s.label)}</text>`;
  });
  const axes = `<line x1="${left}" y1="${top + h}" x2="${left + w}" y2="${top + h}" stroke="#888"/><line x1="${left}" y1="${top}" x2="${left}" y2="${top + h}" stroke="#888"/>`
    + `<text x="${left - 6}" y="${top + 4}" text-anchor="end">${num(maxY)}</text><text x="${left - 6}" y="${top + h}" text-anchor="end">0</text>`
    + `<text x="${left + w / 2}" y="${top + h + 30}" text-anchor="middle">time, s (0 to ${num(bins * binS, 0)})</text>`
    + `<text transform="translate(14 ${top + h / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${left + w + 230}" height="${top + h + 40}" font-family="sans-serif" font-size="12">${axes}${lines.join('')}</svg>`;
}

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
