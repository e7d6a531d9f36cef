/**
 * The fixed plan of the default district, local metres (x east, y north): its edges, the main
 * street lines, the river, the old-town lattice and the tram. The drafting steps
 * (`draftRoads`, `draftWalkways`, `draftAreas`) lay their features on these lines.
 */
import type { XY } from '../CityModel.ts';
import { hash01, mm, pt, type Tags } from './districtDraft.ts';

/** West edge of the district, metres. */
export const WEST_X = -600;
/** East edge of the district, metres. */
export const EAST_X = 600;
/** North edge of the district, metres. */
export const NORTH_Y = 400;
/** The coastline: the sea lies south of it, metres. */
export const SEA_Y = -330;
/** Axis of the Promenade des Pins, metres. */
export const PROMENADE_Y = -280;
/** Axis of the Boulevard du Littoral, metres. */
export const LITTORAL_Y = -255;
/** Axis of the Boulevard du Nord, metres. */
export const NORD_Y = 300;
/** Half length of the bridges over the river, metres. */
export const BRIDGE_HALF_M = 14;
/** Offsets of the west quay road and of the east riverside path from the river axis, metres. */
const QUAY_OFFSET_M = -25;
const BANK_PATH_OFFSET_M = 22;
/** Width of the river Le Lauron, metres. */
export const RIVER_WIDTH_M = 15;
/** The river axis, north to south, ending at the coastline. */
export const RIVER: XY[] = [[380, 400], [372, 300], [360, 150], [350, 0], [345, -150], [340, -255], [338, -280], [336, -330]];

/** Old-town lattice: lane columns (x) and rows (y) before the deterministic jitter, metres. */
const OLD_TOWN_COLUMNS_X = [-540, -475, -410, -350, -295];
/** Old-town lattice rows (y) before the jitter, south to north, metres. */
export const OLD_TOWN_ROWS_Y = [-200, -140, -80, -20, 40, 100, 160, 220];
/** Street names of the old-town rows, south to north. */
export const OLD_TOWN_ROW_NAMES = ['Rue des Remparts', 'Rue Basse', 'Rue Droite', 'Rue du Four', 'Rue Saint-Roch', 'Rue des Tanneurs', 'Rue du Puits', 'Rue Haute'];
/** Number of old-town lane columns (column 0, the west edge, not counted). */
export const OLD_TOWN_COLUMN_COUNT = OLD_TOWN_COLUMNS_X.length;

/** The tram axis x, metres. */
export const TRAM_X = -5;
/** The tram stops (y in metres, id, name); the Place du Marché stop is the main one. */
export const TRAM_STOPS: [number, string, string][] = [
  [350, 'tram-stop-gare-nord', 'Gare du Nord'],
  [150, 'tram-stop-tilleuls', 'Les Tilleuls'],
  [-95, 'tram-stop-marche', 'Place du Marché'],
  [-215, 'tram-stop-bord-de-mer', 'Bord de Mer'],
];

/** Extra tags of a way on a bridge. */
export const BRIDGE: Tags = { bridge: 'yes', layer: '1' };

/** The river axis x at a given y (piecewise linear through RIVER), metres. */
export function riverX(y: number): number {
  for (let i = 0; i + 1 < RIVER.length; i++) {
    const [x0, y0] = RIVER[i];
    const [x1, y1] = RIVER[i + 1];
    if (y <= y0 && y >= y1) return mm(x0 + ((y0 - y) / (y0 - y1)) * (x1 - x0));
  }
  throw new RangeError(`riverX: y ${y} is outside the river (${RIVER[RIVER.length - 1][1]} to ${RIVER[0][1]})`);
}

/** The west quay road's x at a given y, metres. */
export const quayX = (y: number): number => mm(riverX(y) + QUAY_OFFSET_M);
/** The east riverside path's x at a given y, metres. */
export const bankPathX = (y: number): number => mm(riverX(y) + BANK_PATH_OFFSET_M);

/** The old-town lattice node of row i and column j (column 0 is the west edge of the district). */
export function oldTownNode(i: number, j: number): XY {
  const y = OLD_TOWN_ROWS_Y[i];
  if (j === 0) return pt(WEST_X, y);
  const jitterX = Math.round(90 * (2 * hash01(i, j, 1) - 1)) / 10;
  const jitterY = Math.round(80 * (2 * hash01(i, j, 2) - 1)) / 10;
  return pt(OLD_TOWN_COLUMNS_X[j - 1] + jitterX, y + jitterY);
}
