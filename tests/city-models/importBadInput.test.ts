/**
 * Bad city data: malformed files are refused with a CityImportError naming the file, the place
 * and what was expected; bad single features are skipped and counted by reason; nothing crashes.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importCity } from '../../city-models/importCity.ts';
import { CityImportError } from '../../city-models/CityImportError.ts';

/** A small OSM document: a square building, a footway, and whatever else is passed in. */
function osm(extra = '', nodes = ''): string {
  return `<?xml version="1.0"?>
<osm version="0.6">
  <node id="1" lat="43.7000" lon="7.2600"/>
  <node id="2" lat="43.7000" lon="7.2602"/>
  <node id="3" lat="43.7002" lon="7.2602"/>
  <node id="4" lat="43.7002" lon="7.2600"/>
  <node id="5" lat="43.6998" lon="7.2598"/>
  <node id="6" lat="43.6998" lon="7.2606"/>
  ${nodes}
  <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/><tag k="building" v="yes"/><tag k="building:levels" v="4"/></way>
  <way id="11"><nd ref="5"/><nd ref="6"/><tag k="highway" v="footway"/></way>
  ${extra}
</osm>`;
}

function thrown(action: () => unknown): CityImportError {
  try {
    action();
  } catch (error) {
    if (error instanceof CityImportError) return error;
    throw error;
  }
  throw new Error('expected a CityImportError');
}

describe('a well-formed small OSM file', () => {
  it('gives one building of 4 levels (12 m) and one footway of the default width', () => {
    const model = importCity(osm(), 'small.osm');
    expect(model.buildings).toHaveLength(1);
    expect(model.buildings[0]).toMatchObject({ id: 'way/10', heightM: 12, heightSource: 'levels', levels: 4 });
    expect(model.buildings[0].areaM2).toBeGreaterThan(300);
    expect(model.walkways).toEqual([expect.objectContaining({ id: 'way/11', kind: 'footway', widthM: 2, widthSource: 'default' })]);
  });
});

describe('malformed files', () => {
  it('refuses malformed XML with the line and column of the fault', () => {
    const error = thrown(() => importCity('<osm version="0.6">\n  <node id="1" lat="1" lon="2">\n</osm>', 'broken.osm'));
    expect(error.message).toMatch(/^broken\.osm: line 3, column \d+: malformed XML/);
  });

  it('refuses an XML document that is not OpenStreetMap', () => {
    const error = thrown(() => importCity('<svg xmlns="http://www.w3.org/2000/svg"></svg>', 'picture.osm'));
    expect(error.message).toContain('picture.osm: line 1');
    expect(error.message).toContain('expected an OpenStreetMap document (root element <osm>), found <svg>');
  });

  it('refuses text that is not JSON, with its line and column', () => {
    const error = thrown(() => importCity('{"type": "FeatureCollection",\n "features": [,]}', 'city.geojson'));
    expect(error.problems[0].path).toMatch(/^line 2, column \d+$/);
    expect(error.message).toContain('not valid JSON');
  });

  it('refuses JSON that is not GeoJSON', () => {
    const error = thrown(() => importCity('{"type": "Topology"}', 'city.geojson'));
    expect(error.message).toBe('city.geojson: (root): expected a GeoJSON FeatureCollection (with a "features" array) or Feature, found type "Topology"');
  });

  it('refuses projected coordinates and names the feature and position', () => {
    const text = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { building: 'yes' }, geometry: { type: 'Polygon', coordinates: [[[1044000, 6298000], [1044010, 6298000], [1044010, 6298010], [1044000, 6298000]]] } }] });
    const error = thrown(() => importCity(text, 'lambert.geojson'));
    expect(error.problems[0].path).toBe('features[0].geometry.coordinates[0][0]');
    expect(error.problems[0].message).toContain('expected WGS84 longitude, latitude in degrees (RFC 7946), found [1044000, 6298000]');
  });

  it('refuses a bounding box with no data in it', () => {
    const error = thrown(() => importCity(osm(), 'small.osm', { bbox: { minLon: 2.3, minLat: 48.8, maxLon: 2.4, maxLat: 48.9 } }));
    expect(error.problems[0].path).toBe('--bbox');
    expect(error.message).toContain('no data inside 2.3,48.8,2.4,48.9');
  });

  it('refuses a file without any tagged feature', () => {
    const error = thrown(() => importCity('<osm version="0.6"><node id="1" lat="1" lon="1"/></osm>', 'empty.osm'));
    expect(error.message).toBe('empty.osm: (root): no features with tags: nothing to import');
  });
});

