/**
 * The audit's plots as SVG text: horizontal bars with intervals, DET curves, lines over time.
 * Plain string functions (no DOM, no Node API), shared by `vigie audit`'s report.html
 * (auditReport.ts) and the browser's audit view (viz/audit/auditView.ts). Every label is escaped,
 * so text from a user's file can go in; numbers that are not finite (NaN: no such figure; JSON's
 * null read back) print as "–" and draw nothing.
 */

/** Escapes text for HTML and SVG content and double-quoted attributes. */
export const esc = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** A proportion as a percentage with one decimal ("12.5 %"), "–" when not finite. */
export const pct = (x: number): string => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : '–');
/** A number with `digits` decimals, "–" when not finite. */
export const num = (x: number, digits = 2): string => (Number.isFinite(x) ? x.toFixed(digits) : '–');
/** The series colours, in order (matplotlib's tab10). */
export const COLOURS: readonly string[] = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f'];

/** One bar: its label, its value and, optionally, its interval (drawn as a whisker). */
export interface BarChartRow {
  label: string;
  value: number;
  low?: number;
  high?: number;
}

/** Horizontal bars with interval whiskers; `reference` draws a dashed line (e.g. ratio 1). */
export function barChart(rows: readonly BarChartRow[], unit: string, reference?: number): string {
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

/** A rule's DET curve as detChart reads it (engine/audit/scoreAudit.ts's DetCurve fits). */
export interface DetChartCurve {
  /** The swept threshold's name. */
  parameter: string;
  /** One point per setting: the threshold's value, the probability of miss (NaN: no incident) and false alarms per hour. */
  points: readonly { value: number; probabilityOfMiss: number; falseAlarmsPerHour: number }[];
}

/** DET curves: probability of miss against false alarms per hour, one line per rule. */
export function detChart(det: Readonly<Record<string, DetChartCurve>>): string {
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

/** Lines over time (one value per bin of `binS` seconds), NaN values left out. */
export function lineChart(series: readonly { label: string; values: readonly number[] }[], binS: number, yLabel: string): string {
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
