/**
 * The browser app end to end in real Chromium (Debian's `chromium`, driven by playwright-core,
 * headless, kept off the network): it builds with vite, loads the default scenario with the
 * simulation in a web worker, people move between two screenshots a few simulated seconds apart,
 * the draw calls do not grow with the people (nor with the cars and trams), an alert appears in the feed when a scripted
 * incident happens, and the console stays free of errors.
 *
 * Without Chromium the test is skipped, saying so; with VIGIE_REQUIRE_BROWSER=1 (set by
 * .ci/run) a missing browser is a failure.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vigie } from '../bin/support/vigie.ts';
import { browserRequired as required, CHROMIUM, haveBrowser, openPage, serveApp, waitReady, type ServedApp } from './support/chromiumHarness.ts';

if (!haveBrowser) {
  const message = `no Chromium at ${CHROMIUM}: the browser tests are ${required ? 'required (VIGIE_REQUIRE_BROWSER=1) and fail' : 'skipped'} (install Debian's chromium, or set VIGIE_CHROMIUM)`;
  console.warn(message);
  if (required) it('needs Chromium', () => expect.fail(message));
}

describe.runIf(haveBrowser)('the browser app in Chromium', () => {
  let app: ServedApp;
  let url = '';

  beforeAll(async () => {
    app = await serveApp();
    url = app.url;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('loads the default scenario, people move between two screenshots, draw calls stay constant, no console errors', async () => {
    const { page, errors } = await openPage(app);
    await page.goto(url);
    expect(await waitReady(page)).toBeNull();
    // The renderer reports its draw calls a few times a second.
    await page.waitForFunction(() => Number(document.body.dataset.timeS) > 2 && Number(document.body.dataset.drawCalls) > 0, null, { timeout: 60_000 });
    const first = await page.evaluate(() => ({ timeS: Number(document.body.dataset.timeS), people: Number(document.body.dataset.people), drawCalls: Number(document.body.dataset.drawCalls) }));
    const shot1 = await page.screenshot();
    await page.waitForFunction((t) => Number(document.body.dataset.timeS) > t + 5, first.timeS, { timeout: 60_000 });
    const shot2 = await page.screenshot();
    const second = await page.evaluate(() => ({ timeS: Number(document.body.dataset.timeS), people: Number(document.body.dataset.people), drawCalls: Number(document.body.dataset.drawCalls) }));
    console.log(`browser: t ${first.timeS} s, ${first.people} people, ${first.drawCalls} draw calls; t ${second.timeS} s, ${second.people} people, ${second.drawCalls} draw calls`);
    expect(first.people).toBeGreaterThan(1000);
    // The people walk: the frames differ, and people have left through the exits.
    expect(shot1.equals(shot2)).toBe(false);
    expect(second.people).toBeLessThan(first.people);
    // One draw call per kind of thing, however many people.
    expect(second.drawCalls).toBe(first.drawCalls);
    expect(first.drawCalls).toBeLessThanOrEqual(8);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws the market square\'s cars and trams, one draw call per kind however many', async () => {
    const { page, errors } = await openPage(app);
    await page.goto(`${url}?scenario=market-tram&speed=32`);
    const withBoth = () => Number(document.body.dataset.trams) > 0 && Number(document.body.dataset.vehicles) > 0 && Number(document.body.dataset.drawCalls) > 0;
    await page.waitForFunction(withBoth, null, { timeout: 90_000 });
    // The renderer's report (twice a second) is of a frame with both drawn.
    await page.waitForTimeout(600);
    await page.waitForFunction(withBoth, null, { timeout: 90_000 });
    const first = await page.evaluate(() => ({ ...document.body.dataset }));
    await page.waitForFunction((t) => Number(document.body.dataset.timeS) > t + 20, Number(first.timeS), { timeout: 90_000 });
    await page.waitForFunction(withBoth, null, { timeout: 90_000 });
    await page.waitForTimeout(600);
    await page.waitForFunction(withBoth, null, { timeout: 90_000 });
    const second = await page.evaluate(() => ({ ...document.body.dataset }));
    console.log(`browser: market at ${first.timeS} s: ${first.vehicles} vehicles, ${first.trams} trams, ${first.people} people, ${first.drawCalls} draw calls; at ${second.timeS} s: ${second.vehicles}, ${second.trams}, ${second.people}, ${second.drawCalls}`);
    expect(Number(first.drawCalls)).toBe(Number(second.drawCalls));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows in the alert feed the alert a scripted incident raises (a fall in the park at 60 s, at [35, 30] m)', async () => {
    const { page, errors } = await openPage(app);
    await page.goto(`${url}?scenario=audit-park&speed=32`);
    await page.waitForFunction(() => Number(document.body.dataset.timeS) > 85 || document.body.dataset.error !== undefined, null, { timeout: 90_000 });
    expect(await page.evaluate(() => document.body.dataset.error ?? null)).toBeNull();
    const items = await page.$$eval('#alerts li', (list) => list.map((item) => item.textContent ?? ''));
    // "m:ss RULE (severity) at x, y m": the fall's alert, from the person-on-ground rule, where it lies.
    const atTheFall = items.filter((text) => {
      const match = /^(\d+):(\d+) person-on-ground \(\w+\) at (-?\d+), (-?\d+) m$/.exec(text);
      return match !== null && Number(match[1]) * 60 + Number(match[2]) >= 60 && Math.hypot(Number(match[3]) - 35, Number(match[4]) - 30) <= 3;
    });
    console.log(`browser: ${items.length} alerts in the feed by 85 s, ${atTheFall.length} at the scripted fall: ${atTheFall[0]}`);
    expect(atTheFall.length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe.runIf(haveBrowser)('the supervision centre acts on the simulation', () => {
  let app: ServedApp;

  beforeAll(async () => {
    app = await serveApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('"Close bollards" on the pedestrian zone is followed by no vehicle inside it; the command and its acks are in the log', async () => {
    const { page, errors } = await openPage(app, 1200, 800);
    await page.goto(`${app.url}?scenario=pedestrian-zone&speed=32`);
    expect(await waitReady(page)).toBeNull();
    // Delivery hours: the bollards are down and vans drive into the square.
    await page.waitForFunction(() => Number(document.body.dataset.vehiclesInZone) > 0, null, { timeout: 90_000 });
    const before = await page.evaluate(() => ({ timeS: Number(document.body.dataset.timeS), inside: Number(document.body.dataset.vehiclesInZone) }));
    await page.click('#close-bollards');
    await page.waitForFunction(() => /raised: \d+ closures/.test(document.querySelector('#command-result')?.textContent ?? ''), null, { timeout: 30_000 });
    // The vans already in drive on to the square and are gone; nobody else gets in, the truck (150 s) included.
    await page.waitForFunction(() => Number(document.body.dataset.vehiclesInZone) === 0, null, { timeout: 90_000 });
    const emptyAt = await page.evaluate(() => Number(document.body.dataset.timeS));
    const samples: { timeS: number; inside: number; hostile: number }[] = [];
    while ((samples.at(-1)?.timeS ?? 0) < Math.max(emptyAt + 60, 200)) {
      await page.waitForTimeout(100);
      samples.push(await page.evaluate(() => ({ timeS: Number(document.body.dataset.timeS), inside: Number(document.body.dataset.vehiclesInZone), hostile: Number(document.body.dataset.hostileInZone) })));
    }
    const log = await page.$$eval('#log li', (items) => items.map((item) => item.textContent ?? ''));
    console.log(`browser: ${before.inside} vehicles in the pedestrian zone at ${before.timeS} s; bollards raised; empty from ${emptyAt} s; ${samples.length} samples to ${samples.at(-1)?.timeS} s, most inside ${Math.max(...samples.map((s) => s.inside + s.hostile))}; log: ${log.length} lines`);
    expect(before.inside).toBeGreaterThan(0);
    expect(emptyAt - before.timeS).toBeLessThan(120);
    expect(samples.every((s) => s.inside === 0 && s.hostile === 0)).toBe(true);
    expect(log.some((line) => / command closure\.set operator$/.test(line))).toBe(true);
    expect(log.some((line) => / ack closure\.set closure:bollard-6: raised/.test(line))).toBe(true);
    const states = await page.$$eval('#hypervision .state', (items) => items.map((item) => item.textContent));
    expect(states.filter((state) => state === 'raised').length).toBeGreaterThanOrEqual(8);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switches the street lights off from the panel as dusk falls; scrubs back through the recorded run and goes live again', async () => {
    const { page, errors } = await openPage(app, 1200, 800);
    await page.goto(`${app.url}?scenario=pedestrian-zone&speed=32`);
    expect(await waitReady(page)).toBeNull();
    await page.waitForFunction(() => Number(document.body.dataset.timeS) > 60, null, { timeout: 90_000 });
    const dusk = await page.evaluate(() => ({ lux: Number(document.body.dataset.ambientLux), on: Number(document.body.dataset.lightsOn), daylight: Number(document.body.dataset.daylight) }));
    await page.click('#lights-off');
    await page.waitForFunction(() => document.body.dataset.lightsOn === '0', null, { timeout: 30_000 });
    await page.waitForFunction(() => Number(document.body.dataset.timeS) > 200, null, { timeout: 90_000 });
    const night = await page.evaluate(() => ({ lux: Number(document.body.dataset.ambientLux), daylight: Number(document.body.dataset.daylight) }));
    console.log(`browser: dusk ${dusk.lux} lux (daylight ${dusk.daylight}), ${dusk.on} lights on; lights off; later ${night.lux} lux (daylight ${night.daylight})`);
    expect(dusk.on).toBe(12);
    expect(night.lux).toBeLessThan(dusk.lux);
    expect(night.daylight).toBeLessThan(dusk.daylight);
    const log = await page.$$eval('#log li', (items) => items.map((item) => item.textContent ?? ''));
    expect(log.some((line) => / ack lights\.set lights:marche-1,.*: marche-1, .* at level 0$/.test(line))).toBe(true);

    // The timeline: back to about 30 s, where the recorded frame is shown while the simulation waits.
    await page.$eval('#timeline', (input) => {
      (input as HTMLInputElement).value = '30';
      input.dispatchEvent(new Event('input'));
    });
    const scrubbed = await page.evaluate(() => ({ shown: Number(document.body.dataset.scrubbing), label: document.querySelector('#timeline-at')?.textContent }));
    // A request already in flight ends; then the simulation waits while the recorded frame shows.
    await page.waitForTimeout(1000);
    const live = await page.evaluate(() => Number(document.body.dataset.timeS));
    const shot1 = await page.screenshot();
    await page.waitForTimeout(1500);
    const waited = await page.evaluate(() => Number(document.body.dataset.timeS));
    const shot2 = await page.screenshot();
    // Frames are kept a simulated second apart at least (at x32 a snapshot comes every 2 s).
    expect(scrubbed.shown).toBeGreaterThan(27.9);
    expect(scrubbed.shown).toBeLessThanOrEqual(30);
    expect(scrubbed.label).toMatch(/^0:(27|28|29|30) \(recorded\)$/);
    expect(waited).toBe(live);
    expect(shot1.equals(shot2)).toBe(true);
    await page.click('#live');
    await page.waitForFunction((t) => Number(document.body.dataset.timeS) > t + 5, waited, { timeout: 60_000 });
    expect(await page.evaluate(() => document.body.dataset.scrubbing)).toBe('');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('in the park, a click on the fall\'s alert opens the nearest camera\'s view; the density layer and the cameras keep the draw calls constant', async () => {
    const { page, errors } = await openPage(app, 1200, 800);
    await page.goto(`${app.url}?scenario=audit-park&speed=32`);
    expect(await waitReady(page)).toBeNull();
    await page.check('#show-density');
    await page.waitForFunction(() => Number(document.body.dataset.timeS) > 75, null, { timeout: 90_000 });
    await page.click('#play');
    const fall = page.locator('#alerts li', { hasText: /person-on-ground \(\w+\) at 3[4-6], (29|30|31) m$/ }).first();
    await fall.click();
    await page.waitForFunction(() => (document.body.dataset.camera ?? '') !== '', null, { timeout: 10_000 });
    // The renderer's report (twice a second) of a frame with the place marked and the camera's view.
    await page.waitForTimeout(600);
    const state = await page.evaluate(() => ({ camera: document.body.dataset.camera, place: document.querySelector('#place')?.textContent, density: Number(document.body.dataset.highestDensity), drawCalls: Number(document.body.dataset.drawCalls) }));
    console.log(`browser: the fall's alert opens ${state.camera}'s view, place ${state.place}, highest density ${state.density} P/m², ${state.drawCalls} draw calls`);
    expect(state.place).toMatch(/^3[4-6], (29|30|31) m$/);
    expect(state.density).toBeGreaterThan(0);
    // Played on, with other people in view: the same draw calls (the renderer reports twice a second).
    await page.click('#play');
    await page.waitForFunction((t) => Number(document.body.dataset.timeS) > t + 20, Number(await page.evaluate(() => document.body.dataset.timeS)), { timeout: 60_000 });
    await page.waitForTimeout(600);
    const later = await page.evaluate(() => ({ people: Number(document.body.dataset.people), drawCalls: Number(document.body.dataset.drawCalls) }));
    console.log(`browser: later ${later.people} people, ${later.drawCalls} draw calls`);
    expect(later.drawCalls).toBe(state.drawCalls);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows an audit.json from vigie audit: its table, charts and false alarms on the map; a wrong file gets a message naming it', async () => {
    const work = mkdtempSync(join(tmpdir(), 'vigie-e2e-audit-'));
    try {
      const run = vigie('audit', 'scenarios/audit-park.json', '--runs', '1', '--workers', '1', '--quiet', '--out', work);
      expect(run.status).toBe(0);
      const { page, errors } = await openPage(app, 1400, 900);
      await page.goto(`${app.url}?scenario=audit-park&paused=1`);
      expect(await waitReady(page)).toBeNull();
      await page.setInputFiles('#audit-file', join(work, 'audit.json'));
      await page.waitForFunction(() => Number(document.body.dataset.falseAlarms) > 0, null, { timeout: 30_000 });
      const view = await page.evaluate(() => ({
        visible: !(document.querySelector('#audit-panel') as HTMLElement).hidden,
        rows: document.querySelectorAll('#audit .audit-rules tbody tr').length,
        charts: document.querySelectorAll('#audit .audit-chart svg').length,
        falseAlarms: Number(document.body.dataset.falseAlarms),
      }));
      console.log(`browser: audit view with ${view.rows} rules, ${view.charts} charts, ${view.falseAlarms} false alarms on the map`);
      expect(view.visible).toBe(true);
      expect(view.rows).toBeGreaterThan(3);
      expect(view.charts).toBe(3);
      writeFileSync(join(work, 'summary.json'), JSON.stringify({ scenario: 'x', ticks: 3 }));
      await page.setInputFiles('#audit-file', join(work, 'summary.json'));
      await page.waitForFunction(() => (document.body.dataset.auditError ?? '') !== '', null, { timeout: 30_000 });
      expect(await page.evaluate(() => document.body.dataset.auditError)).toMatch(/^summary\.json: /);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
  it('reads a recorded run (a trajectories.csv) in a worker and scrubs it on the timeline; "Live" goes back', async () => {
    const work = mkdtempSync(join(tmpdir(), 'vigie-e2e-run-'));
    try {
      // Three people crossing the park in 30 s, sampled at 10 Hz (the CLI's format: tests/viz/trajectoryFrames.test.ts reads a real one).
      const rows = ['id,timeS,x,y'];
      for (let tick = 0; tick <= 300; tick++) for (let id = 1; id <= 3; id++) rows.push(`${id},${(tick / 10).toFixed(1)},${(5 + tick / 5).toFixed(3)},${(10 * id).toFixed(3)}`);
      const file = join(work, 'trajectories.csv');
      writeFileSync(file, `${rows.join('\n')}\n`);
      const { page, errors } = await openPage(app);
      await page.goto(`${app.url}?scenario=audit-park&speed=8`);
      expect(await waitReady(page)).toBeNull();
      await page.setInputFiles('#run-file', file);
      await page.waitForFunction(() => document.body.dataset.replayDone === 'true' || (document.body.dataset.replayError ?? '') !== '', null, { timeout: 30_000 });
      const loaded = await page.evaluate(() => ({ frames: Number(document.body.dataset.replayFrames), shown: Number(document.body.dataset.shownPeople), max: (document.querySelector('#timeline') as HTMLInputElement).max, status: document.querySelector('#status')?.textContent }));
      console.log(`browser: recorded run of ${loaded.frames} frames, timeline to ${loaded.max} s: ${loaded.status}`);
      expect(loaded.frames).toBe(31);
      expect(loaded.max).toBe('30');
      expect(loaded.shown).toBe(3);
      const shot0 = await page.screenshot();
      await page.$eval('#timeline', (input) => {
        (input as HTMLInputElement).value = '25';
        input.dispatchEvent(new Event('input'));
      });
      await page.waitForTimeout(500);
      expect(await page.evaluate(() => document.querySelector('#timeline-at')?.textContent)).toBe('0:25 (recorded run)');
      expect((await page.screenshot()).equals(shot0)).toBe(false);
      await page.click('#live');
      await page.waitForFunction(() => document.body.dataset.scrubbing === '' && document.body.dataset.replayFrames === '', null, { timeout: 10_000 });
      writeFileSync(file, 'agent,t,x,y\n1,0,1,1\n');
      await page.setInputFiles('#run-file', file);
      await page.waitForFunction(() => (document.body.dataset.replayError ?? '') !== '', null, { timeout: 30_000 });
      expect(await page.evaluate(() => document.body.dataset.replayError)).toMatch(/^trajectories\.csv: line 1: expected the header "id,timeS,x,y"/);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
