/**
 * The planner's report.html and its PNG encoder: a valid PNG whose image data inflates back to
 * the filtered rows; a well-formed, self-contained page with the headline figures, one plot per
 * view, maps that decode north up, every input text escaped, and the variants side by side.
 */
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, encodePng } from '../../bin/png.ts';
import { clock, duration, plannerReportHtml } from '../../bin/plannerReport.ts';
import { plannerFixture } from './plannerFixture.ts';
import { tagProblem } from './support/tagProblem.ts';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The chunks of a PNG file, each CRC checked. */
function chunks(png: Buffer): { type: string; data: Buffer }[] {
  const out: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length), `CRC of ${type}`).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    out.push({ type, data });
    at += 12 + length;
  }
  return out;
}

/** Width, height and the raw RGBA rows of an 8-bit RGBA PNG written with filter 0. */
function decodePng(png: Buffer): { width: number; height: number; rgba: Buffer } {
  expect([...png.subarray(0, 8)]).toEqual(SIGNATURE);
  const parts = chunks(png);
  const header = parts[0].data;
  const width = header.readUInt32BE(0), height = header.readUInt32BE(4);
  const filtered = inflateSync(Buffer.concat(parts.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const rgba = Buffer.alloc(width * height * 4);
  for (let row = 0; row < height; row++) {
    expect(filtered[row * (width * 4 + 1)]).toBe(0);
    filtered.copy(rgba, row * width * 4, row * (width * 4 + 1) + 1, (row + 1) * (width * 4 + 1));
  }
  return { width, height, rgba };
}


const plotsOf = (html: string) => [...html.matchAll(/<svg [^>]*data-plot="([^"]+)"/g)].map((m) => m[1]);

describe('encodePng', () => {
  it('writes the signature, an IHDR for 8-bit RGBA and an IDAT that inflates back to the rows, each behind filter byte 0', () => {
    const width = 3, height = 2;
    const rgba = Uint8Array.from({ length: width * height * 4 }, (_, i) => (i * 37) % 256);
    const png = encodePng(width, height, rgba);
    expect([...png.subarray(0, 8)]).toEqual(SIGNATURE);
    const parts = chunks(png);
    expect(parts.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const ihdr = parts[0].data;
    expect(ihdr.length).toBe(13);
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9], ihdr[10], ihdr[11], ihdr[12]]).toEqual([3, 2, 8, 6, 0, 0, 0]);
    const filtered = inflateSync(parts[1].data);
    expect([...filtered]).toEqual([0, ...rgba.subarray(0, 12), 0, ...rgba.subarray(12, 24)]);
    expect(decodePng(png).rgba.equals(Buffer.from(rgba))).toBe(true);
  });

  it('computes the CRC-32 of the specification (IEND chunk: AE 42 60 82)', () => {
    expect(crc32(Buffer.from('IEND', 'ascii'))).toBe(0xae426082);
  });

  it('refuses a buffer that does not match the size and a size that is not a positive integer', () => {
    expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow(RangeError);
    expect(() => encodePng(0, 2, new Uint8Array(0))).toThrow(/positive integers/);
  });
});

