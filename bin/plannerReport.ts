/**
 * `report.html` of a planner's rehearsal (`vigie run`, `vigie compare`): one self-contained page
 * (inline CSS and SVG, maps as inline PNG data, no script, no network) an event planner can read
 * and print: the headline figures against their danger thresholds, the variants side by side,
 * the maximum-density and level-of-service maps, the egress curve, zones, flows, queues, travel
 * times and the ranked bottlenecks. Reads the plain data of engine/measurement/PlannerSummary.ts.
 * Times are shown as clock times from the scenario's start (mm:ss or h:mm:ss) for moments and
 * in seconds for durations; densities in persons per m² (P/m²); lengths in metres.
 */
import type { PlannerComparison, PlannerMaps, PlannerSummary, ServiceLevel, Spread } from '../engine/measurement/PlannerSummary.ts';
import { encodePng } from './png.ts';
import { splitRoute } from './plannerExports.ts';

/** What the report shows; the caller owns the data (the summary of one run and its maps). */
export interface PlannerReportInput {
  scenarioName: string;
  scenarioFile: string;
  /** Vigie's version. */
  version: string;
  seeds: number[];
  /** Crowd scale applied to the scenario (1 = as written). */
  scale: number;
  /** Simulated time and wall-clock time of the run, s. */
  simulatedS: number;
  wallS: number;
  people: number;
  /** The run shown in detail (the first seed of the baseline). */
  summary: PlannerSummary;
  maps: PlannerMaps;
  /** Zone outlines in the scenario's metric frame (m), drawn over the maps. */
  zonePolygons: Record<string, [number, number][]>;
  /** Measurement lines (flows) in metres. */
  lines: Record<string, { from: [number, number]; to: [number, number] }>;
  /** Only for `vigie compare`. */
  comparison?: PlannerComparison;
}

// ---------------------------------------------------------------------------------------------
// Text and numbers

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const fixed = (x: number | null | undefined, digits: number) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits));
const pad2 = (n: number) => String(n).padStart(2, '0');

/** A moment from the scenario's start: mm:ss, or h:mm:ss from an hour on. */
export function clock(timeS: number): string {
  const total = Math.round(Math.max(0, timeS));
  const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
  return h > 0 ? `${h}:${pad2(m)}:${pad2(s)}` : `${pad2(m)}:${pad2(s)}`;
}

/** A duration: whole seconds, with minutes and seconds beside it from a minute on; `null`: not reached. */
export function duration(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return 'not reached';
  const rounded = Math.round(s);
  return rounded >= 60 ? `${rounded} s (${Math.floor(rounded / 60)}:${pad2(rounded % 60)})` : `${rounded} s`;
}

const density = (x: number) => `${fixed(x, 2)} P/m²`;
const where = (at: [number, number]) => `(${fixed(at[0], 0)}, ${fixed(at[1], 0)}) m`;
/** Digits for a group of values: fewer for large ones. */
const digitsFor = (magnitude: number) => (magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2);

// ---------------------------------------------------------------------------------------------
// Colours

type Rgb = [number, number, number];
const hex = ([r, g, b]: Rgb) => `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
/** Density ramp, P/m²: green while free, yellow from 2, red at 4 (moving critical), dark from 5. */
const DENSITY_STOPS: [number, Rgb][] = [
  [0, [214, 238, 206]], [1, [120, 190, 120]], [2, [250, 222, 120]], [3, [246, 160, 80]],
  [4, [215, 48, 39]], [5, [120, 0, 70]], [6, [40, 0, 30]],
];
const DENSITY_LEGEND_MAX = 6;
const FRUIN_RGB: Rgb[] = [[26, 152, 80], [145, 207, 96], [217, 239, 139], [254, 224, 139], [252, 141, 89], [215, 48, 39]];
const LEVELS: ServiceLevel[] = ['A', 'B', 'C', 'D', 'E', 'F'];
const LEVEL_WORDS = ['free', 'minor conflicts', 'restricted', 'crowded', 'at capacity', 'breakdown'];
const WALKABLE_RGB: Rgb = [228, 228, 228];
const PALETTE = ['#1f5fa8', '#c0392b', '#2e8b57', '#d35400', '#7d3c98', '#8a6d3b', '#c2185b', '#00838f', '#827717', '#546e7a'];
const colourOf = (k: number) => PALETTE[k % PALETTE.length];

function densityRgb(d: number): Rgb {
  for (let i = 1; i < DENSITY_STOPS.length; i++) {
    const [d1, c1] = DENSITY_STOPS[i];
    if (d <= d1) {
      const [d0, c0] = DENSITY_STOPS[i - 1];
      const t = (d - d0) / (d1 - d0);
      return [0, 1, 2].map((j) => Math.round(c0[j] + t * (c1[j] - c0[j]))) as Rgb;
    }
  }
  return DENSITY_STOPS[DENSITY_STOPS.length - 1][1];
}

/** A lattice as a PNG data URL, one pixel per node, north up (the lattice's row 0 is south). */
function latticePng(maps: PlannerMaps, colourAt: (k: number) => Rgb | null): string {
  const rgba = new Uint8Array(maps.columns * maps.rows * 4);
  for (let row = 0; row < maps.rows; row++) {
    const line = maps.rows - 1 - row;
    for (let col = 0; col < maps.columns; col++) {
      const k = row * maps.columns + col;
      const rgb = colourAt(k) ?? (maps.walkable[k] ? WALKABLE_RGB : null);
      if (rgb === null) continue; // transparent: not walkable
      const at = (line * maps.columns + col) * 4;
      rgba[at] = rgb[0];
      rgba[at + 1] = rgb[1];
      rgba[at + 2] = rgb[2];
      rgba[at + 3] = 255;
    }
  }
  return `data:image/png;base64,${encodePng(maps.columns, maps.rows, rgba).toString('base64')}`;
}

// ---------------------------------------------------------------------------------------------
// Plots

const svgOpen = (plot: string, width: number, height: number, label: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(label)}" data-plot="${plot}" font-family="sans-serif" font-size="12">`;
const n1 = (x: number) => x.toFixed(1);

