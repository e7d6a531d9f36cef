/**
 * `vigie import`: real OSM in, city.json out; bad input refused with exit code 2, one line per
 * problem, no stack trace and no file written.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, vigie } from './support/vigie.ts';
import { MONACO_OSM } from '../city-models/support/independentOsm.ts';


let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'vigie-import-'));
});
afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('vigie import', () => {
  it('imports Monaco into a city model and prints counts and skipped features by reason', () => {
    const out = join(work, 'monaco.city.json');
    const run = vigie('import', MONACO_OSM, '--out', out);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const model = JSON.parse(readFileSync(out, 'utf8'));
    expect(model.format).toBe('vigie-city');
    expect(model.buildings.length).toBeGreaterThan(900);
    expect(run.stdout).toMatch(/buildings 9\d\d, /);
    expect(run.stdout).toMatch(/skipped \d+ features:/);
  });

  it('keeps only what meets --bbox and centres the frame on it', () => {
    const out = join(work, 'port.city.json');
    const run = vigie('import', MONACO_OSM, '--out', out, '--bbox', '7.420,43.730,7.426,43.736', '--quiet');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    const model = JSON.parse(readFileSync(out, 'utf8'));
    expect(model.origin).toEqual({ lonDeg: 7.423, latDeg: 43.733 });
    expect(model.report.counts.outsideBbox).toBeGreaterThan(1000);
    expect(model.buildings.length).toBeLessThan(500);
  });

  it.each([
    [['--bbox', '7.5,43.7,7.4,43.8'], /--bbox 7\.5,43\.7,7\.4,43\.8: expected minLon < maxLon/],
    [['--bbox', '1,2,3'], /--bbox 1,2,3: expected four numbers/],
    [['--bbox', '2.3,48.8,2.4,48.9'], /--bbox: no data inside 2\.3,48\.8,2\.4,48\.9/],
    [['--origin', 'east'], /--origin east: expected lon,lat/],
  ])('refuses %j with exit code 2 and writes nothing', (extra, message) => {
    const out = join(work, 'city.json');
    const run = vigie('import', MONACO_OSM, '--out', out, ...(extra as string[]));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message as RegExp);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses malformed XML naming the file, line and column, and leaves an earlier city.json untouched', () => {
    const input = join(work, 'broken.osm');
    writeFileSync(input, '<osm version="0.6">\n<node id="1" lat="1" lon="1">\n<way id="2"></osm>');
    const out = join(work, 'city.json');
    writeFileSync(out, 'previous');
    const run = vigie('import', input, '--out', out);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/broken\.osm: line 3, column \d+: malformed XML/);
    expect(readFileSync(out, 'utf8')).toBe('previous');
  });

  it('refuses a missing input file with one line', () => {
    const run = vigie('import', join(work, 'nowhere.osm'), '--out', join(work, 'city.json'));
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toMatch(/nowhere\.osm: cannot read the city file: no such file$/);
  });
});
