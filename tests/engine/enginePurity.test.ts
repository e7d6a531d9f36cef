import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const ENGINE = join(ROOT, 'engine');

/** Every TypeScript file under engine/, as [path relative to the root, text without comments]. */
function engineSources(): [string, string][] {
  const files: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.ts')) files.push(path);
    }
  };
  visit(ENGINE);
  return files.map((path) => [relative(ROOT, path), stripComments(readFileSync(path, 'utf8'))]);
}

/**
 * The code without its comments, so that a comment may name what the code must not use.
 * NOTE: a simple scanner: `//` inside a string or a regular expression literal would cut a line
 * short, which can only hide code from the checks below on that line, never invent a finding.
 */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Module specifiers imported or re-exported by a file (static and dynamic imports). */
function importedModules(code: string): string[] {
  const specifiers: string[] = [];
  const patterns = [/\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) specifiers.push(match[1]);
  return specifiers;
}

/** Modules the engine must not import: Node-only APIs, rendering, worker plumbing. */
const FORBIDDEN_MODULE = /^(node:|fs$|fs\/|path$|path\/|worker_threads$|three$|three\/|comlink$|comlink\/|child_process$|os$)/;
/** Non-deterministic or environment-specific globals the engine must not read. */
const FORBIDDEN_CALLS: [string, RegExp][] = [
  ['Math.random', /\bMath\s*\.\s*random\b/],
  ['Date.now', /\bDate\s*\.\s*now\b/],
  ['new Date', /\bnew\s+Date\b/],
  ['performance.now', /\bperformance\s*\.\s*now\b/],
  ['process.', /\bprocess\s*\./],
];

describe('engine purity', () => {
  const sources = engineSources();

  it('finds the engine sources', () => {
    expect(sources.length).toBeGreaterThan(10);
    expect(sources.map(([path]) => path)).toContain(join('engine', 'index.ts'));
  });

  it('imports no Node-only module, no three.js and no comlink anywhere under engine/', () => {
    const offending = sources.flatMap(([path, code]) => importedModules(code).filter((m) => FORBIDDEN_MODULE.test(m)).map((m) => `${path}: ${m}`));
    expect(offending).toEqual([]);
  });

  it('never reads Math.random, Date.now, performance.now or process anywhere under engine/', () => {
    const offending = sources.flatMap(([path, code]) => FORBIDDEN_CALLS.filter(([, pattern]) => pattern.test(code)).map(([name]) => `${path}: ${name}`));
    expect(offending).toEqual([]);
  });

  it('the comment stripper keeps code and drops comments', () => {
    const code = stripComments("const a = 'http://x'; // Math.random\n/* Date.now */ const b = 1;");
    expect(code).toContain("'http://x'");
    expect(code).not.toMatch(/Math\.random|Date\.now/);
    expect(FORBIDDEN_CALLS.some(([, p]) => p.test('const r = Math.random();'))).toBe(true);
    expect(importedModules("import { readFileSync } from 'node:fs';\nimport type { X } from './x.ts';")).toEqual(['node:fs', './x.ts']);
  });
});

describe('engine in the browser bundle', () => {
  it('vite builds the viz page (engine included) for the browser', () => {
    const outDir = mkdtempSync(join(tmpdir(), 'vigie-viz-'));
    try {
      const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
      const build = spawnSync(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      expect(build.status, build.stderr).toBe(0);
      // A Node built-in reached from the page would be replaced by an empty stub, with a warning.
      expect(build.stderr + build.stdout).not.toMatch(/externalized|browser compatibility/i);
      expect(existsSync(join(outDir, 'viz', 'index.html'))).toBe(true);
      const assets = readdirSync(join(outDir, 'assets'));
      expect(assets.some((name) => name.endsWith('.js'))).toBe(true);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
