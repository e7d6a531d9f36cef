/**
 * `vigie rehearse` and `vigie compare` end to end (issue 7), on a small evening on the default
 * district's Place du Marché (tests/fixtures/rehearsal/market-evening.json: arrivals from two
 * origins and by tram, a gathering until the concert ends, Tram 1, zones, a counting line, two
 * variants): every file written; a report that is well-formed, self-contained and shows the
 * numbers of summary.json; GeoJSON that turf reads back with the right areas; the same figures
 * for the same seed, with one worker or two; user errors refused with exit code 2, writing nothing.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { area, booleanClockwise } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readScenarioJson, loadScenarioValue } from '../../bin/loadScenarioFile.ts';
import { clock, duration } from '../../bin/plannerReport.ts';
import { loadVariant } from '../../bin/rehearseCommand.ts';
import type { PlannerComparison, PlannerSummary } from '../../engine/measurement/PlannerSummary.ts';
import { ROOT, vigie } from './support/vigie.ts';
import { tagProblem } from './support/tagProblem.ts';

const SCENARIO = 'tests/fixtures/rehearsal/market-evening.json';
const FILES = ['summary.json', 'report.html', 'zones.csv', 'flows.csv', 'queues.csv', 'travel-times.csv', 'egress.csv', 'zones.geojson', 'density.geojson'];

interface Report {
  seeds: number[];
  scale: number;
  variants: { id: string; description: string }[];
  run: Record<string, unknown> & { wallS: number; pedestrians: { spawned: number; exited: number } };
  planner: PlannerSummary;
  comparison?: PlannerComparison;
}


const plotsOf = (html: string): string[] => [...html.matchAll(/<svg [^>]*data-plot="([^"]+)"/g)].map((m) => m[1]);
const read = (dir: string, name: string): string => readFileSync(join(dir, name), 'utf8');
const readReport = (dir: string): Report => JSON.parse(read(dir, 'summary.json')) as Report;
const withoutWallS = (run: Report['run']): Report['run'] => ({ ...run, wallS: 0 });
/** The report without the one machine-dependent figure: the wall time of its header. */
const withoutWallTime = (html: string): string => html.replace(/simulated in [^;]* of wall time/, 'simulated in (wall time) of wall time');

/** The fixture as JSON, its city path made absolute so that a copy in the work directory finds it. */
function fixtureJson(): Record<string, unknown> {
  const scenario = JSON.parse(readFileSync(join(ROOT, SCENARIO), 'utf8')) as Record<string, unknown>;
  scenario.city = join(ROOT, 'city-models/default/district.geojson');
  delete scenario.$schema;
  return scenario;
}

