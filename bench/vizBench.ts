/**
 * The browser benchmark of issue 8: frames per second and worker step time with a crowd of
 * 10,000, 50,000 and 100,000 people in the default district, in headless Chromium on this
 * machine (software WebGL, so it also prints the draw calls, which must not grow with the
 * people), against the targets "the worker keeps real time at 50,000 people" and "the main
 * thread never blocks for more than 50 ms". A benchmark, not a test: it prints figures and never
 * fails on time; without Chromium it says so and exits 0.
 *
 *   node --import tsx bench/vizBench.ts [--people 10000,50000,100000] [--seconds 20]
 *        [--warmup 5] [--fast-seconds 8] [--sim-from 30] [--sim-seconds 10] [--skip-node]
 *
 * It builds and serves the app once (tests/e2e/support/chromiumHarness.ts) and, per size, runs
 * three passes of the page:
 * - x1: `?scenario=crowd&people=N&speed=1`; after `--warmup` wall seconds it samples the page's
 *   figures (document.body.dataset: fps, stepMs, simRate, people, drawCalls, timeS,
 *   longestTaskMs, longestFrameMs) every second for `--seconds`;
 * - x32 (for `--fast-seconds`; 0 skips it): the fastest the app itself runs the simulation,
 *   with the share of the time its worker computes (the worker's CPU profile, workerBusyTime.ts);
 * - driven: `&paused=1`, and the bench steps the page's worker itself, straight through comlink's
 *   messages, from simulated `--sim-from` s for `--sim-seconds` s (by default 30-40 s, when
 *   the crowd walks: before 30 s most people wait out their pre-movement time and a step costs
 *   a fraction of what it costs later), and reads the worker's own time in `step` (its
 *   summary's wallS): the worker's rate when nothing holds it back, with the page still drawing
 *   beside it (on the same cores).
 * A script injected before the page's own records every animation frame and long task
 * (PerformanceObserver 'longtask': tasks over 50 ms) with its time, so that the frame rate, the
 * longest frame gap and the longest task are measured over the window alone, apart from loading,
 * and keeps the page's Web Worker for the driven pass. Before the browser starts, the same scaled
 * scenario is stepped in this process through createSimulationApi (the object the worker
 * exposes) over the driven pass's simulated window, as a reference without the browser.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { createSimulationApi } from '../workers/simulationApi.ts';
import { scaleCrowd } from '../viz/crowdScaling.ts';
import { CHROMIUM, haveBrowser, openPage, ROOT, serveApp, waitReady, type ServedApp } from '../tests/e2e/support/chromiumHarness.ts';
import { startWorkerProfile, type WorkerBusy } from './workerBusyTime.ts';

/** What the Node reference measured over its simulated window (ms per step, snapshot ms per request, load s). */
interface NodeFigures {
  placed: number;
  msPerStep: number;
  snapshotMs: number;
  loadS: number;
}