/** A round step (1, 2 or 5 times a power of ten) giving about `count` steps over `range`. */
function niceStep(range: number, count: number): number {
  const raw = Math.max(range, 1e-9) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((f) => f * power).find((step) => step >= raw) ?? 10 * power;
}

/** Decimals that show a tick step (0.5: 1, 0.05: 2, 2: 0). */
const stepDigits = (step: number) => Math.max(0, -Math.floor(Math.log10(step) + 1e-9));

/** A round time step (s) giving at most `count` steps over `spanS`. */
function timeStep(spanS: number, count: number): number {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600, 43200, 86400];
  return steps.find((step) => spanS / step <= count) ?? niceStep(spanS, count);
}

interface TimeSeries { label: string; colour: string; values: (number | null)[]; stepS: number; stairs?: boolean }
interface TimeChart {
  plot: string; title: string; yLabel: string; series: TimeSeries[];
  /** Horizontal reference lines (thresholds) and vertical markers (moments). */
  hLines?: { y: number; label: string; colour: string }[];
  vLines?: { x: number; label: string; colour: string }[];
}

/** Lines over time with axes, ticks, a legend on the right, reference lines and markers. */
function timeChart(chart: TimeChart): string {
  const left = 62, top = 14, plotW = 640, plotH = 220, legendW = 200;
  const values = chart.series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  const endS = Math.max(1, ...chart.series.map((s) => (s.stairs ? s.values.length : s.values.length - 1) * s.stepS), ...(chart.vLines ?? []).map((v) => v.x));
  const peak = Math.max(0, ...values, ...(chart.hLines ?? []).map((h) => h.y * 1.1));
  const yStep = niceStep(peak > 0 ? peak : 1, 5);
  const yMax = yStep * Math.max(1, Math.ceil((peak > 0 ? peak : 1) / yStep));
  const x = (t: number) => left + (Math.min(t, endS) / endS) * plotW;
  const y = (v: number) => top + (1 - v / yMax) * plotH;
  const height = Math.max(top + plotH + 46, top + 18 * chart.series.length + 10);
  const parts: string[] = [svgOpen(chart.plot, left + plotW + legendW, height, chart.title), `<title>${esc(chart.title)}</title>`];
  for (let i = 0; i * yStep <= yMax + 1e-9; i++) {
    const v = i * yStep;
    parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${n1(y(v))}" y2="${n1(y(v))}" stroke="#e4e4e4"/><text x="${left - 6}" y="${n1(y(v) + 4)}" text-anchor="end">${fixed(v, stepDigits(yStep))}</text>`);
  }
  const tStep = timeStep(endS, 8);
  for (let i = 0; i * tStep <= endS + 1e-9; i++) {
    const t = i * tStep;
    parts.push(`<line x1="${n1(x(t))}" x2="${n1(x(t))}" y1="${top + plotH}" y2="${top + plotH + 5}" stroke="#888"/><text x="${n1(x(t))}" y="${top + plotH + 18}" text-anchor="middle">${clock(t)}</text>`);
  }
  parts.push(`<line x1="${left}" y1="${top + plotH}" x2="${left + plotW}" y2="${top + plotH}" stroke="#888"/><line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="#888"/>`);
  parts.push(`<text x="${left + plotW / 2}" y="${top + plotH + 38}" text-anchor="middle">time from the start (${endS >= 3600 ? 'h:mm:ss' : 'mm:ss'})</text><text transform="translate(14 ${top + plotH / 2}) rotate(-90)" text-anchor="middle">${esc(chart.yLabel)}</text>`);
  for (const h of chart.hLines ?? []) {
    parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${n1(y(h.y))}" y2="${n1(y(h.y))}" stroke="${h.colour}" stroke-dasharray="6 4"/><text x="${left + plotW - 4}" y="${n1(y(h.y) - 4)}" text-anchor="end" fill="${h.colour}" font-size="11">${esc(h.label)}</text>`);
  }
  chart.series.forEach((s, k) => {
    const points: string[] = [];
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) return;
      points.push(`${n1(x(i * s.stepS))},${n1(y(v))}`);
      if (s.stairs) points.push(`${n1(x((i + 1) * s.stepS))},${n1(y(v))}`);
    });
    parts.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${s.colour}" stroke-width="1.8"/>`);
    parts.push(`<rect x="${left + plotW + 14}" y="${top + 18 * k + 2}" width="14" height="4" fill="${s.colour}"/><text x="${left + plotW + 34}" y="${top + 18 * k + 8}">${esc(s.label)}</text>`);
  });
  (chart.vLines ?? []).forEach((v, k) => {
    parts.push(`<line x1="${n1(x(v.x))}" x2="${n1(x(v.x))}" y1="${top}" y2="${top + plotH}" stroke="${v.colour}" stroke-dasharray="3 3" stroke-width="1.5"/><text x="${n1(x(v.x) + 4)}" y="${top + 12 + 14 * k}" fill="${v.colour}" font-size="11">${esc(v.label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/** Where the maps are drawn: metres to pixels, north up. */
interface MapFrame { maps: PlannerMaps; pxPerM: number; left: number; top: number; xMinM: number; yMaxM: number; widthPx: number; heightPx: number }

function mapFrame(maps: PlannerMaps, maxWidthPx: number, maxHeightPx: number, left: number, top: number): MapFrame {
  const widthM = maps.columns * maps.cellM, heightM = maps.rows * maps.cellM;
  const pxPerM = Math.min(maxWidthPx / widthM, maxHeightPx / heightM);
  return {
    maps, pxPerM, left, top,
    xMinM: maps.originXM - maps.cellM / 2, yMaxM: maps.originYM + (maps.rows - 0.5) * maps.cellM,
    widthPx: widthM * pxPerM, heightPx: heightM * pxPerM,
  };
}
const px = (f: MapFrame, [xM, yM]: [number, number]): [number, number] => [f.left + (xM - f.xMinM) * f.pxPerM, f.top + (f.yMaxM - yM) * f.pxPerM];

/** The lattice image with zone outlines and measurement lines over it (labels when `labels`). */
function mapBody(f: MapFrame, png: string, input: PlannerReportInput, labels: boolean): string {
  const parts = [`<rect x="${n1(f.left)}" y="${n1(f.top)}" width="${n1(f.widthPx)}" height="${n1(f.heightPx)}" fill="#fff" stroke="#bbb"/>`,
    `<image href="${png}" x="${n1(f.left)}" y="${n1(f.top)}" width="${n1(f.widthPx)}" height="${n1(f.heightPx)}" preserveAspectRatio="none" style="image-rendering:pixelated"/>`];
  const halo = 'paint-order="stroke" stroke="#fff" stroke-width="3" stroke-linejoin="round"';
  for (const [id, ring] of Object.entries(input.zonePolygons)) {
    if (ring.length < 3) continue;
    const points = ring.map((p) => px(f, p).map(n1).join(',')).join(' ');
    parts.push(`<polygon points="${points}" fill="none" stroke="#1b3a6b" stroke-width="${labels ? 1.6 : 1}"><title>${esc(`zone ${id}`)}</title></polygon>`);
    if (labels) {
      const [cx, cy] = px(f, labelPoint(ring));
      parts.push(`<text x="${n1(cx)}" y="${n1(cy)}" text-anchor="middle" fill="#1b3a6b" font-size="11" ${halo}>${esc(id)}</text>`);
    }
  }
  for (const [id, line] of Object.entries(input.lines)) {
    const [x1, y1] = px(f, line.from), [x2, y2] = px(f, line.to);
    parts.push(`<line x1="${n1(x1)}" y1="${n1(y1)}" x2="${n1(x2)}" y2="${n1(y2)}" stroke="#000" stroke-width="${labels ? 3 : 2}" stroke-linecap="round"><title>${esc(`line ${id}`)}</title></line>`);
    if (labels) parts.push(`<text x="${n1((x1 + x2) / 2 + 5)}" y="${n1((y1 + y2) / 2 - 5)}" font-size="11" font-weight="bold" ${halo}>${esc(id)}</text>`);
  }
  return parts.join('');
}

/**
 * Where to write a zone's name: its centroid when inside, otherwise the middle of the widest
 * stretch of the polygon along the horizontal through the centroid (an L-shape's centroid can
 * fall outside it).
 */
function labelPoint(ring: [number, number][]): [number, number] {
  let twiceArea = 0, cx = 0, cy = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i], [x2, y2] = ring[(i + 1) % ring.length];
    const cross = x1 * y2 - x2 * y1;
    twiceArea += cross;
    cx += (x1 + x2) * cross;
    cy += (y1 + y2) * cross;
  }
  if (Math.abs(twiceArea) < 1e-12) return ring[0];
  cx /= 3 * twiceArea;
  cy /= 3 * twiceArea;
  const crossings: number[] = [];
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i], [x2, y2] = ring[(i + 1) % ring.length];
    if ((y1 <= cy) !== (y2 <= cy)) crossings.push(x1 + ((cy - y1) / (y2 - y1)) * (x2 - x1));
  }
  crossings.sort((a, b) => a - b);
  let best: [number, number] = [cx, cy], widest = -1;
  for (let i = 0; i + 1 < crossings.length; i += 2) {
    if (cx >= crossings[i] && cx <= crossings[i + 1]) return [cx, cy];
    if (crossings[i + 1] - crossings[i] > widest) {
      widest = crossings[i + 1] - crossings[i];
      best = [(crossings[i] + crossings[i + 1]) / 2, cy];
    }
  }
  return best;
}

/** A scale bar of a round length and a north arrow, from (x, y). */
function scaleBar(f: MapFrame, x: number, y: number): string {
  const targetM = (f.widthPx / 5) / f.pxPerM;
  const lengthM = [1, 2, 5].flatMap((m) => [1, 10, 100, 1000, 10000].map((p) => m * p)).sort((a, b) => a - b).filter((m) => m <= targetM).pop() ?? 1;
  const w = lengthM * f.pxPerM, half = w / 2;
  return `<rect x="${n1(x)}" y="${y}" width="${n1(half)}" height="6" fill="#333"/><rect x="${n1(x + half)}" y="${y}" width="${n1(half)}" height="6" fill="#fff" stroke="#333"/>`
    + `<text x="${n1(x)}" y="${y + 20}" font-size="11">0</text><text x="${n1(x + w)}" y="${y + 20}" text-anchor="middle" font-size="11">${lengthM} m</text>`
    + `<path d="M ${n1(x + w + 40)} ${y + 14} l 6 -16 l 6 16 l -6 -5 z" fill="#333"/><text x="${n1(x + w + 46)}" y="${y + 28}" text-anchor="middle" font-size="11" font-weight="bold">N</text>`;
}

function densityLegend(x: number, y: number): string {
  const w = 300, parts: string[] = [];
  for (let i = 0; i < 60; i++) parts.push(`<rect x="${n1(x + (i * w) / 60)}" y="${y}" width="${n1(w / 60 + 0.5)}" height="12" fill="${hex(densityRgb(((i + 0.5) / 60) * DENSITY_LEGEND_MAX))}"/>`);
  for (const d of [0, 1, 2, 3, 4, 5, 6]) {
    const tx = x + (d / DENSITY_LEGEND_MAX) * w, marked = d === 2 || d === 4 || d === 5;
    parts.push(`<line x1="${n1(tx)}" x2="${n1(tx)}" y1="${y}" y2="${y + (marked ? 18 : 15)}" stroke="#000" stroke-width="${marked ? 1.5 : 0.6}"/><text x="${n1(tx)}" y="${y + 29}" text-anchor="middle" font-size="11" font-weight="${marked ? 'bold' : 'normal'}">${d === 6 ? '6+' : d}</text>`);
  }
  parts.push(`<rect x="${x + w + 16}" y="${y}" width="12" height="12" fill="${hex(WALKABLE_RGB)}" stroke="#bbb"/><text x="${x + w + 32}" y="${y + 10}" font-size="11">walkable, nobody</text>`);
  parts.push(`<text x="${x}" y="${y - 6}" font-size="11">highest density, P/m² (2: crowded; 4: critical when moving; 5: critical standing)</text>`);
  return parts.join('');
}

function levelLegend(x: number, y: number): string {
  const parts = LEVELS.map((level, i) => `<rect x="${x + i * 112}" y="${y}" width="14" height="12" fill="${hex(FRUIN_RGB[i])}" stroke="#999"/><text x="${x + i * 112 + 18}" y="${y + 10}" font-size="11"><tspan font-weight="bold">${level}</tspan> ${LEVEL_WORDS[i]}</text>`);
  parts.push(`<text x="${x}" y="${y - 6}" font-size="11">worst Fruin level (walkway table; queuing table inside queue zones)</text>`);
  return parts.join('');
}

/** A full-width map with its legend, scale bar and north arrow. */
function bigMap(plot: string, title: string, png: string, legend: (x: number, y: number) => string, input: PlannerReportInput): string {
  const f = mapFrame(input.maps, 1000, 640, 10, 10);
  const width = Math.max(f.widthPx + 20, 760), legendY = f.top + f.heightPx + 26;
  return `${svgOpen(plot, Math.ceil(width), Math.ceil(legendY + 46), title)}<title>${esc(title)}</title>${mapBody(f, png, input, true)}${legend(f.left, legendY)}${scaleBar(f, Math.max(f.left + f.widthPx - 200, f.left + 580), legendY - 4)}</svg>`;
}

/** One time slice of the density, small. */
function smallMap(timeS: number, png: string, input: PlannerReportInput): string {
  const f = mapFrame(input.maps, 300, 220, 4, 20);
  const title = `density at ${clock(timeS)}`;
  return `${svgOpen('snapshot', Math.ceil(f.widthPx + 8), Math.ceil(f.heightPx + 26), title)}<text x="4" y="14" font-weight="bold">${clock(timeS)}</text>${mapBody(f, png, input, false)}</svg>`;
}

/** `vigie compare`: one measure's mean per variant as a bar, the standard deviation as a whisker. */
function spreadChart(label: string, unit: string, bars: { id: string; spread: Spread | null; best: boolean }[]): string {
  const left = 54, top = 26, barW = 38, gap = 22, plotH = 140;
  const plotW = bars.length * (barW + gap) + gap;
  const top1 = Math.max(1e-9, ...bars.map((b) => (b.spread === null ? 0 : Math.max(b.spread.mean + b.spread.sd, b.spread.mean))));
  const step = niceStep(top1, 4), yMax = step * Math.ceil(top1 / step);
  const y = (v: number) => top + (1 - Math.max(0, v) / yMax) * plotH;
  const title = `${label} (${unit}), mean ± sd over the seeds`;
  const parts = [svgOpen('variant-bars', left + plotW + 10, top + plotH + 44, title), `<text x="4" y="14" font-weight="bold">${esc(label)} <tspan font-weight="normal">(${esc(unit)})</tspan></text>`];
  for (let i = 0; i * step <= yMax + 1e-9; i++) {
    const v = i * step;
    parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${n1(y(v))}" y2="${n1(y(v))}" stroke="#e4e4e4"/><text x="${left - 5}" y="${n1(y(v) + 4)}" text-anchor="end" font-size="11">${fixed(v, stepDigits(step))}</text>`);
  }
  bars.forEach((b, k) => {
    const x = left + gap + k * (barW + gap), cx = x + barW / 2;
    parts.push(`<text x="${n1(cx)}" y="${top + plotH + 16}" text-anchor="middle" font-size="11">${esc(b.id.length > 12 ? `${b.id.slice(0, 11)}…` : b.id)}<title>${esc(b.id)}</title></text>`);
    if (b.spread === null) {
      parts.push(`<text x="${n1(cx)}" y="${top + plotH - 4}" text-anchor="middle" font-size="11">n/a</text>`);
      return;
    }
    const s = b.spread;
    parts.push(`<rect x="${x}" y="${n1(y(s.mean))}" width="${barW}" height="${n1(top + plotH - y(s.mean))}" fill="${colourOf(k)}" stroke="${b.best ? '#000' : 'none'}" stroke-width="2"/>`);
    parts.push(`<line x1="${n1(cx)}" x2="${n1(cx)}" y1="${n1(y(s.mean - s.sd))}" y2="${n1(y(s.mean + s.sd))}" stroke="#000"/><line x1="${n1(cx - 6)}" x2="${n1(cx + 6)}" y1="${n1(y(s.mean + s.sd))}" y2="${n1(y(s.mean + s.sd))}" stroke="#000"/><line x1="${n1(cx - 6)}" x2="${n1(cx + 6)}" y1="${n1(y(s.mean - s.sd))}" y2="${n1(y(s.mean - s.sd))}" stroke="#000"/>`);
  });
  parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${top + plotH}" y2="${top + plotH}" stroke="#888"/><line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}" stroke="#888"/></svg>`);
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// Sections

type Flag = 'ok' | 'warn' | 'danger' | 'info';
const BADGE_TEXT: Record<Flag, string> = { ok: 'below', warn: 'above', danger: 'above', info: 'for reference' };
const badge = (flag: Flag, text = BADGE_TEXT[flag]) => `<span class="badge ${flag}">${esc(text)}</span>`;
const levelCell = (level: ServiceLevel) => `<td class="level" style="background:${hex(FRUIN_RGB[LEVELS.indexOf(level)] ?? WALKABLE_RGB)}">${level}</td>`;
const flagged = (value: number, threshold: number, text: string) => `<td${value > threshold ? ' class="hot"' : ''}>${text}</td>`;

function headlineCards(input: PlannerReportInput): string {
  const h = input.summary.headline, t = input.summary.thresholds, e = input.summary.egress;
  const first = input.summary.bottlenecks[0];
  const peakFlag: Flag = h.peakDensityPerM2 > t.standingCriticalPerM2 ? 'danger' : h.peakDensityPerM2 > t.movingCriticalPerM2 ? 'warn' : 'ok';
  const levelFlag: Flag = h.worstLevel === 'F' ? 'danger' : h.worstLevel === 'E' ? 'warn' : 'ok';
  const saturation = first === undefined ? 0 : first.saturation;
  const cards: { label: string; value: string; detail: string; threshold: string; flag: Flag; badgeText?: string }[] = [
    { label: 'Peak density', value: density(h.peakDensityPerM2), detail: `at ${clock(h.peakAtS)}, ${where(h.peakAt)}${h.peakZone === null ? '' : `, zone ${h.peakZone}`}`, threshold: `${t.movingCriticalPerM2} P/m² moving, ${t.standingCriticalPerM2} P/m² standing`, flag: peakFlag, badgeText: peakFlag === 'danger' ? `above ${t.standingCriticalPerM2}` : peakFlag === 'warn' ? `above ${t.movingCriticalPerM2}` : 'below' },
    { label: `Time above ${t.movingCriticalPerM2} P/m²`, value: duration(h.secondsAbove4), detail: 'some 2 m × 2 m square anywhere', threshold: '0 s', flag: h.secondsAbove4 > 0 ? 'warn' : 'ok' },
    { label: `Time above ${t.standingCriticalPerM2} P/m²`, value: duration(h.secondsAbove5), detail: 'some 2 m × 2 m square anywhere', threshold: '0 s', flag: h.secondsAbove5 > 0 ? 'danger' : 'ok' },
    { label: `Area above ${t.movingCriticalPerM2} P/m²`, value: `${fixed(h.areaAbove4M2, 0)} m²`, detail: 'at some time during the run', threshold: '0 m²', flag: h.areaAbove4M2 > 0 ? 'warn' : 'ok' },
    { label: 'Most people inside', value: fixed(h.maxPeopleInside, 0), detail: `at ${clock(h.maxPeopleAtS)}`, threshold: 'none', flag: 'info' },
    { label: 'Egress, 95 % out', value: duration(h.egressP95S), detail: `from ${e.moment ?? 'the start'} at ${clock(e.fromS)}; everyone out: ${duration(e.allOutS)}`, threshold: 'everyone out within the run', flag: h.egressP95S === null || e.remaining > 0 ? 'danger' : 'info', badgeText: h.egressP95S === null ? 'not reached' : e.remaining > 0 ? `${e.remaining} left inside` : 'reached' },
    { label: 'Worst level of service', value: `Fruin ${h.worstLevel}`, detail: LEVEL_WORDS[LEVELS.indexOf(h.worstLevel)] ?? '', threshold: 'E at capacity, F breakdown', flag: levelFlag, badgeText: levelFlag === 'ok' ? 'below E' : `level ${h.worstLevel}` },
    { label: 'First bottleneck', value: h.bottleneck ?? 'none', detail: first === undefined ? '' : `${first.kind}, ${fixed(100 * first.saturation, 0)} % saturated: ${first.why}`, threshold: '100 % saturation', flag: saturation >= 1 ? 'danger' : saturation >= 0.8 ? 'warn' : 'ok', badgeText: `${fixed(100 * saturation, 0)} %` },
  ];
  return `<div class="cards">${cards.map((c) => `<div class="card ${c.flag}"><div class="label">${esc(c.label)}</div><div class="value">${esc(c.value)}</div><div class="detail">${esc(c.detail)}</div><div class="threshold">threshold: ${esc(c.threshold)} ${badge(c.flag, c.badgeText)}</div></div>`).join('')}</div>`;
}

function comparisonSection(comparison: PlannerComparison): string {
  const variants = comparison.variants;
  const rows = comparison.measures.map((m) => {
    const spreads = variants.map((v) => comparison.table[v.id]?.[m.key] ?? null);
    const means = spreads.filter((s): s is Spread => s !== null).map((s) => s.mean);
    const best = means.length === 0 ? Number.NaN : m.better === 'lower' ? Math.min(...means) : Math.max(...means);
    const digits = digitsFor(Math.max(0, ...means.map(Math.abs)));
    const cells = spreads.map((s) => (s === null
      ? '<td class="na">no run had a value</td>'
      : `<td${s.mean === best && means.length > 1 ? ' class="best"' : ''}>${fixed(s.mean, digits)} ± ${fixed(s.sd, digits)} <small>(${fixed(s.min, digits)}–${fixed(s.max, digits)})${s.n < comparison.seeds.length ? `, n = ${s.n}` : ''}</small></td>`));
    return `<tr><td>${esc(m.label)} <small>${esc(m.unit)}, ${m.better} is better</small></td>${cells.join('')}</tr>`;
  });
  const charts = comparison.measures.slice(0, 4).map((m) => {
    const spreads = variants.map((v) => comparison.table[v.id]?.[m.key] ?? null);
    const means = spreads.filter((s): s is Spread => s !== null).map((s) => s.mean);
    const best = m.better === 'lower' ? Math.min(...means) : Math.max(...means);
    return spreadChart(m.label, m.unit, variants.map((v, k) => ({ id: v.id, spread: spreads[k], best: spreads[k] !== null && spreads[k]!.mean === best && means.length > 1 })));
  });
  return `<section id="variants"><h2>Variants side by side</h2>
<p>Every variant over the same seeds (${comparison.seeds.map(String).join(', ')}): mean ± standard deviation over the runs, and their range (min–max). The better value of each row is highlighted; n is given where fewer runs had a value.</p>
<table class="compare"><tr><th>measure</th>${variants.map((v) => `<th>${esc(v.id)}<br><small>${esc(v.description)}</small></th>`).join('')}</tr>
${rows.join('\n')}</table>
<div class="row">${charts.join('')}</div></section>`;
}

function mapsSection(input: PlannerReportInput): string {
  const m = input.maps;
  const densityPng = latticePng(m, (k) => (m.maxDensityPerM2[k] > 0 ? densityRgb(m.maxDensityPerM2[k]) : null));
  const levelPng = latticePng(m, (k) => (m.worstLevel[k] >= 0 ? FRUIN_RGB[Math.min(5, m.worstLevel[k])] : null));
  const chosen = m.snapshots.length <= 12 ? m.snapshots : Array.from({ length: 12 }, (_, i) => m.snapshots[Math.round((i * (m.snapshots.length - 1)) / 11)]);
  const snapshots = chosen.map((s) => smallMap(s.timeS, latticePng(m, (k) => (s.densityPerM2[k] > 0 ? densityRgb(s.densityPerM2[k]) : null)), input));
  return `<section id="maps" class="page"><h2>Maps</h2>
<p>North is up; the dark outlines are the zones, the black strokes the counting lines. One square per ${fixed(m.cellM, 0)} m lattice node.</p>
<h3>Highest density over the run</h3>
<p>At each point, the highest area-method density (people in the 2 m × 2 m square around it, divided by 4 m²) reached at any time.</p>
<figure>${bigMap('max-density-map', 'Highest density over the run', densityPng, densityLegend, input)}</figure>
<h3>Worst level of service</h3>
<p>At each point, the worst Fruin level reached: the walkway table, or the queuing table inside queue zones.</p>
<figure>${bigMap('level-map', 'Worst level of service', levelPng, levelLegend, input)}</figure>
${chosen.length === 0 ? '' : `<h3>Density over time</h3><p>The area-method density at ${chosen.length === m.snapshots.length ? 'each snapshot' : `${chosen.length} of the ${m.snapshots.length} snapshots`}, in the colours of the highest-density map.</p><div class="row">${snapshots.join('')}</div>`}
</section>`;
}

function egressSection(summary: PlannerSummary): string {
  const e = summary.egress;
  const vLines = [{ x: e.fromS, label: `${e.moment ?? 'start'} (${clock(e.fromS)})`, colour: '#1f5fa8' }];
  if (e.p95S !== null) vLines.push({ x: e.fromS + e.p95S, label: `95 % out (${clock(e.fromS + e.p95S)})`, colour: '#c0392b' });
  return `<section id="egress" class="page"><h2>Egress</h2>
<p>Measured from ${esc(e.moment === null ? 'the start' : `“${e.moment}”`)} at ${clock(e.fromS)}: ${fixed(e.people, 0)} people inside then (or arriving later). Half were out after ${esc(duration(e.p50S))}, 95 % after ${esc(duration(e.p95S))}, everyone after ${esc(duration(e.allOutS))}; ${fixed(e.remaining, 0)} still inside at the end.</p>
<figure>${timeChart({ plot: 'egress', title: 'People inside over time', yLabel: 'people inside', series: [{ label: 'people inside', colour: '#333', values: e.inside, stepS: summary.sampleS }], vLines })}</figure></section>`;
}

function zonesSection(summary: PlannerSummary): string {
  const t = summary.thresholds;
  const keys = t.densitiesPerM2.map(String);
  const entries = Object.entries(summary.zones).sort((a, b) => b[1].maxDensityPerM2 - a[1].maxDensityPerM2);
  const rows = entries.map(([id, z]) => `<tr><td>${esc(id)}</td><td class="t">${z.kind}</td><td>${fixed(z.areaM2, 0)}</td>${flagged(z.maxDensityPerM2, t.movingCriticalPerM2, `${fixed(z.maxDensityPerM2, 2)} <small>at ${clock(z.maxAtS)}</small>`)}${flagged(z.maxVoronoiDensityPerM2, t.movingCriticalPerM2, `${fixed(z.maxVoronoiDensityPerM2, 2)} <small>at ${clock(z.maxVoronoiAtS)}</small>`)}<td>${fixed(z.maxPeople, 0)} <small>at ${clock(z.maxPeopleAtS)}</small></td>${keys.map((k) => flagged(Number(k) >= t.movingCriticalPerM2 ? z.secondsAbove[k] ?? 0 : 0, 0, fixed(z.secondsAbove[k] ?? 0, 0))).join('')}${levelCell(z.worstLevel)}<td>${fixed(z.secondsAtLevel.E ?? 0, 0)}</td><td>${fixed(z.secondsAtLevel.F ?? 0, 0)}</td></tr>`);
  const chart = timeChart({
    plot: 'zones-voronoi', title: 'Voronoi density per zone over time', yLabel: 'Voronoi density, P/m²',
    series: entries.map(([id, z], k) => ({ label: id, colour: colourOf(k), values: z.series.voronoiPerM2, stepS: summary.sampleS })),
    hLines: [{ y: t.movingCriticalPerM2, label: `${t.movingCriticalPerM2} P/m²: critical when moving`, colour: '#d35400' }, { y: t.standingCriticalPerM2, label: `${t.standingCriticalPerM2} P/m²: critical standing`, colour: '#c0392b' }],
  });
  return `<section id="zones" class="page"><h2>Zones</h2>
<p>Highest densities per zone (area method, in its worst 2 m × 2 m square, and Voronoi, over the whole zone), time any square of the zone spent above each threshold, and the worst level of service. Cells above ${t.movingCriticalPerM2} P/m² are marked.</p>
<table><tr><th>zone</th><th class="t">kind</th><th>area, m²</th><th>max density, P/m²</th><th>max Voronoi, P/m²</th><th>most people</th>${keys.map((k) => `<th>s above ${k}</th>`).join('')}<th>worst level</th><th>s at E</th><th>s at F</th></tr>
${rows.join('\n')}</table>
<figure>${chart}</figure></section>`;
}

function flowsSection(summary: PlannerSummary): string {
  const flows = Object.entries(summary.flows);
  const queues = Object.entries(summary.queues);
  const flowRows = flows.map(([id, f]) => `<tr><td>${esc(id)}</td><td>${fixed(f.widthM, 1)}</td><td>${f.crossings}</td><td>${f.forward} / ${f.backward}</td><td>${f.peakPerMin} <small>at ${clock(f.peakAtS)}</small></td><td>${fixed(f.peakSpecificFlowPerMS, 2)}</td></tr>`);
  const queueRows = queues.map(([id, q]) => `<tr><td>${esc(id)}</td><td class="t">${q.kind}</td><td>${q.maxQueue} <small>at ${clock(q.maxQueueAtS)}</small></td><td>${q.served}</td><td>${esc(q.meanWaitS === null ? '–' : duration(q.meanWaitS))}</td><td>${esc(q.p95WaitS === null ? '–' : duration(q.p95WaitS))}</td><td>${esc(q.maxWaitS === null ? '–' : duration(q.maxWaitS))}</td></tr>`);
  const flowChart = flows.length === 0 ? '' : timeChart({ plot: 'flows', title: 'People crossing per minute', yLabel: 'people per minute', series: flows.map(([id, f], k) => ({ label: id, colour: colourOf(k), values: f.perMinute, stepS: 60, stairs: true })) });
  const queueChart = queues.length === 0 ? '' : timeChart({ plot: 'queues', title: 'People waiting over time', yLabel: 'people waiting', series: queues.map(([id, q], k) => ({ label: id, colour: colourOf(k), values: q.series, stepS: summary.sampleS })) });
  return `<section id="flows" class="page"><h2>Flows and queues</h2>
<p>People crossing each counting line (both ways), the busiest minute, and its specific flow: people per metre of line per second.</p>
${flows.length === 0 ? '<p>No counting line in this scenario.</p>' : `<table><tr><th>line</th><th>width, m</th><th>crossings</th><th>forward / back</th><th>peak per minute</th><th>peak specific flow, P/(m s)</th></tr>
${flowRows.join('\n')}</table><figure>${flowChart}</figure>`}
<h3>Queues</h3>
${queues.length === 0 ? '<p>No stop or gate in this scenario.</p>' : `<table><tr><th>stop or gate</th><th class="t">kind</th><th>longest queue</th><th>served</th><th>mean wait</th><th>95 % wait</th><th>longest wait</th></tr>
${queueRows.join('\n')}</table><figure>${queueChart}</figure>`}</section>`;
}

function travelAndBottlenecks(summary: PlannerSummary): string {
  const travel = Object.entries(summary.travelTimes).map(([key, t]) => {
    const { group, exit } = splitRoute(key);
    return `<tr><td>${esc(group)}</td><td class="t">${esc(exit)}</td><td>${t.count}</td><td>${fixed(t.meanS, 0)}</td><td>${fixed(t.p50S, 0)}</td><td>${fixed(t.p85S, 0)}</td><td>${fixed(t.p95S, 0)}</td></tr>`;
  });
  const ranked = summary.bottlenecks.map((b, k) => `<tr><td>${k + 1}</td><td class="t">${esc(b.id)}</td><td class="t">${b.kind}</td><td${b.saturation >= 1 ? ' class="hot"' : ''}>${fixed(100 * b.saturation, 0)} % <span class="bar"><span style="width:${fixed(Math.min(100, 100 * b.saturation), 0)}%"></span></span></td><td class="t">${esc(b.why)}</td></tr>`);
  return `<section id="travel" class="page"><h2>Travel times</h2>
<p>From each origin group to each exit, in seconds.</p>
${travel.length === 0 ? '<p>Nobody reached an exit.</p>' : `<table><tr><th>group</th><th class="t">exit</th><th>people</th><th>mean, s</th><th>median, s</th><th>85 %, s</th><th>95 %, s</th></tr>
${travel.join('\n')}</table>`}
<h2>Bottlenecks</h2>
<p>Places ranked by saturation: 100 % is the danger threshold of a zone or the capacity of a line, stop or gate.</p>
${ranked.length === 0 ? '<p>No bottleneck.</p>' : `<table><tr><th>rank</th><th class="t">place</th><th class="t">kind</th><th>saturation</th><th class="t">why</th></tr>
${ranked.join('\n')}</table>`}</section>`;
}

function methodSection(summary: PlannerSummary): string {
  const t = summary.thresholds, e = summary.egress;
  return `<section id="method"><h2>How to read this report</h2><ul>
<li><b>Density, area method</b>: the people in a 2 m × 2 m square divided by its 4 m², evaluated around every point of a 1 m lattice; the maps and the headline show the worst square.</li>
<li><b>Density, Voronoi method</b> (Steffen and Seyfried 2010): each person owns the space closer to them than to anyone else; a zone's density is the share of that space inside the zone per m². Smoother than the square count; used for the zones' levels of service.</li>
<li><b>Levels of service</b> A (free) to F (breakdown) after Fruin (1971), with his walkway table for passages and his queuing-area table where people stand and wait.</li>
<li><b>Danger thresholds</b> after Still: a moving crowd becomes critical around ${t.movingCriticalPerM2} P/m², a standing crowd around ${t.standingCriticalPerM2} P/m². Red badges mark figures above them; amber, figures worth a look.</li>
<li><b>Egress time</b> is measured from ${esc(e.moment === null ? 'the start of the run' : `the moment “${e.moment}”`)} (${clock(e.fromS)}): the time until half, 95 % and all of the people then inside had left.</li>
<li>Moments are given as clock times from the start of the scenario (mm:ss, or h:mm:ss), durations in seconds; series are sampled every ${fixed(summary.sampleS, 0)} s.</li>
</ul></section>`;
}

const STYLE = `body{font-family:sans-serif;max-width:1120px;margin:2em auto;padding:0 1em;color:#222;line-height:1.4}
h1{margin-bottom:.2em}h2{border-bottom:1px solid #ddd;margin-top:1.6em}.meta{color:#555}
table{border-collapse:collapse;margin:1em 0;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right;vertical-align:top}td:first-child,th:first-child,td.t,th.t{text-align:left}th{background:#f2f2f2}
small{color:#666}td.hot{background:#fbe3e0;font-weight:bold}td.best{background:#dcefd8;font-weight:bold}td.na{color:#888;font-style:italic}td.level{text-align:center;font-weight:bold}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:10px;margin:1em 0}.card{border:1px solid #ccc;border-left:6px solid #888;border-radius:4px;padding:8px 10px;break-inside:avoid}
.card.ok{border-left-color:#2e8b57}.card.warn{border-left-color:#e69500}.card.danger{border-left-color:#c0392b}.card .label{font-size:12px;color:#555}.card .value{font-size:22px;font-weight:bold;margin:2px 0}.card .detail,.card .threshold{font-size:12px;color:#444}
.badge{display:inline-block;padding:0 6px;border-radius:8px;font-size:11px;color:#fff;background:#777;white-space:nowrap}.badge.ok{background:#2e8b57}.badge.warn{background:#e69500}.badge.danger{background:#c0392b}
.bar{display:inline-block;width:60px;height:8px;background:#eee;margin-left:4px;vertical-align:middle}.bar span{display:block;height:8px;background:#c0392b}
.row{display:flex;flex-wrap:wrap;gap:12px}figure{margin:1em 0}svg{max-width:100%;height:auto}
@page{size:A4;margin:12mm}
@media print{body{max-width:none;margin:0;padding:0;font-size:11px}section.page{break-before:page}figure,svg,table,.card{break-inside:avoid}.cards{grid-template-columns:repeat(2,1fr)}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}`;

/** The page. Every text from the input is escaped; nothing in it points outside the file. */
export function plannerReportHtml(input: PlannerReportInput): string {
  const s = input.summary;
  const seeds = input.seeds.length === 0 ? 'none' : input.seeds.map(String).join(', ');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Vigie rehearsal: ${esc(input.scenarioName)}</title>
<style>${STYLE}</style></head>
<body>
<header><h1>Crowd rehearsal: ${esc(input.scenarioName)}</h1>
<p class="meta">Scenario <code>${esc(input.scenarioFile)}</code>; seeds ${esc(seeds)}${input.seeds.length > 1 ? ` (the detailed figures are from seed ${input.seeds[0]})` : ''}; crowd scale × ${fixed(input.scale, 2)}; ${fixed(input.people, 0)} people; ${esc(duration(input.simulatedS))} simulated in ${esc(duration(input.wallS))} of wall time; Vigie ${esc(input.version)}. Every person in this rehearsal is synthetic.</p></header>
${methodSection(s)}
<section id="summary"><h2>Summary</h2>
${headlineCards(input)}</section>
${input.comparison === undefined ? '' : comparisonSection(input.comparison)}
${mapsSection(input)}
${egressSection(s)}
${zonesSection(s)}
${flowsSection(s)}
${travelAndBottlenecks(s)}
</body></html>
`;
}