let work: string;
let first: string;
let firstRun: ReturnType<typeof vigie>;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'vigie-rehearse-'));
  first = join(work, 'first');
  firstRun = vigie('rehearse', SCENARIO, '--out', first);
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('vigie rehearse', () => {
  it('writes every file, with the planner section in summary.json and the headline on the terminal', () => {
    expect(firstRun.stderr).toBe('');
    expect(firstRun.status).toBe(0);
    for (const name of FILES) expect(existsSync(join(first, name)), name).toBe(true);
    expect(existsSync(join(first, 'comparison.csv'))).toBe(false);
    const report = readReport(first);
    expect(report.seeds).toEqual([21]);
    expect(report.comparison).toBeUndefined();
    const { planner, run } = report;
    // 90 s of arrivals on foot (7200 then 3600 an hour over 45 s bins: 135) and 15 by tram.
    expect(run.pedestrians.spawned).toBe(150);
    expect(run.pedestrians.exited).toBe(150);
    expect(Object.keys(planner.zones)).toEqual(['stage', 'square', 'platform']);
    expect(planner.zones.stage).toMatchObject({ kind: 'queue', areaM2: 800 });
    expect(planner.zones.platform).toMatchObject({ kind: 'queue', areaM2: 344 });
    expect(planner.zones.square.kind).toBe('walkway');
    // The stage and the platform lie on the square: its worst square is at least as dense as theirs.
    expect(planner.zones.square.maxDensityPerM2).toBeGreaterThanOrEqual(Math.max(planner.zones.stage.maxDensityPerM2, planner.zones.platform.maxDensityPerM2));
    expect(planner.zones.stage.maxPeople).toBeGreaterThan(50);
    expect(Object.keys(planner.flows)).toEqual(['square-west']);
    expect(planner.flows['square-west'].widthM).toBe(80);
    // The tram riders (15) wait on the platform and board.
    expect(planner.queues['T1-north:marche-north']).toMatchObject({ kind: 'stop', served: 15, maxQueue: 15 });
    // The egress is timed from the end of the concert (120 s), and nobody left before it.
    expect(planner.egress).toMatchObject({ moment: 'concert-ends', fromS: 120, people: 150, remaining: 0 });
    expect(planner.egress.inside.length).toBe(301);
    expect(planner.egress.inside[119]).toBe(150);
    expect(planner.egress.p95S).toBeGreaterThan(30);
    expect(planner.headline.egressP95S).toBe(planner.egress.p95S);
    expect(planner.headline.maxPeopleInside).toBe(150);
    // Travel times per origin and exit: every arrival counted once.
    expect(Object.values(planner.travelTimes).reduce((n, t) => n + t.count, 0)).toBe(150);
    expect(Object.keys(planner.travelTimes).some((key) => key === 'by-tram/tram -> T1-north:marche-north')).toBe(true);
    expect(planner.bottlenecks.map((b) => b.id).sort()).toEqual(['T1-north:marche-north', 'platform', 'square', 'square-west', 'stage']);
    expect(firstRun.stdout).toContain(`peak density ${planner.headline.peakDensityPerM2.toFixed(2)} P/m²`);
    expect(firstRun.stdout).toContain(`95 % in ${planner.egress.p95S!.toFixed(0)} s`);
    // The CSV tables: one row per zone, one per second of the egress curve.
    expect(read(first, 'zones.csv').trim().split('\r\n').length).toBe(1 + 3);
    expect(read(first, 'egress.csv').trim().split('\r\n').length).toBe(1 + 301);
  });

  it('writes a well-formed, self-contained report that shows the numbers of summary.json and one SVG per plot', () => {
    const html = read(first, 'report.html');
    const { planner } = readReport(first);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(tagProblem(html)).toBeNull();
    for (const tag of ['html', 'head', 'body']) expect(html.match(new RegExp(`<${tag}[ >]`, 'g'))?.length, tag).toBe(1);
    expect(html.replaceAll('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:|<script|<link|@import|url\(|@font-face|<iframe|<object/i);
    const h = planner.headline, e = planner.egress;
    const numbers = [
      `>${h.peakDensityPerM2.toFixed(2)} P/m²<`, `at ${clock(h.peakAtS)}, (${h.peakAt[0].toFixed(0)}, ${h.peakAt[1].toFixed(0)}) m, zone ${h.peakZone}`,
      `>${duration(h.secondsAbove4)}<`, `>${h.areaAbove4M2} m²<`, `>${h.maxPeopleInside}<`, `at ${clock(h.maxPeopleAtS)}`, `>${duration(h.egressP95S)}<`,
      `from ${e.moment} at ${clock(e.fromS)}; everyone out: ${duration(e.allOutS)}`, `Half were out after ${duration(e.p50S)}`, `>Fruin ${h.worstLevel}<`, `>${h.bottleneck}<`,
    ];
    for (const [id, z] of Object.entries(planner.zones)) {
      numbers.push(`${z.maxDensityPerM2.toFixed(2)} <small>at ${clock(z.maxAtS)}</small>`, `${z.maxVoronoiDensityPerM2.toFixed(2)} <small>at ${clock(z.maxVoronoiAtS)}</small>`, `<td>${id}</td>`);
    }
    for (const f of Object.values(planner.flows)) numbers.push(`<td>${f.crossings}</td><td>${f.forward} / ${f.backward}</td><td>${f.peakPerMin} <small>at ${clock(f.peakAtS)}</small></td>`);
    for (const q of Object.values(planner.queues)) numbers.push(`${q.maxQueue} <small>at ${clock(q.maxQueueAtS)}</small></td><td>${q.served}</td><td>${duration(q.meanWaitS)}</td><td>${duration(q.p95WaitS)}</td>`);
    for (const t of Object.values(planner.travelTimes)) numbers.push(`<td>${t.count}</td><td>${t.meanS.toFixed(0)}</td>`);
    for (const text of numbers) expect(html, text).toContain(text);
    // One SVG per plot: the two maps, a snapshot every 120 s (at 2:00 and 4:00), the egress curve, the zones, the flows and the queues.
    const plots = plotsOf(html);
    expect(plots.filter((p) => p === 'snapshot').length).toBe(2);
    for (const plot of ['max-density-map', 'level-map', 'egress', 'zones-voronoi', 'flows', 'queues']) expect(plots.filter((p) => p === plot).length, plot).toBe(1);
    expect(html.match(/<svg /g)?.length).toBe(plots.length);
    expect(html).toContain('>02:00<');
    expect(html).toContain('>04:00<');
  });

  it('writes GeoJSON in WGS84 that turf reads back: each zone with its area, the density map in 2 m squares of 4 m²', () => {
    const { planner } = readReport(first);
    const zones = JSON.parse(read(first, 'zones.geojson')) as { features: { properties: Record<string, unknown>; geometry: { type: 'Polygon'; coordinates: [number, number][][] } }[] };
    expect(zones.features.map((f) => f.properties.id)).toEqual(['stage', 'square', 'platform']);
    for (const feature of zones.features) {
      const id = String(feature.properties.id);
      const ring = feature.geometry.coordinates[0];
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(booleanClockwise(ring), id).toBe(false);
      // Around the district's origin (7.262 E, 43.695 N).
      expect(ring.every(([lon, lat]) => Math.abs(lon - 7.262) < 0.01 && Math.abs(lat - 43.695) < 0.01), id).toBe(true);
      const measured = area({ type: 'Feature', properties: {}, geometry: feature.geometry });
      expect(Math.abs(measured / planner.zones[id].areaM2 - 1), `${id}: ${measured} m²`).toBeLessThan(0.005);
      expect(feature.properties).toMatchObject({ kind: planner.zones[id].kind, max_density_p_m2: planner.zones[id].maxDensityPerM2, worst_level: planner.zones[id].worstLevel });
    }
    // The stage was drawn 40 m x 20 m: 800 m² measured on the sphere.
    const stage = zones.features.find((f) => f.properties.id === 'stage')!;
    expect(Math.abs(area({ type: 'Feature', properties: {}, geometry: stage.geometry }) / 800 - 1)).toBeLessThan(0.005);
    const grid = JSON.parse(read(first, 'density.geojson')) as { vigie: { cellM: number }; features: { properties: { max_density_p_m2: number }; geometry: { type: 'Polygon'; coordinates: [number, number][][] } }[] };
    expect(grid.vigie.cellM).toBe(2);
    expect(grid.features.length).toBeGreaterThan(20);
    for (const cell of grid.features) {
      expect(Math.abs(area({ type: 'Feature', properties: {}, geometry: cell.geometry }) / 4 - 1)).toBeLessThan(0.01);
      expect(cell.properties.max_density_p_m2).toBeGreaterThan(0);
    }
    // The hottest square is the headline's peak.
    expect(Math.max(...grid.features.map((f) => f.properties.max_density_p_m2))).toBeCloseTo(planner.headline.peakDensityPerM2, 2);
  });

  it('gives the same summary, report numbers and exports for the same seed', () => {
    const again = join(work, 'again');
    const run = vigie('rehearse', SCENARIO, '--out', again, '--quiet');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    const a = readReport(first), b = readReport(again);
    expect(JSON.stringify(b.planner)).toBe(JSON.stringify(a.planner));
    expect(JSON.stringify(withoutWallS(b.run))).toBe(JSON.stringify(withoutWallS(a.run)));
    expect(withoutWallTime(read(again, 'report.html'))).toBe(withoutWallTime(read(first, 'report.html')));
    for (const name of FILES.filter((n) => n !== 'summary.json' && n !== 'report.html')) expect(read(again, name), name).toBe(read(first, name));
  });

  it('without a city writes no GeoJSON, and removes the GeoJSON and comparison.csv an earlier run left in the directory', () => {
    const rect = (x0: number, y0: number, x1: number, y1: number) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
    const path = join(work, 'room.json');
    writeFileSync(path, JSON.stringify({
      name: 'room', seed: 2, durationS: 60, stepS: 0.1, navigation: { cellM: 0.25 },
      geometry: { walkable: [rect(0, 0, 20, 10)], exits: [{ id: 'door', polygon: rect(20, 4, 20.5, 6) }] },
      pedestrians: [{ id: 'crowd', count: 40, spawn: { polygon: rect(1, 1, 10, 9) }, desiredSpeedMps: 1.34, goal: 'door' }],
      measurementAreas: [{ id: 'front', polygon: rect(16, 2, 20, 8) }],
      measurementLines: [{ id: 'door-line', from: [19, 3], to: [19, 7] }],
    }));
    const out = join(work, 'room-out');
    expect(vigie('rehearse', path, '--out', join(out, 'ignored'), '--scale', '0.5', '--quiet').status).toBe(0);
    for (const name of ['zones.geojson', 'density.geojson', 'comparison.csv']) writeFileSync(join(out, name), 'from an earlier run');
    const run = vigie('rehearse', path, '--out', out, '--quiet');
    expect(run.status, run.stderr).toBe(0);
    for (const name of FILES.filter((n) => !n.endsWith('.geojson'))) expect(existsSync(join(out, name)), name).toBe(true);
    for (const name of ['zones.geojson', 'density.geojson', 'comparison.csv']) expect(existsSync(join(out, name)), name).toBe(false);
    const { planner, run: summary } = readReport(out);
    expect(summary.pedestrians.exited).toBe(40);
    // No schedule: the egress is timed from the start, for everyone.
    expect(planner.egress).toMatchObject({ moment: null, fromS: 0, people: 40, remaining: 0 });
    // Everyone crosses the line before the door once for good (a few step back and forth in the crush).
    const flow = planner.flows['door-line'];
    expect(Math.abs(flow.forward - flow.backward)).toBe(40);
    expect(flow.perMinute.reduce((a, b) => a + b, 0)).toBe(flow.crossings);
    // At scale 0.5, half the people.
    expect(readReport(join(out, 'ignored')).run.pedestrians.spawned).toBe(20);
  });
});

describe('vigie compare', () => {
  it('runs the baseline and both variants over two seeds: the same table with one worker or two, every measure with its spread', () => {
    const two = join(work, 'compare-two'), one = join(work, 'compare-one');
    const runTwo = vigie('compare', SCENARIO, '--runs', '2', '--workers', '2', '--out', two, '--quiet');
    expect(runTwo.status, runTwo.stderr).toBe(0);
    const runOne = vigie('compare', SCENARIO, '--runs', '2', '--workers', '1', '--out', one, '--quiet');
    expect(runOne.status, runOne.stderr).toBe(0);
    const a = readReport(two), b = readReport(one);
    const c = a.comparison!;
    expect(c.seeds).toEqual([21, 22]);
    expect(c.variants.map((v) => v.id)).toEqual(['baseline', 'close-north', 'tram-every-minute']);
    expect(a.variants.map((v) => v.id)).toEqual(['baseline', 'close-north', 'tram-every-minute']);
    expect(JSON.stringify(b.comparison)).toBe(JSON.stringify(c));
    expect(read(one, 'comparison.csv')).toBe(read(two, 'comparison.csv'));
    // The detailed figures are the baseline's first seed: those of vigie rehearse, run in this thread.
    expect(JSON.stringify(a.planner)).toBe(JSON.stringify(readReport(first).planner));
    const keys = c.measures.map((m) => m.key);
    for (const key of ['egressP95S', 'peakDensity', 'zone:stage:maxDensity', 'line:square-west:peakFlow', 'queue:T1-north:marche-north:p95WaitS']) expect(keys).toContain(key);
    for (const variant of c.variants) {
      for (const key of keys) {
        const spread = c.table[variant.id][key]!;
        expect(spread, `${variant.id} ${key}`).not.toBeNull();
        expect(spread.n).toBe(2);
        expect(spread.min).toBeLessThanOrEqual(spread.mean);
        expect(spread.mean).toBeLessThanOrEqual(spread.max);
        // Two runs: the sample standard deviation is their difference over the square root of 2.
        expect(Math.abs(spread.sd - (spread.max - spread.min) / Math.SQRT2), `${variant.id} ${key}`).toBeLessThan(0.002);
      }
    }
    const egressOfSeed = (dir: string) => readReport(dir).planner.egress.p95S!;
    expect([c.table.baseline.egressP95S!.min, c.table.baseline.egressP95S!.max]).toContain(egressOfSeed(two));
    // A tram every minute takes the riders sooner than one every three.
    expect(c.table['tram-every-minute']['queue:T1-north:marche-north:p95WaitS']!.mean).toBeLessThan(c.table.baseline['queue:T1-north:marche-north:p95WaitS']!.mean);
    const rows = read(two, 'comparison.csv').trim().split('\r\n');
    expect(rows[0]).toBe('variant,measure,unit,mean,sd,min,max,n');
    expect(rows.length).toBe(1 + 3 * keys.length);
    expect(rows.filter((row) => row.endsWith(',2')).length).toBe(3 * keys.length);
    const html = read(two, 'report.html');
    expect(tagProblem(html)).toBeNull();
    expect(html).toContain('Variants side by side');
    for (const variant of c.variants) expect(html).toContain(`<th>${variant.id}<br><small>`);
  });
});

describe('the bundled rehearsal', () => {
  it('seafront-fireworks loads on the default district, and each of its variants loads with its change', () => {
    const path = 'scenarios/seafront-fireworks.json';
    const raw = readScenarioJson(join(ROOT, path));
    const { scenario, origin } = loadScenarioValue(structuredClone(raw), join(ROOT, path));
    expect(origin).toEqual({ lonDeg: 7.262, latDeg: 43.695 });
    expect(scenario.schedule?.map((m) => m.id)).toEqual(['show-starts', 'show-ends']);
    expect(scenario.planner?.egressFrom).toBe('show-ends');
    expect(Object.keys(scenario.variants ?? {})).toEqual(['close-west', 'littoral-exit', 'tram-every-3-min', 'two-waves']);
    const variant = (id: string) => loadVariant(raw, join(ROOT, path), id);
    expect(variant('close-west').geometry.exits.find((exit) => exit.id === 'west')?.closeS).toBe(0);
    expect(variant('littoral-exit').geometry.exits.length).toBe(scenario.geometry.exits.length + 1);
    const timetable = variant('tram-every-3-min').transit!.lines[0].timetable;
    expect('headwayS' in timetable && timetable.headwayS).toBe(180);
    const waves = variant('two-waves');
    expect(waves.schedule?.map((m) => m.id)).toEqual(['show-starts', 'show-ends', 'second-wave']);
    expect(waves.sources?.[0].gathering?.until).toBe('second-wave');
    // The baseline is left as it was.
    expect(scenario.sources?.[0].gathering?.until).toBe('show-ends');
  });
});

describe('rehearsal input errors', () => {
  it('refuses an unknown variant, a patch path that does not exist, a variant the loader rejects, --scale 0 and compare without variants, with exit code 2 and nothing written', () => {
    const broken = join(work, 'broken.json');
    const scenario = fixtureJson();
    scenario.variants = {
      ...(scenario.variants as object),
      wider: { description: 'a door that is not there', patch: [{ op: 'add', path: '/geometry/exits/1/closeS', value: 30 }, { op: 'replace', path: '/geometry/exits/7/closeS', value: 0 }] },
      late: { description: 'the egress from a moment misspelt', patch: [{ op: 'replace', path: '/planner/egressFrom', value: 'concert-end' }] },
    };
    writeFileSync(broken, JSON.stringify(scenario));
    const plain = join(work, 'plain.json');
    const noVariants = fixtureJson();
    delete noVariants.variants;
    writeFileSync(plain, JSON.stringify(noVariants));

    const cases: { args: string[]; message: string }[] = [
      { args: ['compare', SCENARIO, '--variants', 'close-nort'], message: `vigie: --variants: no variant "close-nort" in ${SCENARIO} (did you mean "close-north"?)` },
      { args: ['compare', broken, '--variants', 'wider'], message: `${broken}: variants.wider.patch[1]: cannot replace "/geometry/exits/7/closeS": the path does not exist in the scenario` },
      { args: ['compare', broken, '--variants', 'late'], message: `${broken} (variant "late"): planner.egressFrom: unknown moment "concert-end" (did you mean "concert-ends"?)` },
      { args: ['rehearse', SCENARIO, '--scale', '0'], message: 'vigie: --scale: expected a number above 0 (at most 100), got "0"' },
      { args: ['compare', plain], message: `${plain}: variants: missing` },
    ];
    cases.forEach(({ args, message }, k) => {
      const out = join(work, `refused-${k}`);
      const run = vigie(...args, '--runs', '1', '--out', out);
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr, args.join(' ')).toContain(message);
      expect(run.stderr).not.toContain('    at ');
      expect(existsSync(out), args.join(' ')).toBe(false);
    });
  });
});
