/**
 * The areas of the default district (sea, river, beaches, the Place du Marché, tram platforms)
 * and its lines that are not walked or driven (tram, river axis, coastline), drafted by hand in
 * local metres on the lines of `districtPlan.ts`.
 */
import type { XY } from '../CityModel.ts';
import { mm, pt, type AreaDraft, type LineDraft } from './districtDraft.ts';
import { EAST_X, NORTH_Y, RIVER, RIVER_WIDTH_M, SEA_Y, TRAM_STOPS, TRAM_X, WEST_X, riverX } from './districtPlan.ts';

function rect(x0: number, y0: number, x1: number, y1: number): XY[] {
  return [pt(x0, y0), pt(x1, y0), pt(x1, y1), pt(x0, y1)];
}

/** The water, beaches, main square and tram platforms, as new drafts on every call. */
export function draftAreas(): AreaDraft[] {
  const riverWest = RIVER.map(([, y]) => pt(riverX(y) - RIVER_WIDTH_M / 2, y));
  const riverEast = RIVER.map(([, y]) => pt(riverX(y) + RIVER_WIDTH_M / 2, y)).reverse();
  const beachTop = -291;
  const rb = riverX(beachTop);
  const westEdge = mm(rb - 12);
  const eastEdge = mm(rb + 12);
  const beachWestRing: XY[] = [pt(WEST_X, SEA_Y), pt(westEdge, SEA_Y), pt(westEdge, beachTop)];
  for (const x of [200, -100, -400]) beachWestRing.push(pt(x, beachTop));
  beachWestRing.push(pt(WEST_X, beachTop));
  const areas: AreaDraft[] = [
    { id: 'sea', tags: { natural: 'water', water: 'sea', name: 'Mer Méditerranée' }, ring: rect(WEST_X, -400, EAST_X, SEA_Y) },
    { id: 'river-water', tags: { natural: 'water', water: 'river', name: 'Le Lauron' }, ring: [...riverWest, ...riverEast] },
    { id: 'beach-west', tags: { natural: 'beach', surface: 'pebbles', name: 'Plage des Pins' }, ring: beachWestRing },
    {
      id: 'beach-east',
      tags: { natural: 'beach', surface: 'sand', name: 'Plage du Lauron' },
      ring: [pt(eastEdge, SEA_Y), pt(EAST_X, SEA_Y), pt(EAST_X, beachTop), pt(480, beachTop), pt(eastEdge, beachTop)],
    },
    {
      id: 'square-main',
      tags: { highway: 'pedestrian', area: 'yes', place: 'square', name: 'Place du Marché', surface: 'paving_stones' },
      ring: [pt(-90, -135), pt(0, -135), pt(90, -135), pt(90, -90), pt(90, -45), pt(0, -45), pt(-90, -45), pt(-90, -90)],
    },
  ];
  for (const [y, stopId, name] of TRAM_STOPS) {
    areas.push({
      id: stopId.replace('tram-stop-', 'tram-platform-'),
      tags: { railway: 'platform', public_transport: 'platform', area: 'yes', name },
      ring: rect(TRAM_X - 7.5, y - 20, TRAM_X - 3, y + 20),
    });
  }
  return areas;
}

/** The tram line, the river axis and the coastline, as new drafts on every call. */
export function draftOtherLines(): LineDraft[] {
  const tram: XY[] = [pt(TRAM_X, NORTH_Y), ...TRAM_STOPS.map(([y]) => pt(TRAM_X, y)), pt(TRAM_X, -225)];
  const coast: XY[] = [pt(WEST_X, SEA_Y), pt(0, SEA_Y), pt(riverX(SEA_Y), SEA_Y), pt(EAST_X, SEA_Y)];
  return [
    { id: 'tram-line', tags: { railway: 'tram', name: 'Tram 1', electrified: 'contact_line', gauge: '1435' }, pts: tram, layer: 0 },
    { id: 'river', tags: { waterway: 'river', name: 'Le Lauron', width: String(RIVER_WIDTH_M) }, pts: RIVER.map(([x, y]) => pt(x, y)), layer: 0 },
    { id: 'coastline', tags: { natural: 'coastline' }, pts: coast, layer: 0 },
  ];
}