describe('plannerReportHtml', () => {
  const fixture = plannerFixture({ oddZoneId: '<b>&"' });
  const html = plannerReportHtml(fixture.input);
  const compared = plannerReportHtml({ ...fixture.input, comparison: fixture.comparison });

  it('writes a well-formed page: one html, head and body, UTF-8, English, every element closed', () => {
    // The checker itself sees a crossed close, an unclosed element and a self-closed div.
    expect(tagProblem('<div><span></div></span>')).not.toBeNull();
    expect(tagProblem('<div><p>text</p>')).not.toBeNull();
    expect(tagProblem('<div/>')).not.toBeNull();
    expect(tagProblem('<svg><rect/></svg><br>')).toBeNull();
    for (const page of [html, compared]) {
      expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(tagProblem(page)).toBeNull();
      for (const tag of ['html', 'head', 'body']) expect(page.match(new RegExp(`<${tag}[ >]`, 'g'))?.length, tag).toBe(1);
      expect(page).toContain('<html lang="en">');
      expect(page).toContain('<meta charset="utf-8">');
    }
  });

  it('points nowhere outside the file: no link, script, font or URL but the SVG namespace', () => {
    for (const page of [html, compared]) {
      expect(page.replaceAll('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:|<script|<link|@import|url\(|@font-face/i);
    }
  });

  it('shows the headline figures as the summary gives them, each against its threshold', () => {
    const h = fixture.summary.headline;
    expect(clock(600)).toBe('10:00');
    expect(clock(3900)).toBe('1:05:00');
    expect(duration(399)).toBe('399 s (6:39)');
    expect(duration(null)).toBe('not reached');
    for (const text of [
      `${h.peakDensityPerM2.toFixed(2)} P/m²`, `at ${clock(h.peakAtS)}, (20, 10) m, zone gate-queue`, duration(h.secondsAbove4), duration(h.secondsAbove5),
      `${h.areaAbove4M2} m²`, `>${h.maxPeopleInside}<`, duration(h.egressP95S), `Fruin ${h.worstLevel}`, '>gate-queue<', 'end of concert',
    ]) expect(html, text).toContain(text);
    // Peak 5.6 P/m² is above the standing threshold: a red badge.
    expect(html).toMatch(/<div class="card danger"><div class="label">Peak density<\/div>/);
    expect(html).toContain('<span class="badge danger">above 5</span>');
    expect(html).toContain('Steffen and Seyfried 2010');
    expect(html).toContain('Fruin (1971)');
  });

  it('draws one SVG per plot: two maps, each snapshot, the egress, the zones over time, the flows and the queues', () => {
    const plots = plotsOf(html);
    const count = (plot: string) => plots.filter((p) => p === plot).length;
    expect(count('max-density-map')).toBe(1);
    expect(count('level-map')).toBe(1);
    expect(count('snapshot')).toBe(fixture.maps.snapshots.length);
    for (const plot of ['egress', 'zones-voronoi', 'flows', 'queues']) expect(count(plot), plot).toBe(1);
    expect(html.match(/<svg /g)?.length).toBe(plots.length);
    expect(html).toContain(`>${clock(3900)}</text>`);
  });

  it('embeds the maps as PNGs of one pixel per lattice node, north up', () => {
    const images = [...html.matchAll(/<image href="data:image\/png;base64,([A-Za-z0-9+/=]+)"/g)].map((m) => decodePng(Buffer.from(m[1], 'base64')));
    expect(images.length).toBe(2 + fixture.maps.snapshots.length);
    const { columns, rows } = fixture.maps;
    for (const image of images) expect([image.width, image.height]).toEqual([columns, rows]);
    const alphaAt = (image: { rgba: Buffer }, col: number, line: number) => image.rgba[(line * columns + col) * 4 + 3];
    // Lattice row 40 (y = 40 m) lies in a building, row 10 does not; PNG line 0 is the north row.
    expect(alphaAt(images[0], 10, rows - 1 - 40)).toBe(0);
    expect(alphaAt(images[0], 10, rows - 1 - 10)).toBe(255);
    expect(html).toContain('image-rendering:pixelated');
  });

  it('escapes every text from the input: a zone named <b>&" stays text', () => {
    expect(html).toContain('&lt;b&gt;&amp;&quot;');
    expect(html).not.toContain('<b>&"');
    expect(compared).toContain('doors open in two waves &amp; &lt;late&gt; exit');
  });

  it('still gives a well-formed page for a rehearsal without lines, queues, trips, bottlenecks or snapshots, with an egress never reaching 95 %', () => {
    const bare = plannerFixture();
    const summary = {
      ...bare.summary, flows: {}, queues: {}, travelTimes: {}, bottlenecks: [],
      headline: { ...bare.summary.headline, egressP95S: null, bottleneck: null },
      egress: { ...bare.summary.egress, p95S: null, allOutS: null, remaining: 40 },
    };
    const page = plannerReportHtml({ ...bare.input, summary, lines: {}, maps: { ...bare.maps, snapshots: [] } });
    expect(tagProblem(page)).toBeNull();
    expect(page).toContain('No counting line in this scenario.');
    expect(page).toContain('No stop or gate in this scenario.');
    expect(page).toContain('Nobody reached an exit.');
    expect(page).toContain('<span class="badge danger">not reached</span>');
    expect(plotsOf(page).sort()).toEqual(['egress', 'level-map', 'max-density-map', 'zones-voronoi']);
  });

  it('puts the variants side by side after the summary, with every variant and measure and the better value of each row marked', () => {
    expect(html).not.toContain('Variants side by side');
    const at = (text: string) => compared.indexOf(text);
    expect(at('<h2>Summary</h2>')).toBeLessThan(at('Variants side by side'));
    expect(at('Variants side by side')).toBeLessThan(at('<h2>Maps</h2>'));
    for (const variant of fixture.comparison.variants) expect(compared).toContain(`<th>${variant.id}<br>`);
    for (const measure of fixture.comparison.measures) expect(compared).toContain(`<td>${measure.label} <small>`);
    // Lower is better for the peak density, higher for the people served; a missing spread is said.
    expect(compared).toContain('<td class="best">3.90 ± 0.30 <small>(3.45–4.35)</small></td>');
    expect(compared).toContain('<td class="best">640 ± 5 <small>(633–648)</small></td>');
    expect(compared).toContain('no run had a value');
    expect(plotsOf(compared).filter((p) => p === 'variant-bars').length).toBe(4);
  });
});
