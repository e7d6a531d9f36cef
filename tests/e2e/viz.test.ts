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
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../..');
const CHROMIUM = process.env.VIGIE_CHROMIUM ?? '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
const required = process.env.VIGIE_REQUIRE_BROWSER === '1';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

if (!haveBrowser) {
  const message = `no Chromium at ${CHROMIUM}: the browser tests are ${required ? 'required (VIGIE_REQUIRE_BROWSER=1) and fail' : 'skipped'} (install Debian's chromium, or set VIGIE_CHROMIUM)`;
  console.warn(message);
  if (required) it('needs Chromium', () => expect.fail(message));
}

describe.runIf(haveBrowser)('the browser app in Chromium', () => {
  let outDir = '';
  let server: Server;
  let browser: Browser;
  let url = '';

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'vigie-viz-'));
    const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`vite build failed: ${build.stderr}`);
    server = createServer((request, response) => {
      let path = join(outDir, decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname));
      if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
      if (!path.startsWith(outDir) || !existsSync(path)) {
        response.writeHead(404);
        response.end();
        return;
      }
      response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      response.end(readFileSync(path));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/viz/index.html`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('loads the default scenario, people move between two screenshots, draw calls stay constant, no console errors', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 600 } });
    const errors: string[] = [];
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.ready === 'true' || document.body.dataset.error !== undefined, null, { timeout: 60_000 });
    expect(await page.evaluate(() => document.body.dataset.error ?? null)).toBeNull();
    await page.waitForFunction(() => Number(document.body.dataset.timeS) > 2, null, { timeout: 60_000 });
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
    const page = await browser.newPage({ viewport: { width: 900, height: 600 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${url}?scenario=market-tram&speed=32`);
    await page.waitForFunction(() => Number(document.body.dataset.trams) > 0 && Number(document.body.dataset.vehicles) > 0, null, { timeout: 90_000 });
    const first = await page.evaluate(() => ({ ...document.body.dataset }));
    await page.waitForFunction((t) => Number(document.body.dataset.timeS) > t + 20, Number(first.timeS), { timeout: 90_000 });
    const second = await page.evaluate(() => ({ ...document.body.dataset }));
    console.log(`browser: market at ${first.timeS} s: ${first.vehicles} vehicles, ${first.trams} trams, ${first.people} people, ${first.drawCalls} draw calls; at ${second.timeS} s: ${second.vehicles}, ${second.trams}, ${second.people}, ${second.drawCalls}`);
    expect(Number(first.drawCalls)).toBe(Number(second.drawCalls));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows in the alert feed the alert a scripted incident raises (a fall in the park at 60 s, at [35, 30] m)', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 600 } });
    const errors: string[] = [];
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    page.on('pageerror', (error) => errors.push(String(error)));
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