/** One pass of the page at one speed, over the sampling window (wall times in ms, page clock). */
interface PageFigures {
  error: string | null;
  readyS: number;
  peopleAtStart: number;
  peopleAtEnd: number;
  drawCalls: number[];
  /** Frames counted by the injected script over the window, per second. */
  fps: number;
  /** The page's own `fps`, mean of the samples. */
  pageFps: number;
  /** The render worker's frames drawn per second (mean of its reports) and its longest frame, ms. */
  renderFps: number;
  renderFrameMs: number;
  /** Whether the renderer drew the people as points (above POINTS_ABOVE). */
  peopleAsPoints: boolean;
  longestFrameGapMs: number;
  /** Longest task over the window, and before it (loading, scene building, warm-up). */
  longestTaskMs: number;
  longestTaskBeforeMs: number;
  /** The page's own `longestTaskMs` and `longestFrameMs` at the end (since load / since ready). */
  pageLongestTaskMs: number;
  pageLongestFrameMs: number;
  /** Mean of the page's `stepMs` samples (its measure of the worker's time per step). */
  stepMs: number;
  /** The worker's busy time over the window (its CPU profile), or null when it could not be profiled. */
  worker: WorkerBusy | null;
  /** Busy ms per simulated step over the window. */
  workerMsPerStep: number;
  /** Simulated seconds per wall second over the window, from the page's clock (`timeS`). */
  simRate: number;
  /** The page's own `simRate`, mean of the samples. */
  pageSimRate: number;
  timeSAtStart: number;
  timeSAtEnd: number;
}

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '10000,50000,100000' },
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    'fast-seconds': { type: 'string', default: '8' },
    'sim-from': { type: 'string', default: '30' },
    'sim-seconds': { type: 'string', default: '10' },
    'skip-node': { type: 'boolean', default: false },
  },
});
const sizes = values.people.split(',').map((text) => Number.parseInt(text.replaceAll('_', ''), 10)).filter((n) => Number.isFinite(n) && n > 0);
const sampleS = positive(values.seconds, 20);
const warmupS = positive(values.warmup, 5);
const fastS = Math.max(0, Number(values['fast-seconds']) || 0);
/** The simulated window of the driven pass and the Node reference, s. */
const simFromS = Math.max(0, Number(values['sim-from']) || 0);
const simForS = positive(values['sim-seconds'], 10);
/** The x32 pass warms up for less: the crowd empties the district within minutes at that speed. */
const FAST_WARMUP_S = 2;
const FAST_SPEED = 32;
/** Targets of issue 8. */
const REAL_TIME_PEOPLE = 50_000;
const LONG_TASK_MS = 50;
/** The scenario's step, s (the crowd is the default scenario with more people). */
const stepS = (crowdScenario(1) as { stepS?: number }).stepS ?? 0.05;
/** Same-size scenes load slowly in software WebGL; generous. */
const READY_TIMEOUT_MS = 180_000;

/**
 * Injected before the page's scripts: every animation frame's time and every long task
 * (start, duration), in the page's performance.now() clock, and the page's Web Workers. A
 * string, not a function: tsx's transform could add helpers to a function that do not exist in
 * the page.
 */
const INSTRUMENT = `
window.__vigieBench = { frames: [], tasks: [], workers: [] };
window.Worker = class extends window.Worker {
  constructor(...args) { super(...args); window.__vigieBench.workers.push(this); }
};
try {
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__vigieBench.tasks.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: true });
} catch (error) { window.__vigieBench.noLongTasks = String(error); }
const __vigieFrame = (t) => { window.__vigieBench.frames.push(t); requestAnimationFrame(__vigieFrame); };
requestAnimationFrame(__vigieFrame);
`;

/** Steps per request, in Node and in the driven pass (the page asks for at most 40 at a time). */
const REQUEST_STEPS = 50;

/**
 * The driven pass, run in the paused page: the simulation worker stepped straight through
 * comlink's wire messages (APPLY of `step` and `summary`, with ids of its own that the page's
 * comlink ignores) from simulated `fromS` to `fromS + forS`; the worker's time is the API's own
 * `summary().wallS` (wall time spent in `step`), so the page's slow frames do not count.
 */
function driveScript(fromS: number, forS: number): string {
  return `(async () => {
    const worker = window.__vigieBench.workers[0];
    if (!worker) return { error: 'the page made no Web Worker' };
    let next = 0;
    const call = (name, ...args) => new Promise((resolve, reject) => {
      const id = 'vigie-bench-' + (++next);
      const listener = (event) => {
        if (!event.data || event.data.id !== id) return;
        worker.removeEventListener('message', listener);
        if (event.data.type === 'RAW') resolve(event.data.value);
        else reject(new Error('the worker answered ' + JSON.stringify(event.data).slice(0, 300)));
      };
      worker.addEventListener('message', listener);
      worker.postMessage({ id, type: 'APPLY', path: [name], argumentList: args.map((value) => ({ type: 'RAW', value })) });
    });
    let result = await call('step', 0);
    const placed = result.inside;
    const until = (toS) => Math.min(${REQUEST_STEPS}, Math.round((toS - result.timeS) / ${stepS}));
    while (until(${fromS}) > 0 && !result.done) result = await call('step', until(${fromS}));
    const before = await call('summary');
    const fromS = result.timeS, fromTick = result.tick, startMs = performance.now();
    while (until(${fromS + forS}) > 0 && !result.done) result = await call('step', until(${fromS + forS}));
    const wallMs = performance.now() - startMs;
    const after = await call('summary');
    return { error: null, placed, steps: result.tick - fromTick, fromS, toS: result.timeS, insideAtEnd: result.inside, workerMs: (after.wallS - before.wallS) * 1000, wallMs };
  })()`;
}