describe('bad features are skipped and counted, never lost silently', () => {
  it('counts a zero-area building', () => {
    const model = importCity(osm('<way id="20"><nd ref="1"/><nd ref="2"/><nd ref="2"/><nd ref="1"/><tag k="building" v="yes"/></way>'), 'small.osm');
    expect(model.buildings).toHaveLength(1);
    expect(model.report.skipped['building: zero-area polygon (under 1 m²)']).toBe(1);
  });

  it('repairs a self-intersecting (bow-tie) building into two simple polygons', () => {
    const model = importCity(osm('<way id="21"><nd ref="1"/><nd ref="3"/><nd ref="2"/><nd ref="4"/><nd ref="1"/><tag k="building" v="yes"/></way>'), 'small.osm');
    const bowTie = model.buildings.find((building) => building.id === 'way/21');
    expect(bowTie?.footprint).toHaveLength(2);
    expect(model.report.counts['repaired: self-intersecting building ring split into simple polygons']).toBe(1);
  });

  it('counts a multipolygon whose member ways are missing, and a way whose nodes are missing', () => {
    const model = importCity(osm('<relation id="30"><member type="way" ref="999" role="outer"/><tag k="type" v="multipolygon"/><tag k="building" v="yes"/></relation><way id="22"><nd ref="1"/><nd ref="777"/><tag k="highway" v="footway"/></way>'), 'small.osm');
    expect(model.report.skipped['building: broken multipolygon relation (member ways or nodes missing from the file)']).toBe(1);
    expect(model.report.skipped['way references nodes missing from the file']).toBe(1);
    expect(model.report.examples).toContain('relation/30: building: broken multipolygon relation (member ways or nodes missing from the file)');
  });

  it('counts features whose tags Vigie does not use, and nodes with bad coordinates', () => {
    const model = importCity(osm('', '<node id="40" lat="43.7" lon="7.26"><tag k="shop" v="bakery"/></node><node id="41" lat="95" lon="7.26"/>'), 'small.osm');
    expect(model.report.skipped['tags not used by Vigie (shop=*)']).toBe(1);
    expect(model.report.skipped['node without valid coordinates']).toBe(1);
  });

  it('assembles a multipolygon building from two open member ways, with a courtyard', () => {
    const nodes = '<node id="50" lat="43.7010" lon="7.2610"/><node id="51" lat="43.7010" lon="7.2616"/><node id="52" lat="43.7016" lon="7.2616"/><node id="53" lat="43.7016" lon="7.2610"/>'
      + '<node id="54" lat="43.7012" lon="7.2612"/><node id="55" lat="43.7012" lon="7.2614"/><node id="56" lat="43.7014" lon="7.2614"/><node id="57" lat="43.7014" lon="7.2612"/>';
    const extra = '<way id="60"><nd ref="50"/><nd ref="51"/><nd ref="52"/></way><way id="61"><nd ref="52"/><nd ref="53"/><nd ref="50"/></way>'
      + '<way id="62"><nd ref="54"/><nd ref="55"/><nd ref="56"/><nd ref="57"/><nd ref="54"/></way>'
      + '<relation id="70"><member type="way" ref="60" role="outer"/><member type="way" ref="61" role="outer"/><member type="way" ref="62" role="inner"/><tag k="type" v="multipolygon"/><tag k="building" v="apartments"/></relation>';
    const model = importCity(osm(extra, nodes), 'small.osm');
    const building = model.buildings.find((item) => item.id === 'relation/70');
    expect(building?.footprint[0]).toHaveLength(2);
    // 0.0006° x 0.0006° outside, 0.0002° x 0.0002° courtyard: 8/9 of the outer square.
    const outer = 0.0006 * 111_195 * (0.0006 * 111_195 * Math.cos((43.7013 * Math.PI) / 180));
    expect(building?.areaM2).toBeCloseTo((outer * 8) / 9, -1);
  });
});

