/**
 * The browser's audit view (issue 8): an audit.json from `vigie audit` shown beside the map, with
 * its header (scenario, runs, seeds, software), a compact per-rule table, the DET curves, false
 * alarms per hour by rule and flag-rate ratios by behaviour group (the SVG of report.html, from
 * bin/svgCharts.ts), and its false alarms handed to the page to draw on the 3D map.
 *
 * Everything shown comes from the user's file: text is escaped (svgCharts' `esc`, which the chart
 * builders apply to their labels too) and every number was checked to be one by
 * parseAuditForView. The markup uses the classes of AUDIT_VIEW_CSS (dark theme), which
 * renderAuditView adds to the page once, first in <head> so that the page's own rules win.
 */
import { barChart, detChart, esc, num, pct } from '../../bin/svgCharts.ts';
import { parseAuditForView, type AuditView, type FalseAlarmPoint } from './parseAuditForView.ts';

export { parseAuditForView };
export type { AuditView, AuditViewGroup, AuditViewInterval, AuditViewParse, AuditViewRule, FalseAlarmPoint } from './parseAuditForView.ts';

/**
 * The view's styles. Classes: `audit-view` (the whole view), `audit-title` (its heading),
 * `audit-meta` (what was audited and how), `audit-table` (a box around the per-rule table that
 * scrolls sideways in a narrow panel), `audit-rules` (the table), `audit-note` (how
 * many false alarms are on the map), `audit-chart` (a box around one chart: light, since the
 * charts are drawn dark on white as in report.html; its SVG scales to the box's width). The
 * charts are drawn 670 to 780 px wide: they read well in a panel of about 500 px, small in one of 320.
 */
export const AUDIT_VIEW_CSS = `
.audit-view { font-size: 12px; color: #d8dee6; padding: 0 10px 10px; }
.audit-view .audit-title { font-size: 14px; font-weight: 600; margin: 8px 0 4px; color: #d8dee6; }
.audit-view h3 { font-size: 12px; font-weight: 600; margin: 10px 0 4px; color: #8a96a3; }
.audit-view .audit-meta, .audit-view .audit-note { color: #8a96a3; margin: 4px 0; }
.audit-view code { color: #d8dee6; word-break: break-all; }
.audit-view .audit-table { overflow-x: auto; }
.audit-view .audit-rules { border-collapse: collapse; width: 100%; font-size: 11px; }
.audit-view .audit-rules th, .audit-view .audit-rules td { border-bottom: 1px solid #3a4653; padding: 2px 4px; text-align: right; white-space: nowrap; }
.audit-view .audit-rules th:first-child, .audit-view .audit-rules td:first-child { text-align: left; }
.audit-view .audit-rules th { color: #8a96a3; font-weight: 600; }
.audit-view small { color: #8a96a3; }
.audit-view .audit-chart { background: #f4f6f8; color: #222; border-radius: 4px; padding: 4px; margin: 4px 0; }
.audit-view .audit-chart svg { display: block; width: 100%; height: auto; }
`;

/** The id of the <style> element renderAuditView adds once. */
export const AUDIT_VIEW_STYLE_ID = 'vigie-audit-view-style';

/**
 * A chart builder's SVG made to scale with its box: its width and height become a viewBox (the
 * builders write fixed pixel sizes, right for report.html, too wide for a side panel). Other
 * markup (a builder's "nothing to plot" paragraph) is returned as it is.
 */
export function scalableSvg(markup: string): string {
  return markup.replace(/^<svg ([^>]*?)width="([\d.]+)" height="([\d.]+)"/, '<svg $1viewBox="0 0 $2 $3" preserveAspectRatio="xMinYMin meet"');
}