/** The WebGL renderer as the page would see it (SwiftShader: software rendering). */
const RENDERER = `(() => {
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) return 'no WebGL';
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) + ' (' + gl.getParameter(info.UNMASKED_VENDOR_WEBGL) + ')' : gl.getParameter(gl.RENDERER);
})()`;

if (!haveBrowser) {
  console.log(`vizBench: no Chromium at ${CHROMIUM} (install Debian's chromium, or set VIGIE_CHROMIUM): nothing measured.`);
  process.exit(0);
}

console.log(`Vigie browser benchmark (issue 8): default district, ?scenario=crowd&people=N; Node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(`  x1 pass: ${warmupS} s warm-up, ${sampleS} s sampled; x${FAST_SPEED} pass: ${fastS > 0 ? `${FAST_WARMUP_S} s warm-up, ${fastS} s sampled` : 'skipped'} (wall seconds); driven pass and Node: simulated ${simFromS}-${simFromS + simForS} s`);

const nodeFigures = new Map<number, NodeFigures>();
if (!values['skip-node']) {
  for (const people of sizes) nodeFigures.set(people, nodeReference(people, simFromS, simForS));
}

const buildStartMs = performance.now();
const app = await serveApp();
const results: { people: number; slow: PageFigures; fast: PageFigures | null; driven: DrivenFigures | null }[] = [];
try {
  console.log(`  app built and served in ${((performance.now() - buildStartMs) / 1000).toFixed(1)} s`);
  const probe = await app.browser.newPage();
  const renderer = String(await probe.evaluate(RENDERER));
  await probe.close();
  console.log(`  Chromium ${app.browser.version()} headless, WebGL renderer: ${renderer}`);
  for (const people of sizes) {
    const slow = await measurePage(app, people, 1, warmupS, sampleS);
    console.log(`  ${people}: x1 ${describe(slow)}`);
    const fast = fastS > 0 && slow.error === null ? await measurePage(app, people, FAST_SPEED, FAST_WARMUP_S, fastS) : null;
    if (fast !== null) console.log(`  ${people}: x${FAST_SPEED} ${describe(fast)}`);
    const driven = slow.error === null ? await measureDriven(app, people, simFromS, simForS) : null;
    if (driven !== null) console.log(`  ${people}: driven (paused page, the bench steps the worker) ${describeDriven(driven)}`);
    results.push({ people, slow, fast, driven });
  }
} finally {
  await app.close();
}
printTable();

/**
 * Steps the scaled scenario here through the API the worker serves, over the simulated window
 * the driven pass times, requests as the driven pass makes them (a snapshot after each, as the
 * page takes one after each request, timed apart).
 */
function nodeReference(people: number, fromS: number, forS: number): NodeFigures {
  const api = createSimulationApi();
  const city = { text: readFileSync(join(ROOT, 'city-models/default/district.geojson'), 'utf8'), fileName: 'city-models/default/district.geojson' };
  const loadStartMs = performance.now();
  const loaded = api.load(JSON.stringify(crowdScenario(people)), 'scenarios/default.json (scaled)', city);
  const loadS = (performance.now() - loadStartMs) / 1000;
  if (!loaded.ok) throw new Error(`the crowd scenario of ${people} people does not load: ${loaded.message}`);
  let result = api.step(0);
  const placed = result.inside;
  const until = (toS: number) => Math.min(REQUEST_STEPS, Math.round((toS - result.timeS) / stepS));
  while (until(fromS) > 0 && !result.done) result = api.step(until(fromS));
  const fromTick = result.tick;
  let stepMs = 0, snapshotMs = 0, requests = 0;
  while (until(fromS + forS) > 0 && !result.done) {
    const startMs = performance.now();
    result = api.step(until(fromS + forS));
    const steppedMs = performance.now();
    api.snapshot();
    snapshotMs += performance.now() - steppedMs;
    stepMs += steppedMs - startMs;
    requests++;
  }
  const figures = { placed, msPerStep: stepMs / (result.tick - fromTick), snapshotMs: snapshotMs / requests, loadS };
  console.log(`  Node reference, ${people} people: ${placed} placed, load ${loadS.toFixed(2)} s, ${figures.msPerStep.toFixed(1)} ms/step over simulated ${fromS}-${result.timeS.toFixed(1)} s (${result.inside} inside at the end), snapshot ${figures.snapshotMs.toFixed(1)} ms`);
  return figures;
}

/** The worker stepped by the bench in the paused page: its own wall time per step over a simulated window. */
interface DrivenFigures {
  error: string | null;
  placed: number;
  steps: number;
  fromS: number;
  toS: number;
  insideAtEnd: number;
  /** The worker's wall time in `step` (its summary's wallS), ms. */
  workerMs: number;
  /** Wall time of the driving, round trips through the page included, ms. */
  wallMs: number;
}

/** Opens the crowd paused and steps its worker straight from simulated `fromS` for `forS` seconds. */
async function measureDriven(served: ServedApp, people: number, fromS: number, forS: number): Promise<DrivenFigures> {
  const { page, errors } = await openPage(served);
  try {
    await page.addInitScript({ content: INSTRUMENT });
    await page.goto(`${served.url}?scenario=crowd&people=${people}&speed=1&paused=1`);
    const error = await waitReady(page, READY_TIMEOUT_MS);
    if (error !== null) return { error, placed: Number.NaN, steps: 0, fromS, toS: fromS, insideAtEnd: Number.NaN, workerMs: Number.NaN, wallMs: Number.NaN };
    const driven = (await page.evaluate(driveScript(fromS, forS))) as DrivenFigures;
    return { ...driven, error: driven.error ?? (errors.length > 0 ? errors.join(' | ') : null) };
  } finally {
    await page.close();
  }
}

/** The default scenario scaled to about `people` (the page's rule: viz/crowdScaling.ts). */
function crowdScenario(people: number): unknown {
  return scaleCrowd(JSON.parse(readFileSync(join(ROOT, 'scenarios/default.json'), 'utf8')) as { name: string; pedestrians: { count: number }[] }, people);
}

/** Opens the crowd at `speed`, waits for ready, warms up, samples the page every second. */
async function measurePage(served: ServedApp, people: number, speed: number, warmS: number, forS: number): Promise<PageFigures> {
  const { page, errors } = await openPage(served);
  try {
    await page.addInitScript({ content: INSTRUMENT });
    const openedMs = performance.now();
    await page.goto(`${served.url}?scenario=crowd&people=${people}&speed=${speed}`);
    const error = await waitReady(page, READY_TIMEOUT_MS);
    const readyS = (performance.now() - openedMs) / 1000;
    if (error !== null) return { ...emptyFigures(), error, readyS };
    await page.waitForTimeout(warmS * 1000);
    const profile = await startWorkerProfile(served.browser, 'browserWorker').catch((failure: unknown) => {
      console.log(`  (the worker could not be profiled: ${String(failure)})`);
      return null;
    });
    const start = await sample(page);
    const samples = [start];
    const endAtMs = performance.now() + forS * 1000;
    while (performance.now() < endAtMs) {
      await page.waitForTimeout(Math.min(1000, Math.max(0, endAtMs - performance.now())));
      samples.push(await sample(page));
    }
    const end = samples[samples.length - 1];
    const worker = profile === null ? null : await profile.stop();
    const measured = await page.evaluate(`(() => {
      const b = window.__vigieBench, from = ${start.clockMs}, to = ${end.clockMs};
      let frames = 0, gap = 0, last = null, task = 0, before = 0;
      for (const t of b.frames) { if (t < from || t > to) continue; frames++; if (last !== null) gap = Math.max(gap, t - last); last = t; }
      for (const [t, d] of b.tasks) { if (t + d >= from && t <= to) task = Math.max(task, d); else if (t < from) before = Math.max(before, d); }
      return { frames, gap, task, before, noLongTasks: b.noLongTasks ?? null };
    })()`) as { frames: number; gap: number; task: number; before: number; noLongTasks: string | null };
    if (measured.noLongTasks !== null) console.log(`  (no long-task observer in this Chromium: ${measured.noLongTasks})`);
    const wallS = (end.clockMs - start.clockMs) / 1000;
    // NOTE: the page's figures are means over its last ~2 s; a sample of 0 means that nothing
    // happened then (no step came back while frames took seconds), not that it took no time.
    const mean = (key: 'fps' | 'stepMs' | 'simRate' | 'renderFps') => {
      const said = samples.map((s) => s[key]).filter((x) => Number.isFinite(x) && x > 0);
      return said.length === 0 ? Number.NaN : said.reduce((sum, x) => sum + x, 0) / said.length;
    };
    return {
      error: errors.length > 0 ? errors.join(' | ') : null,
      readyS,
      peopleAtStart: start.people,
      peopleAtEnd: end.people,
      drawCalls: [...new Set(samples.map((s) => s.drawCalls))].sort((a, b) => a - b),
      fps: measured.frames / wallS,
      pageFps: mean('fps'),
      renderFps: mean('renderFps'),
      renderFrameMs: Math.max(...samples.map((s) => s.renderFrameMs).filter((x) => Number.isFinite(x))),
      peopleAsPoints: end.peopleAsPoints,
      longestFrameGapMs: measured.gap,
      longestTaskMs: measured.task,
      longestTaskBeforeMs: measured.before,
      pageLongestTaskMs: end.longestTaskMs,
      pageLongestFrameMs: end.longestFrameMs,
      stepMs: mean('stepMs'),
      worker,
      // NOTE: the profile spans the two samples plus two round trips to the browser; it is
      // compared with the simulated time between the samples (a few ms in seconds).
      workerMsPerStep: worker === null || end.timeS <= start.timeS ? Number.NaN : worker.busyMs / ((end.timeS - start.timeS) / stepS),
      simRate: (end.timeS - start.timeS) / wallS,
      pageSimRate: mean('simRate'),
      timeSAtStart: start.timeS,
      timeSAtEnd: end.timeS,
    };
  } finally {
    await page.close();
  }
}

/** What the page shows at one instant, with the page's clock (ms). NaN where the page does not say. */
interface Sample {
  clockMs: number;
  timeS: number;
  people: number;
  drawCalls: number;
  fps: number;
  stepMs: number;
  simRate: number;
  longestTaskMs: number;
  longestFrameMs: number;
  renderFps: number;
  renderFrameMs: number;
  peopleAsPoints: boolean;
}

async function sample(page: Page): Promise<Sample> {
  const { clockMs, data } = await page.evaluate('({ clockMs: performance.now(), data: { ...document.body.dataset } })') as { clockMs: number; data: Record<string, string | undefined> };
  const num = (key: string) => (data[key] === undefined ? Number.NaN : Number(data[key]));
  return {
    clockMs,
    timeS: num('timeS'),
    people: num('people'),
    drawCalls: num('drawCalls'),
    fps: num('fps'),
    stepMs: num('stepMs'),
    simRate: num('simRate'),
    longestTaskMs: num('longestTaskMs'),
    longestFrameMs: num('longestFrameMs'),
    renderFps: num('renderFps'),
    renderFrameMs: num('renderFrameMs'),
    peopleAsPoints: data.peopleAsPoints === 'true',
  };
}

function emptyFigures(): PageFigures {
  return {
    error: null, readyS: Number.NaN, peopleAtStart: Number.NaN, peopleAtEnd: Number.NaN, drawCalls: [], fps: Number.NaN, pageFps: Number.NaN, renderFps: Number.NaN, renderFrameMs: Number.NaN, peopleAsPoints: false,
    longestFrameGapMs: Number.NaN, longestTaskMs: Number.NaN, longestTaskBeforeMs: Number.NaN, pageLongestTaskMs: Number.NaN, pageLongestFrameMs: Number.NaN,
    stepMs: Number.NaN, worker: null, workerMsPerStep: Number.NaN, simRate: Number.NaN, pageSimRate: Number.NaN, timeSAtStart: Number.NaN, timeSAtEnd: Number.NaN,
  };
}

/** One line per pass, printed as it ends (the page's own figures beside the window's). */
function describe(f: PageFigures): string {
  if (Number.isNaN(f.peopleAtStart)) return `failed after ${f.readyS.toFixed(1)} s: ${f.error}`;
  const busy = f.worker === null ? 'worker not profiled'
    : `worker busy ${fixed(f.worker.busyMs, 0)} of ${fixed(f.worker.windowMs, 0)} ms (${fixed(f.workerMsPerStep, 1)} ms per step; ${f.worker.topMs.slice(0, 4).map(([name, ms]) => `${name} ${ms.toFixed(0)}`).join(', ')})`;
  return [
    `ready in ${f.readyS.toFixed(1)} s; simulated ${f.timeSAtStart.toFixed(1)}-${f.timeSAtEnd.toFixed(1)} s, people ${f.peopleAtStart}-${f.peopleAtEnd}`,
    `fps ${fixed(f.fps, 1)} (page ${fixed(f.pageFps, 1)}), drawn ${fixed(f.renderFps, 1)} fps in the render worker (longest ${fixed(f.renderFrameMs, 0)} ms${f.peopleAsPoints ? ', people as points' : ''}), sim/wall ${fixed(f.simRate, 2)} (page ${fixed(f.pageSimRate, 2)}), page stepMs ${fixed(f.stepMs, 1)}`,
    busy,
    `longest task ${fixed(f.longestTaskMs, 0)} ms (before the window ${fixed(f.longestTaskBeforeMs, 0)}, page since load ${fixed(f.pageLongestTaskMs, 0)}), longest frame gap ${fixed(f.longestFrameGapMs, 0)} ms (page since ready ${fixed(f.pageLongestFrameMs, 0)})`,
    ...(f.error !== null ? [`page errors: ${f.error}`] : []),
  ].join('; ');
}

function describeDriven(d: DrivenFigures): string {
  if (!Number.isFinite(d.workerMs)) return `failed: ${d.error}`;
  return [
    `${d.placed} placed; simulated ${d.fromS.toFixed(1)}-${d.toS.toFixed(1)} s (${d.insideAtEnd} inside at the end)`,
    `worker ${fixed(driven(d), 1)} ms per step in step(), ${fixed(d.wallMs / d.steps, 1)} ms per step of wall time with the round trips through the page (the worker ${fixed((100 * d.workerMs) / d.wallMs, 0)} % busy)`,
    ...(d.error !== null ? [`page errors: ${d.error}`] : []),
  ].join('; ');
}

/** The worker's ms per step in the driven pass. */
function driven(d: DrivenFigures | null): number {
  return d === null || d.steps === 0 ? Number.NaN : d.workerMs / d.steps;
}

function printTable(): void {
  console.log(`\nThe crowd in Chromium (step ${stepS} s):`);
  const header = ['people', 'placed', 'draw calls', 'page FPS', 'drawn FPS', 'frame gap ms', 'task ms run/load', 'sim/wall x1', `sim/wall x${FAST_SPEED}`, `worker busy x${FAST_SPEED}`, 'page stepMs', 'worker ms/step', 'Node ms/step', 'worker max x real'];
  const rows = results.map(({ people, slow, fast, driven: d }) => {
    const node = nodeFigures.get(people);
    return [
      String(people),
      Number.isNaN(slow.peopleAtStart) ? 'failed' : String(slow.peopleAtStart),
      slow.drawCalls.join('/') || '-',
      fixed(slow.fps, 1),
      `${fixed(slow.renderFps, 1)}${slow.peopleAsPoints ? ' (points)' : ''}`,
      fixed(slow.longestFrameGapMs, 0),
      `${fixed(slow.longestTaskMs, 0)} / ${fixed(slow.longestTaskBeforeMs, 0)}`,
      fixed(slow.simRate, 2),
      fast === null ? '-' : fixed(fast.simRate, 2),
      fast?.worker ? `${((100 * fast.worker.busyMs) / fast.worker.windowMs).toFixed(0)} %` : '-',
      fixed(slow.stepMs, 1),
      fixed(driven(d), 1),
      node === undefined ? '-' : fixed(node.msPerStep, 1),
      fixed((stepS * 1000) / driven(d), 2),
    ];
  });
  const widths = header.map((title, k) => Math.max(title.length, ...rows.map((row) => row[k].length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, k) => (k === 0 ? cell.padEnd(widths[k]) : cell.padStart(widths[k]))).join('  '));
  console.log('  page FPS: the main thread\'s animation frames; drawn FPS: frames the render worker drew (OffscreenCanvas), people as points above 8,000 with software rendering;');
  console.log(`  placed: people inside when the x1 window began. FPS, frame gap (longest time between two animation frames), task ms and sim/wall x1: the x1 pass, ${sampleS} s window;`);
  console.log(`  task ms: longest main-thread task in the window / before it (load, scene, warm-up), 0 = none over ${LONG_TASK_MS} ms. sim/wall: simulated s per wall s (page clock).`);
  console.log(`  worker busy x${FAST_SPEED}: share of the x${FAST_SPEED} window the worker computed (its CPU profile). page stepMs: the page's own figure at x1 (the worker's time in its advance calls, per step).`);
  console.log(`  worker ms/step: the worker's own time in step() (summary().wallS) when the bench steps it in the paused page, simulated ${simFromS}-${simFromS + simForS} s;`);
  console.log(`  Node ms/step: the same API in Node over the same simulated window, no browser; worker max x real: ${stepS * 1000} ms / worker ms per step.`);
  verdicts();
}