/** A 4 x 4 grid of nodes 0.0001° apart (ids 1 to 16, row by row) and one closed way through `refs`. */
function gridWay(refs: number[], tag = 'building'): string {
  let nodes = '';
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) nodes += `<node id="${1 + i * 4 + j}" lat="${43.7 + i * 0.0001}" lon="${7.26 + j * 0.0001}"/>`;
  return `<osm version="0.6">${nodes}<way id="99">${refs.map((ref) => `<nd ref="${ref}"/>`).join('')}<tag k="${tag}" v="yes"/></way></osm>`;
}

describe('outlines that cross or touch themselves', () => {
  it('splits a ring that passes twice through one node into its two simple parts', () => {
    // Two triangles joined at node 6: 1-2-6-3... drawn as one ring through 6 twice.
    const model = importCity(gridWay([1, 2, 6, 11, 12, 6, 5, 1]), 'touch.osm');
    expect(model.buildings).toHaveLength(1);
    expect(model.buildings[0].footprint.length).toBe(2);
    expect(model.report.counts['repaired: self-intersecting building ring split into simple polygons']).toBe(1);
  });

  it('survives three edges crossing at one point (which aborts turf.unkinkPolygon)', () => {
    const model = importCity(gridWay([8, 10, 3, 7, 6, 9, 4, 8]), 'knot.osm');
    const kept = model.buildings.length;
    const skipped = model.report.skipped['building: self-intersecting outline that cannot be repaired'] ?? 0;
    expect(kept + skipped).toBe(1);
  });

  it('never throws on random closed rings over a small grid of nodes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 16 }), { minLength: 3, maxLength: 9 }), (refs) => {
        try {
          importCity(gridWay([...refs, refs[0]]), 'random.osm');
        } catch (error) {
          expect(error).toBeInstanceOf(CityImportError);
        }
      }),
      { seed: 7, numRuns: 400 },
    );
  });
});

describe('robustness', () => {
  it('refuses data beyond 85° of latitude with a CityImportError', () => {
    const text = '<osm version="0.6"><node id="1" lat="88" lon="7"><tag k="amenity" v="bench"/></node></osm>';
    expect(() => importCity(text, 'pole.osm')).toThrow(CityImportError);
    expect(() => importCity(text, 'pole.osm')).toThrow(/pole\.osm: \(root\): the data lies around latitude 88/);
  });

  it('never throws anything but a CityImportError, whatever the OSM text is cut or altered into', () => {
    const base = osm('<relation id="30"><member type="way" ref="10" role="outer"/><tag k="type" v="multipolygon"/><tag k="building" v="yes"/></relation>');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: base.length }), fc.integer({ min: 0, max: base.length }), fc.string({ maxLength: 8 }), (cut, at, insert) => {
        const text = (base.slice(0, at) + insert + base.slice(at)).slice(0, Math.max(cut, 10));
        try {
          importCity(text, 'fuzz.osm');
        } catch (error) {
          expect(error).toBeInstanceOf(CityImportError);
        }
      }),
      { seed: 2026, numRuns: 300 },
    );
  });

  it('never throws anything but a CityImportError on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { highway: 'footway' }, geometry: value }, value] });
        try {
          importCity(text, 'fuzz.geojson');
        } catch (error) {
          expect(error).toBeInstanceOf(CityImportError);
        }
      }),
      { seed: 2026, numRuns: 300 },
    );
  });
});
