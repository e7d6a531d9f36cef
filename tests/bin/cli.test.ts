import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, vigie } from './support/vigie.ts';

const FIXTURES = 'tests/fixtures/scenarios';
const GOOD = `${FIXTURES}/small-room.json`;

/** summary.json text without its machine-dependent wall time. */
function withoutWallTime(summaryText: string): string {
  return summaryText.replace(/"wallS": [^,\n]+,?/, '');
}

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'vigie-cli-'));
});
afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('vigie run', () => {
  it('writes summary.json, prints a short summary and exits 0 for a valid scenario', () => {
    const out = join(work, 'out');
    const run = vigie('run', GOOD, '--out', out);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.scenario).toBe('small room');
    expect(summary.pedestrians.spawned).toBe(40);
    expect(summary.pedestrians.exited).toBe(40);
    expect(summary.exits.door.count).toBe(40);
    expect(summary.wallS).toBeGreaterThan(0);
    expect(existsSync(join(out, 'trajectories.csv'))).toBe(false);
    expect(run.stdout).toMatch(/40 spawned, 40 exited/);
    expect(run.stdout).toMatch(/agent-steps\/s/);
    expect(run.stdout).toContain(join(out, 'summary.json'));
  });

  it.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('on %s stops, removes what it had written and exits %i', async (signal, code) => {
    const out = join(work, 'nested', 'out');
    const child = spawn(process.execPath, ['bin/vigie.mjs', 'run', 'scenarios/default.json', '--out', out, '--trajectories'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // Wait until the run has started writing (its output directory exists), then interrupt.
    const started = Date.now();
    while (!existsSync(out) && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(out)).toBe(true);
    child.kill(signal);
    const exitCode = await new Promise<number | null>((r) => child.on('close', r));
    expect(exitCode).toBe(code);
    expect(stderr).toContain(`interrupted by ${signal}`);
    expect(existsSync(join(work, 'nested'))).toBe(false);
  });

  it('a run without --trajectories removes the trajectories.csv of an earlier run in the same directory', () => {
    const out = join(work, 'out');
    expect(vigie('run', GOOD, '--out', out, '--trajectories', '--quiet').status).toBe(0);
    expect(existsSync(join(out, 'trajectories.csv'))).toBe(true);
    expect(vigie('run', GOOD, '--out', out, '--quiet').status).toBe(0);
    expect(existsSync(join(out, 'trajectories.csv'))).toBe(false);
    expect(existsSync(join(out, 'summary.json'))).toBe(true);
  });

  it('with --trajectories writes a CSV with header id,timeS,x,y sampled at the scenario rate', () => {
    const out = join(work, 'out');
    const run = vigie('run', GOOD, '--out', out, '--trajectories', '--quiet');
    expect(run.status).toBe(0);
    const lines = readFileSync(join(out, 'trajectories.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('id,timeS,x,y');
    expect(lines.length).toBeGreaterThan(100);
    const ids = new Set<number>();
    for (const line of lines.slice(1)) {
      const [id, timeS, x, y] = line.split(',').map(Number);
      ids.add(id);
      // output.trajectoryHz is 5 in the fixture: one sample every 0.2 s, times to the millisecond.
      expect(Math.abs(timeS * 5 - Math.round(timeS * 5))).toBeLessThan(1e-6);
      expect(x).toBeGreaterThanOrEqual(0);
      // Only people inside are written: nobody beyond the exit strip.
      expect(x).toBeLessThanOrEqual(10.5);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(6);
      expect(Math.round(x * 1000) / 1000).toBe(x);
    }
    expect(ids.size).toBe(40);
  });

  it('with --quiet prints nothing on stdout or stderr', () => {
    const run = vigie('run', GOOD, '--out', join(work, 'out'), '--quiet');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('');
  });

  it('gives byte-identical summaries (apart from wallS) for the same seed, and different ones for another --seed', () => {
    const texts = ['a', 'b', 'c'].map((name, k) => {
      const out = join(work, name);
      const run = vigie('run', GOOD, '--out', out, '--quiet', ...(k === 2 ? ['--seed', '8'] : []));
      expect(run.status).toBe(0);
      return readFileSync(join(out, 'summary.json'), 'utf8');
    });
    expect(withoutWallTime(texts[1])).toBe(withoutWallTime(texts[0]));
    expect(withoutWallTime(texts[2])).not.toBe(withoutWallTime(texts[0]));
    expect(JSON.parse(texts[2]).seed).toBe(8);
  });
});

describe('vigie run with bad input', () => {
  /** Checks the contract for bad input: exit 2, one line per problem, no stack, nothing written. */
  function expectRejected(run: ReturnType<typeof vigie>, out: string, ...mentions: string[]) {
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    for (const text of mentions) expect(run.stderr).toContain(text);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stderr.trim().split('\n').every((line) => line.length > 0)).toBe(true);
    expect(existsSync(out)).toBe(false);
  }

  it.each([
    ['not-json.json', '(root)', 'not valid JSON'],
    ['unknown-exit.json', 'pedestrians[0].goal', 'unknown exit "E9"'],
    ['self-intersecting.json', 'geometry.walkable[0]', 'self-intersecting'],
    ['spawn-outside.json', 'pedestrians[0].spawn.polygon', 'not inside walkable space'],
    ['negative-rate.json', 'sources[0].ratePerS', 'expected a number >= 0'],
    ['group-too-big.json', 'pedestrians[0].count', 'cannot fit'],
  ])('rejects %s naming the file and %s, exit 2, writing nothing', (fixture, path, message) => {
    const out = join(work, 'out');
    const file = `${FIXTURES}/${fixture}`;
    expectRejected(vigie('run', file, '--out', out, '--trajectories'), out, `${file}: ${path}: `, message);
  });

  it('rejects at load time a group that appears later but could never be placed in its area', () => {
    const out = join(work, 'nested', 'out');
    const file = `${FIXTURES}/late-group-too-dense.json`;
    expectRejected(vigie('run', file, '--out', out, '--trajectories'), join(work, 'nested'), `${file}: pedestrians[1].count: 244 people`);
  });

  it('rejects a missing scenario file with a one-line message naming it', () => {
    const out = join(work, 'out');
    const run = vigie('run', `${FIXTURES}/does-not-exist.json`, '--out', out);
    expectRejected(run, out, 'does-not-exist.json', 'no such file');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each(['-1', 'abc', '1.5', '4294967296', ''])('rejects --seed %j with exit 2', (seed) => {
    const out = join(work, 'out');
    const run = vigie('run', GOOD, '--out', out, '--seed', seed);
    expectRejected(run, out, '--seed');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('rejects a missing scenario argument and an unknown option with exit 2', () => {
    const missing = vigie('run');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/missing required argument/);
    const unknown = vigie('run', GOOD, '--frobnicate');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--frobnicate'/);
    expect(unknown.stderr).not.toMatch(/^\s+at /m);
  });

  it('rejects an --out path that is an existing file before running', () => {
    const file = join(work, 'a-file');
    writeFileSync(file, 'keep me');
    const run = vigie('run', GOOD, '--out', file);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('not a directory');
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });
});