function verdicts(): void {
  const at = results.find((r) => r.people === REAL_TIME_PEOPLE) ?? results.find((r) => r.people >= REAL_TIME_PEOPLE);
  if (at === undefined) console.log(`verdict: keeps real time at ${REAL_TIME_PEOPLE} people: not measured (no such size)`);
  else {
    // Two questions: can the worker step fast enough (its time per step against the step), and
    // does the app's clock keep up at x1 (the page paces the worker and may hold it back).
    const msPerStep = driven(at.driven);
    const worker = Number.isFinite(msPerStep) ? `worker ${msPerStep <= stepS * 1000 ? 'YES' : 'NO'} (${fixed(msPerStep, 1)} ms per ${stepS} s step: at most ${fixed((stepS * 1000) / msPerStep, 2)} x real time)` : 'worker - (not measured)';
    const page = `app ${at.slow.simRate >= 0.98 ? 'YES' : 'NO'} (its clock ran ${fixed(at.slow.simRate, 2)} simulated s per wall s at x1, ${fixed(at.fast?.simRate ?? Number.NaN, 2)} at x${FAST_SPEED})`;
    console.log(`verdict: keeps real time at ${at.people} people: ${worker}; ${page}`);
  }
  const running = (r: (typeof results)[number]) => Math.max(r.slow.longestTaskMs, r.fast?.longestTaskMs ?? 0);
  const blocked = results.map((r) => `${r.people}: ${fixed(running(r), 0)} ms running, ${fixed(r.slow.longestTaskBeforeMs, 0)} ms loading`);
  const whileRunning = results.every((r) => running(r) <= LONG_TASK_MS);
  const ever = whileRunning && results.every((r) => r.slow.longestTaskBeforeMs <= LONG_TASK_MS);
  console.log(`verdict: main thread never blocks > ${LONG_TASK_MS} ms: ${ever ? 'YES' : whileRunning ? 'YES while running, NO while loading' : 'NO'} (longest task ${blocked.join('; ')})`);
  const calls = new Set(results.flatMap((r) => [...r.slow.drawCalls, ...(r.fast?.drawCalls ?? [])]));
  console.log(`verdict: draw calls constant in the number of people: ${calls.size === 1 ? `YES (${[...calls][0]} at every size)` : `NO (${[...calls].join(', ')})`}`);
}

function fixed(x: number, digits: number): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '-';
}

function positive(text: string, fallback: number): number {
  const x = Number(text);
  return Number.isFinite(x) && x > 0 ? x : fallback;
}