/** The view's markup (escaped: safe to set as innerHTML). */
export function auditViewHtml(view: AuditView): string {
  const seeds = view.seeds.length === 1 ? `seed ${view.seeds[0]}` : `seeds ${view.seeds[0]} to ${view.seeds[view.seeds.length - 1]}`;
  const rows = view.rules.map((r) => `<tr><td>${esc(r.rule)}</td><td>${r.detections}/${r.incidents}</td><td>${r.misses}</td><td>${num(r.falseAlarmsPerHour.value)}<br><small>[${num(r.falseAlarmsPerHour.low)}, ${num(r.falseAlarmsPerHour.high)}]</small></td><td>${pct(r.precision.value)}</td><td>${pct(r.recall.value)}</td></tr>`).join('');
  const notes = [`${view.falseAlarms.length} false alarm${view.falseAlarms.length === 1 ? '' : 's'} on the map`];
  if (view.falseAlarmsLeftOut > 0) notes.push(`${view.falseAlarmsLeftOut} of ${view.falseAlarmsTotal} not listed in the file (it lists at most a sample)`);
  if (view.unplacedFalseAlarms > 0) notes.push(`${view.unplacedFalseAlarms} without a place`);
  const chart = (svg: string) => `<div class="audit-chart">${scalableSvg(svg)}</div>`;
  return `<section class="audit-view">`
    + `<h2 class="audit-title">Audit of ${esc(view.scenario.name)}</h2>`
    + `<p class="audit-meta">${view.runs} run${view.runs === 1 ? '' : 's'} (${seeds}), ${num(view.hours, 2)} simulated hours, ${num(view.cameraHours, 1)} camera-hours; scenario <code>${esc(view.scenario.file)}</code>, rules <code>${esc(view.rulesFile)}</code>; ${esc(view.software.name)} ${esc(view.software.version)}; file <code>${esc(view.fileName)}</code></p>`
    + `<div class="audit-table"><table class="audit-rules"><thead><tr><th>rule</th><th title="incidents detected / incidents">found</th><th title="incidents missed">missed</th><th title="false alarms per hour, with the 95 % interval">false alarms / h</th><th title="share of the rule's alarms that found an incident">precision</th><th title="share of the incidents found">recall</th></tr></thead><tbody>${rows}</tbody></table></div>`
    + `<p class="audit-note">${esc(notes.join('; '))}.</p>`
    + `<h3>Detection-error trade-off</h3>${chart(detChart(view.det))}`
    + `<h3>False alarms per hour, by rule</h3>${chart(barChart(view.rules.map((r) => ({ label: r.rule, ...r.falseAlarmsPerHour })), 'false alarms per hour'))}`
    + `<h3>Who gets flagged: flag rate over the average, by behaviour group</h3>${chart(barChart(view.groups.map((g) => ({ label: g.group, value: g.ratioToAverage })), 'flag rate / average flag rate', 1))}`
    + `</section>`;
}

/**
 * Fills `container` with the view of `view` (replacing what it held) and returns the false alarms
 * that have a place, for the page to draw on the map (the array is the view's: copy it to change it).
 */
export function renderAuditView(container: HTMLElement, view: AuditView): FalseAlarmPoint[] {
  const page = container.ownerDocument;
  if (page.getElementById(AUDIT_VIEW_STYLE_ID) === null) {
    const style = page.createElement('style');
    style.id = AUDIT_VIEW_STYLE_ID;
    style.textContent = AUDIT_VIEW_CSS;
    page.head.prepend(style);
  }
  container.innerHTML = auditViewHtml(view);
  return view.falseAlarms;
}

/** What mountAuditPanel needs from the page. */
export interface AuditPanelOptions {
  /** A file input (`<input type="file" accept=".json">`) where the user picks an audit.json. */
  input: HTMLInputElement;
  /** Where the view goes. */
  container: HTMLElement;
  /** Called with the false alarms of each file shown. */
  onFalseAlarms(points: FalseAlarmPoint[]): void;
  /** Called with a one-line message when a file cannot be read or is not an audit.json (the view shown before stays). */
  onError(message: string): void;
}

/**
 * Shows each audit.json picked in `input`: reads it, checks it, renders it into `container` and
 * hands its false alarms to `onFalseAlarms`, or says what is wrong through `onError`. A file
 * picked while another is still being read wins; the input is cleared after each pick, so the
 * same file (an audit run again) can be picked again. Returns a function that stops listening.
 */
export function mountAuditPanel(options: AuditPanelOptions): () => void {
  const { input, container, onFalseAlarms, onError } = options;
  let latest = 0;
  const load = async () => {
    const file = input.files?.[0];
    if (file === undefined) return;
    const ticket = ++latest;
    input.value = '';
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      if (ticket === latest) onError(`${file.name}: could not be read (${error instanceof Error ? error.message : String(error)})`);
      return;
    }
    if (ticket !== latest) return;
    const parsed = parseAuditForView(text, file.name);
    if (!parsed.ok) {
      onError(parsed.message);
      return;
    }
    onFalseAlarms(renderAuditView(container, parsed.view));
  };
  const onChange = () => void load();
  input.addEventListener('change', onChange);
  return () => input.removeEventListener('change', onChange);
}
