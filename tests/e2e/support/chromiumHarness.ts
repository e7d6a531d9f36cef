/**
 * What the browser tests and the browser benchmark share: build the app with vite into a
 * temporary folder, serve it from a plain Node static server on 127.0.0.1 (as any static web
 * server would), and launch Debian's Chromium headless through playwright-core with the flags
 * that keep it off the network. Not a test file: imported by tests/e2e/*.test.ts and bench/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../../..');
/** The browser: Debian's chromium unless VIGIE_CHROMIUM names another. */
export const CHROMIUM = process.env.VIGIE_CHROMIUM ?? '/usr/bin/chromium';
export const haveBrowser = existsSync(CHROMIUM);
/** Set by .ci/run: a missing browser is a failure, not a skip. */
export const browserRequired = process.env.VIGIE_REQUIRE_BROWSER === '1';
/** Chromium's flags: headless is playwright's; these keep it off the network and quiet. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml' };

/** A built app served locally and a browser; `close` undoes all three. */
export interface ServedApp {
  /** The app's page: http://127.0.0.1:PORT/viz/index.html */
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Builds the app (vite build into a temporary folder), serves it and launches Chromium. */
export async function serveApp(extraArgs: string[] = []): Promise<ServedApp> {
  const outDir = mkdtempSync(join(tmpdir(), 'vigie-viz-'));
  const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) {
    rmSync(outDir, { recursive: true, force: true });
    throw new Error(`vite build failed: ${build.stderr}`);
  }
  const server: Server = createServer((request, response) => {
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
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/viz/index.html`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs] });
  return {
    url,
    browser,
    async close() {
      await browser.close();
      await new Promise<void>((done) => server.close(() => done()));
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** A new page that collects console errors and uncaught exceptions into `errors`. */
export async function openPage(app: ServedApp, width = 900, height = 600): Promise<{ page: Page; errors: string[] }> {
  const page = await app.browser.newPage({ viewport: { width, height } });
  const errors: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(String(error)));
  return { page, errors };
}

/** Waits until the app says it is ready (or failed), and returns its error message, if any. */
export async function waitReady(page: Page, timeoutMs = 60_000): Promise<string | null> {
  await page.waitForFunction(() => document.body.dataset.ready === 'true' || document.body.dataset.error !== undefined, null, { timeout: timeoutMs });
  return page.evaluate(() => document.body.dataset.error ?? null);
}
