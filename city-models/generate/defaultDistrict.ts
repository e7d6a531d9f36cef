/**
 * Vigie's bundled default district: a fictional Côte d'Azur seafront of about 1.2 km x 0.8 km,
 * written by hand for Vigie and owned by this project (not copied from any dataset; the street
 * names are invented or generic).
 *
 * It is city INPUT data: a GeoJSON FeatureCollection whose feature properties are OpenStreetMap
 * tags (string values), read by the importer like any other extract. Everything is authored in
 * local metres (x east, y north) around DEFAULT_DISTRICT_ORIGIN and converted to WGS84 by one
 * function, so equal local points give equal longitudes and latitudes (rounded to 1e-7 degrees):
 * lines that meet share that vertex exactly, which is how the importer joins them.
 *
 * Layout, local metres: the sea south of y = -330, then the beach, the Promenade des Pins
 * (y = -280) and the Boulevard du Littoral (y = -255); the old town of narrow lanes west of the
 * Avenue des Mimosas (x = -250); the centre with the Place du Marché around (0, -90) on the tram
 * avenue (x = 0); the river Le Lauron (x = 336 to 380) with two road bridges and two footbridges;
 * a quieter quarter east of it with the hospital. Buildings are laid along the street fronts and
 * kept clear of every street, walkway, square, water body and of each other.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { XY } from '../CityModel.ts';
import { createLocalFrame } from '../LocalFrame.ts';

/** The origin of the default district's local frame, WGS84 degrees. */
export const DEFAULT_DISTRICT_ORIGIN = { lonDeg: 7.262, latDeg: 43.695 } as const;

/**
 * Ids of default-district features that scenarios reference. Each exit is a street whose end
 * lies on the district edge; `exitPointsM` gives that end in the local frame, metres.
 */
export const DEFAULT_DISTRICT_PLACES = {
  square: 'square-main',
  tramStop: 'tram-stop-marche',
  tramLine: 'tram-line',
  promenade: 'promenade',
  beach: 'beach-west',
  exits: { west: 'ot-rue-droite', north: 'road-mimosas', east: 'promenade-east' },
  exitPointsM: { west: [-600, -80], north: [-250, 400], east: [600, -280] },
} as const;

/** OpenStreetMap tags of one feature (string values only). */
type Tags = Record<string, string>;

/** A line being authored, local metres. `layer` is 1 on bridges. */
interface LineDraft {
  id: string;
  tags: Tags;
  pts: XY[];
  layer: number;
}

/** A polygon being authored: its outer ring, counter-clockwise, not closed. */
interface AreaDraft {
  id: string;
  tags: Tags;
  ring: XY[];
}

/** A point feature being authored. */
interface PointDraft {
  id: string;
  tags: Tags;
  at: XY;
}

/** Something buildings keep away from: a line or an area ring, with its clearance, metres. */
interface Obstacle {
  pts: XY[];
  isRing: boolean;
  clearanceM: number;
  box: Box;
}

/** A placed building: ring counter-clockwise (not closed), the middle of its street front. */
interface BuildingDraft {
  ring: XY[];
  box: Box;
  frontMid: XY;
  tags: Tags;
}

/** Axis-aligned box: minX, minY, maxX, maxY, metres. */
type Box = [number, number, number, number];

// ---- The plan, local metres ------------------------------------------------------------------

const WEST_X = -600;
const EAST_X = 600;
const NORTH_Y = 400;
const SEA_Y = -330;
const PROMENADE_Y = -280;
const LITTORAL_Y = -255;
const NORD_Y = 300;
/** Half length of the bridges over the river, metres. */
const BRIDGE_HALF_M = 14;
/** Offsets of the west quay road and of the east riverside path from the river axis, metres. */
const QUAY_OFFSET_M = -25;
const BANK_PATH_OFFSET_M = 22;
const RIVER_WIDTH_M = 15;
/** The river axis, north to south, ending at the coastline. */
const RIVER: XY[] = [[380, 400], [372, 300], [360, 150], [350, 0], [345, -150], [340, -255], [338, -280], [336, -330]];

/** Old-town lattice: lane columns (x) and rows (y) before the deterministic jitter. */
const OLD_TOWN_COLUMNS_X = [-540, -475, -410, -350, -295];
const OLD_TOWN_ROWS_Y = [-200, -140, -80, -20, 40, 100, 160, 220];
const OLD_TOWN_ROW_NAMES = ['Rue des Remparts', 'Rue Basse', 'Rue Droite', 'Rue du Four', 'Rue Saint-Roch', 'Rue des Tanneurs', 'Rue du Puits', 'Rue Haute'];

/** The tram: its axis x and its stops (y, id, name); the Place du Marché stop is the main one. */
const TRAM_X = -5;
const TRAM_STOPS: [number, string, string][] = [
  [350, 'tram-stop-gare-nord', 'Gare du Nord'],
  [150, 'tram-stop-tilleuls', 'Les Tilleuls'],
  [-95, 'tram-stop-marche', 'Place du Marché'],
  [-215, 'tram-stop-bord-de-mer', 'Bord de Mer'],
];

/** Minimum gap between two buildings, metres. */
const BUILDING_GAP_M = 1;
/** Assumed lane width and sidewalk width when keeping buildings off a road, metres. */
const LANE_CLEARANCE_M = 3.5;
const SIDEWALK_CLEARANCE_M = 3;

// ---- Small helpers -----------------------------------------------------------------------------

/** Rounds to the millimetre, so that a point computed twice the same way is the same point. */
function mm(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function pt(x: number, y: number): XY {
  return [mm(x), mm(y)];
}

/** A deterministic hash of integers to [0, 1) (a 32-bit integer finaliser; no Math.random). */
function hash01(a: number, b: number, c: number): number {
  let h = Math.imul(a | 0, 0x27d4eb2d) ^ Math.imul((b | 0) + 0x3c6ef372, 0x165667b1) ^ Math.imul((c | 0) + 0x1b873593, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** The river axis x at a given y (piecewise linear through RIVER). */
function riverX(y: number): number {
  for (let i = 0; i + 1 < RIVER.length; i++) {
    const [x0, y0] = RIVER[i];
    const [x1, y1] = RIVER[i + 1];
    if (y <= y0 && y >= y1) return mm(x0 + ((y0 - y) / (y0 - y1)) * (x1 - x0));
  }
  throw new RangeError(`riverX: y ${y} is outside the river (${RIVER[RIVER.length - 1][1]} to ${RIVER[0][1]})`);
}

const quayX = (y: number): number => mm(riverX(y) + QUAY_OFFSET_M);
const bankPathX = (y: number): number => mm(riverX(y) + BANK_PATH_OFFSET_M);

function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function boxOf(pts: XY[], marginM = 0): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of pts) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX - marginM, minY - marginM, maxX + marginM, maxY + marginM];
}

function boxesOverlap(a: Box, b: Box): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

function rect(x0: number, y0: number, x1: number, y1: number): XY[] {
  return [pt(x0, y0), pt(x1, y0), pt(x1, y1), pt(x0, y1)];
}

// ---- Streets and walkways ------------------------------------------------------------------------

function road(id: string, highway: string, name: string, lanes: number, maxspeedKph: number, sidewalk: string, pts: XY[], extra: Tags = {}): LineDraft {
  const tags: Tags = { highway, name, lanes: String(lanes), maxspeed: String(maxspeedKph), sidewalk, ...extra };
  return { id, tags, pts, layer: tags.layer === undefined ? 0 : Number(tags.layer) };
}

function walk(id: string, highway: 'pedestrian' | 'footway', name: string | undefined, widthM: number | undefined, pts: XY[], extra: Tags = {}): LineDraft {
  const tags: Tags = { highway };
  if (name !== undefined) tags.name = name;
  if (widthM !== undefined) tags.width = String(widthM);
  Object.assign(tags, extra);
  return { id, tags, pts, layer: tags.layer === undefined ? 0 : Number(tags.layer) };
}

const BRIDGE: Tags = { bridge: 'yes', layer: '1' };

/** The roads, west to east and south to north. Junctions are added by `nodeLines`. */
function draftRoads(): LineDraft[] {
  const littoral = (id: string, x0: number, x1: number, extra: Tags = {}): LineDraft =>
    road(id, 'primary', 'Boulevard du Littoral', 4, 50, 'both', [pt(x0, LITTORAL_Y), pt(x1, LITTORAL_Y)], extra);
  const nord = (id: string, x0: number, x1: number, extra: Tags = {}): LineDraft =>
    road(id, 'primary', 'Boulevard du Nord', 4, 50, 'both', [pt(x0, NORD_Y), pt(x1, NORD_Y)], extra);
  const rl = riverX(LITTORAL_Y);
  const rn = riverX(NORD_Y);
  const quayYs = [LITTORAL_Y, -150, -30, 0, 90, 150, 200, NORD_Y];
  return [
    littoral('road-littoral-west', WEST_X, rl - BRIDGE_HALF_M),
    littoral('road-littoral-bridge', rl - BRIDGE_HALF_M, rl + BRIDGE_HALF_M, BRIDGE),
    littoral('road-littoral-east', rl + BRIDGE_HALF_M, EAST_X),
    nord('road-nord-west', WEST_X, rn - BRIDGE_HALF_M),
    nord('road-nord-bridge', rn - BRIDGE_HALF_M, rn + BRIDGE_HALF_M, BRIDGE),
    nord('road-nord-east', rn + BRIDGE_HALF_M, EAST_X),
    road('road-mimosas', 'secondary', 'Avenue des Mimosas', 2, 50, 'both', [pt(-250, LITTORAL_Y), pt(-250, NORTH_Y)]),
    road('road-arts', 'secondary', 'Boulevard des Arts', 2, 50, 'both', [pt(130, LITTORAL_Y), pt(130, NORTH_Y)]),
    road('road-hopital', 'tertiary', "Avenue de l'Hôpital", 2, 50, 'both', [pt(450, LITTORAL_Y), pt(450, NORTH_Y)]),
    road('road-orangers', 'tertiary', 'Rue des Orangers', 2, 30, 'both', [pt(-250, -150), pt(quayX(-150), -150)]),
    road('road-glycines', 'tertiary', 'Rue des Glycines', 2, 30, 'both', [pt(-250, 90), pt(quayX(90), 90)]),
    road('road-capucins', 'residential', 'Rue des Capucins', 2, 30, 'both', [pt(-130, LITTORAL_Y), pt(-130, NORTH_Y)]),
    road('road-lavoir', 'residential', 'Rue du Lavoir', 1, 30, 'right', [pt(240, NORTH_Y), pt(240, LITTORAL_Y)], { oneway: 'yes' }),
    road('road-sainte-claire-west', 'residential', 'Rue Sainte-Claire', 2, 30, 'both', [pt(-250, -30), pt(-130, -30)]),
    road('road-sainte-claire-east', 'residential', 'Rue Sainte-Claire', 1, 30, 'both', [pt(130, -30), pt(quayX(-30), -30)], { oneway: 'yes' }),
    road('road-lilas-west', 'residential', 'Rue des Lilas', 2, 30, 'both', [pt(-250, 200), pt(-130, 200)]),
    road('road-lilas-east', 'residential', 'Rue des Lilas', 2, 30, 'left', [pt(130, 200), pt(quayX(200), 200)]),
    road('road-quai', 'residential', 'Quai du Lauron', 1, 30, 'left', quayYs.map((y) => pt(quayX(y), y)), { oneway: 'yes' }),
    road('road-pecheurs', 'residential', 'Rue des Pêcheurs', 2, 30, 'left', [pt(540, LITTORAL_Y), pt(540, NORD_Y)]),
    road('road-estran', 'residential', "Rue de l'Estran", 2, 30, 'both', [pt(450, -30), pt(EAST_X, -30)]),
    road('road-cypres', 'residential', 'Rue des Cyprès', 1, 30, 'right', [pt(EAST_X, 150), pt(450, 150)], { oneway: 'yes' }),
    road('road-chateau', 'residential', 'Rue du Château', 2, 30, 'both', [pt(WEST_X, 355), pt(-250, 355)]),
  ];
}

/** A pedestrian crossing: a short footway across a road whose middle vertex lies on the road. */
interface CrossingDraft {
  line: LineDraft;
  control: 'traffic_signals' | 'uncontrolled';
}

function crossing(id: string, a: XY, onRoad: XY, b: XY, control: CrossingDraft['control']): CrossingDraft {
  return { line: walk(id, 'footway', undefined, undefined, [a, onRoad, b], { footway: 'crossing', crossing: control }), control };
}

/** The old-town lattice node of row i and column j (column 0 is the west edge of the district). */
function oldTownNode(i: number, j: number): XY {
  const y = OLD_TOWN_ROWS_Y[i];
  if (j === 0) return pt(WEST_X, y);
  const jitterX = Math.round(90 * (2 * hash01(i, j, 1) - 1)) / 10;
  const jitterY = Math.round(80 * (2 * hash01(i, j, 2) - 1)) / 10;
  return pt(OLD_TOWN_COLUMNS_X[j - 1] + jitterX, y + jitterY);
}

/** Whether the old-town lane of column j between rows i and i + 1 exists (about 3 in 4 do). */
function oldTownColumnSegment(i: number, j: number): boolean {
  return (i + 2 * j) % 4 !== 3;
}

/** Everything people walk along, plus the crossings and the points placed on those lines. */
interface WalkDraft {
  walkways: LineDraft[];
  crossings: CrossingDraft[];
  bollards: XY[];
  gate: XY;
}

function draftWalkways(): WalkDraft {
  const walkways: LineDraft[] = [];
  const crossings: CrossingDraft[] = [];
  const bollards: XY[] = [];
  const rp = riverX(PROMENADE_Y);
  const promenade = (id: string, x0: number, x1: number, extra: Tags = {}): LineDraft =>
    walk(id, 'pedestrian', 'Promenade des Pins', 12, [pt(x0, PROMENADE_Y), pt(x1, PROMENADE_Y)], extra);
  walkways.push(
    promenade('promenade', WEST_X, rp - BRIDGE_HALF_M),
    promenade('promenade-bridge', rp - BRIDGE_HALF_M, rp + BRIDGE_HALF_M, BRIDGE),
    promenade('promenade-east', rp + BRIDGE_HALF_M, EAST_X),
  );
  // The tram avenue, cut where it crosses a road; rising bollards 4 m inside each end.
  const avenue = (id: string, pts: XY[]): LineDraft => walk(id, 'pedestrian', 'Avenue des Tilleuls', 24, pts);
  walkways.push(
    avenue('avenue-north', [pt(0, 288), pt(0, 284), pt(0, 106), pt(0, 102)]),
    avenue('avenue-centre', [pt(0, 78), pt(0, 74), pt(0, -45), pt(0, -135), pt(0, -138)]),
    avenue('avenue-south', [pt(0, -162), pt(0, -166), pt(0, -239), pt(0, -243)]),
  );
  bollards.push(pt(0, 284), pt(0, 106), pt(0, 74), pt(0, -166), pt(0, -239));
  // Streets of the pedestrian centre, entered from the roads past rising bollards.
  walkways.push(
    walk('ped-rue-du-marche', 'pedestrian', 'Rue du Marché', 8, [pt(-130, -90), pt(-122, -90), pt(-90, -90), pt(0, -90)]),
    walk('ped-rue-de-la-fontaine', 'pedestrian', 'Rue de la Fontaine', 8, [pt(0, -90), pt(90, -90), pt(118, -90)]),
    walk('ped-sainte-claire', 'pedestrian', 'Rue Sainte-Claire', 10, [pt(-130, -30), pt(-122, -30), pt(122, -30), pt(130, -30)]),
    walk('ped-lilas', 'pedestrian', 'Rue des Lilas', 10, [pt(-130, 200), pt(-122, 200), pt(122, 200), pt(130, 200)]),
    walk('footway-passage-des-arts', 'footway', 'Passage des Arts', 4, [pt(142, -90), pt(240, -90)]),
    walk('footway-passage-rossini', 'footway', 'Passage Rossini', 3, [pt(-250, -110), pt(-130, -110)]),
  );
  bollards.push(pt(-122, -90), pt(-122, -30), pt(122, -30), pt(-122, 200), pt(122, 200));
  // Riverside path on the east bank and a footbridge from the west quay.
  const bankYs = [LITTORAL_Y, -150, 0, 150, NORD_Y];
  walkways.push(
    walk('footway-rive-est', 'footway', 'Promenade du Lauron', 4, bankYs.map((y) => pt(bankPathX(y), y))),
    walk('footbridge-lauron', 'footway', 'Passerelle du Lauron', 4, [pt(quayX(0), 0), pt(bankPathX(0), 0)], BRIDGE),
  );
  // Beach accesses from the promenade, ending on the beach outline.
  for (const x of [-400, -100, 200, 480]) {
    walkways.push(walk(`footway-beach-${x < 0 ? 'w' : 'e'}${Math.abs(x)}`, 'footway', undefined, 3, [pt(x, PROMENADE_Y), pt(x, -291)]));
  }
  // The old town: rows (lanes west to east), column lanes, a few diagonal passages.
  for (let i = 0; i < OLD_TOWN_ROWS_Y.length; i++) {
    const pts: XY[] = [];
    for (let j = 0; j <= OLD_TOWN_COLUMNS_X.length; j++) pts.push(oldTownNode(i, j));
    const reachesAvenue = i % 2 === 0;
    if (reachesAvenue) {
      const y = OLD_TOWN_ROWS_Y[i];
      pts.push(pt(-262, y), pt(-258, y), pt(-250, y));
      bollards.push(pt(-258, y));
    }
    const name = OLD_TOWN_ROW_NAMES[i];
    walkways.push(walk(`ot-${slug(name)}`, 'pedestrian', name, reachesAvenue ? 4 : 3.5, pts));
  }
  for (let j = 1; j <= OLD_TOWN_COLUMNS_X.length; j++) {
    const highway = j % 2 === 1 ? 'footway' : 'pedestrian';
    const widthM = j % 2 === 1 ? 2.5 : 3;
    let run: XY[] = [];
    let runStart = 0;
    const flush = (): void => {
      if (run.length >= 2) walkways.push(walk(`ot-lane-${j}-${runStart}`, highway, undefined, widthM, run));
      run = [];
    };
    for (let i = 0; i + 1 < OLD_TOWN_ROWS_Y.length; i++) {
      if (!oldTownColumnSegment(i, j)) {
        flush();
        continue;
      }
      if (run.length === 0) {
        run.push(oldTownNode(i, j));
        runStart = i;
      }
      run.push(oldTownNode(i + 1, j));
    }
    flush();
  }
  // Two lanes run down to the seafront and cross it; two run up to the Boulevard du Nord.
  for (const j of [1, 3]) {
    const top = oldTownNode(0, j);
    const x = top[0];
    walkways.push(walk(`ot-lane-${j}-south`, 'footway', undefined, 2.5, [top, pt(x, -243)]));
    crossings.push(crossing(`crossing-littoral-ot${j}`, pt(x, -243), pt(x, LITTORAL_Y), pt(x, -267), 'uncontrolled'));
  }
  for (const j of [2, 4]) {
    const bottom = oldTownNode(OLD_TOWN_ROWS_Y.length - 1, j);
    walkways.push(walk(`ot-lane-${j}-north`, 'pedestrian', undefined, 3, [bottom, pt(bottom[0], NORD_Y)]));
  }
  const diagonals: [number, number, string][] = [
    [1, 1, 'Passage des Arcades'],
    [3, 3, 'Passage du Couvent'],
    [5, 2, 'Passage des Tisserands'],
  ];
  let gate: XY = [0, 0];
  for (const [i, j, name] of diagonals) {
    const a = oldTownNode(i, j);
    const b = oldTownNode(i + 1, j + 1);
    const middle = pt((a[0] + b[0]) / 2, (a[1] + b[1]) / 2);
    if (name === 'Passage du Couvent') gate = middle;
    walkways.push(walk(`ot-${slug(name)}`, 'footway', name, 2.5, [a, middle, b]));
  }
  // Crossings of the main roads near junctions (signalled) and links down to the promenade.
  const littoralCrossingsX = [-232, 0, 148, 468, ...[1, 3].map((j) => oldTownNode(0, j)[0])];
  for (const x of [-232, 0, 148, 468]) {
    crossings.push(crossing(`crossing-littoral-${x < 0 ? 'w' : 'e'}${Math.abs(x)}`, pt(x, -243), pt(x, LITTORAL_Y), pt(x, -267), 'traffic_signals'));
  }
  littoralCrossingsX.forEach((x, k) => {
    walkways.push(walk(`footway-to-promenade-${k + 1}`, 'footway', undefined, 3, [pt(x, -267), pt(x, PROMENADE_Y)]));
  });
  crossings.push(
    crossing('crossing-nord-avenue', pt(0, 312), pt(0, NORD_Y), pt(0, 288), 'traffic_signals'),
    crossing('crossing-glycines-avenue', pt(0, 102), pt(0, 90), pt(0, 78), 'traffic_signals'),
    crossing('crossing-orangers-avenue', pt(0, -138), pt(0, -150), pt(0, -162), 'traffic_signals'),
    crossing('crossing-arts-fontaine', pt(118, -90), pt(130, -90), pt(142, -90), 'uncontrolled'),
  );
  return { walkways, crossings, bollards, gate };
}

// ---- Noding: lines that meet share a vertex ------------------------------------------------------

const SNAP_M = 1e-4;

function dist(a: XY, b: XY): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/**
 * Where two segments meet: the point (snapped to an existing endpoint when within SNAP_M), or null.
 * Throws when they overlap along a length: two ways drawn on top of each other is a plan error.
 */
function meetingPoint(a0: XY, a1: XY, b0: XY, b1: XY, context: string): XY | null {
  const rx = a1[0] - a0[0];
  const ry = a1[1] - a0[1];
  const sx = b1[0] - b0[0];
  const sy = b1[1] - b0[1];
  const lenR = Math.hypot(rx, ry);
  const lenS = Math.hypot(sx, sy);
  const denom = rx * sy - ry * sx;
  const qx = b0[0] - a0[0];
  const qy = b0[1] - a0[1];
  if (Math.abs(denom) < 1e-9 * lenR * lenS) {
    if (Math.abs(qx * ry - qy * rx) / lenR > SNAP_M) return null;
    const t0 = (qx * rx + qy * ry) / (lenR * lenR);
    const t1 = ((b1[0] - a0[0]) * rx + (b1[1] - a0[1]) * ry) / (lenR * lenR);
    const lo = Math.max(0, Math.min(t0, t1));
    const hi = Math.min(1, Math.max(t0, t1));
    if ((hi - lo) * lenR > SNAP_M) throw new Error(`defaultDistrict: ${context}: collinear ways overlap`);
    if (hi < lo - SNAP_M / lenR) return null;
    for (const p of [a0, a1]) for (const q of [b0, b1]) if (dist(p, q) < SNAP_M) return p;
    return null;
  }
  const t = (qx * sy - qy * sx) / denom;
  const u = (qx * ry - qy * rx) / denom;
  const epsT = SNAP_M / lenR;
  const epsU = SNAP_M / lenS;
  if (t < -epsT || t > 1 + epsT || u < -epsU || u > 1 + epsU) return null;
  const p: XY = [a0[0] + t * rx, a0[1] + t * ry];
  for (const q of [a0, a1, b0, b1]) if (dist(p, q) < SNAP_M) return q;
  return pt(p[0], p[1]);
}

/**
 * Adds a shared vertex wherever two lines meet: where they cross on the same layer, and where the
 * end of one touches the other (a bridge meets the street only at its ends).
 */
function nodeLines(lines: LineDraft[]): void {
  const extra: XY[][][] = lines.map((l) => l.pts.slice(1).map(() => []));
  const boxes = lines.map((l) => boxOf(l.pts, 1));
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      if (!boxesOverlap(boxes[i], boxes[j])) continue;
      const a = lines[i].pts;
      const b = lines[j].pts;
      const sameLayer = lines[i].layer === lines[j].layer;
      const ends = [a[0], a[a.length - 1], b[0], b[b.length - 1]];
      for (let sa = 0; sa + 1 < a.length; sa++) {
        for (let sb = 0; sb + 1 < b.length; sb++) {
          const p = meetingPoint(a[sa], a[sa + 1], b[sb], b[sb + 1], `${lines[i].id} x ${lines[j].id}`);
          if (p === null) continue;
          if (!sameLayer && !ends.some((e) => e === p || dist(e, p) < SNAP_M)) continue;
          extra[i][sa].push(p);
          extra[j][sb].push(p);
        }
      }
    }
  }
  lines.forEach((line, i) => {
    const out: XY[] = [line.pts[0]];
    for (let s = 0; s + 1 < line.pts.length; s++) {
      const a = line.pts[s];
      const along = (p: XY): number => dist(a, p);
      const inserted = [...extra[i][s]].sort((p, q) => along(p) - along(q));
      for (const p of [...inserted, line.pts[s + 1]]) {
        if (dist(p, out[out.length - 1]) >= SNAP_M) out.push(p);
      }
    }
    line.pts = out;
  });
}

// ---- Areas, water and the tram -------------------------------------------------------------------

function draftAreas(): AreaDraft[] {
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

function draftOtherLines(): LineDraft[] {
  const tram: XY[] = [pt(TRAM_X, NORTH_Y), ...TRAM_STOPS.map(([y]) => pt(TRAM_X, y)), pt(TRAM_X, -225)];
  const coast: XY[] = [pt(WEST_X, SEA_Y), pt(0, SEA_Y), pt(riverX(SEA_Y), SEA_Y), pt(EAST_X, SEA_Y)];
  return [
    { id: 'tram-line', tags: { railway: 'tram', name: 'Tram 1', electrified: 'contact_line', gauge: '1435' }, pts: tram, layer: 0 },
    { id: 'river', tags: { waterway: 'river', name: 'Le Lauron', width: String(RIVER_WIDTH_M) }, pts: RIVER.map(([x, y]) => pt(x, y)), layer: 0 },
    { id: 'coastline', tags: { natural: 'coastline' }, pts: coast, layer: 0 },
  ];
}

// ---- Buildings -------------------------------------------------------------------------------------

/** How far buildings keep from a line's axis: its half width plus a clear gap, metres. */
function clearanceOf(line: LineDraft): number {
  const t = line.tags;
  if (t.railway === 'tram') return 4.5;
  if (t.waterway !== undefined) return Number(t.width) / 2 + 12;
  if (t.natural === 'coastline') return 3;
  if (t.width !== undefined) return Number(t.width) / 2 + 1.2;
  if (t.lanes !== undefined) return (Number(t.lanes) * LANE_CLEARANCE_M) / 2 + SIDEWALK_CLEARANCE_M + 1.5;
  return 3;
}

function segPointDist2(p: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = a[0] + t * dx - p[0];
  const ey = a[1] + t * dy - p[1];
  return ex * ex + ey * ey;
}

function orient(a: XY, b: XY, c: XY): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

function segmentsCross(a: XY, b: XY, c: XY, d: XY): boolean {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  return ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0));
}

function segSegDist(a: XY, b: XY, c: XY, d: XY): number {
  if (segmentsCross(a, b, c, d)) return 0;
  return Math.sqrt(Math.min(segPointDist2(a, c, d), segPointDist2(b, c, d), segPointDist2(c, a, b), segPointDist2(d, a, b)));
}

function insideRing(p: XY, ring: XY[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Distance from a building ring to a line or another ring (0 when they touch or nest), metres. */
function ringDistance(ring: XY[], other: XY[], otherIsRing: boolean): number {
  if (other.some((p) => insideRing(p, ring))) return 0;
  if (otherIsRing && ring.some((p) => insideRing(p, other))) return 0;
  let best = Infinity;
  const n = other.length;
  const segments = otherIsRing ? n : n - 1;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    for (let k = 0; k < segments; k++) {
      const d = segSegDist(a, b, other[k], other[(k + 1) % n]);
      if (d < best) best = d;
    }
  }
  return best;
}

/** A street front buildings are laid along: a line, how far from it, and the size class. */
interface Frontage {
  pts: XY[];
  offsetM: number;
  size: 'small' | 'medium' | 'large';
}

/** Footprint sizes by class: width along the street and depth, min and spread, metres; the gap between neighbours. */
const SIZES = {
  small: { widthM: [24, 10], depthM: [14, 6], gapM: 1.5 },
  medium: { widthM: [34, 14], depthM: [20, 8], gapM: 3 },
  large: { widthM: [36, 12], depthM: [20, 8], gapM: 4 },
} as const;

/**
 * Lays rectangular footprints along each front, both sides, first come first served; a footprint
 * is kept only if it is clear of every obstacle and every building already placed.
 */
function layBuildings(frontages: Frontage[], obstacles: Obstacle[]): BuildingDraft[] {
  const placed: BuildingDraft[] = [];
  const fits = (ring: XY[]): boolean => {
    const box = boxOf(ring);
    if (box[0] < WEST_X + 2 || box[2] > EAST_X - 2 || box[1] < SEA_Y + 2 || box[3] > NORTH_Y - 2) return false;
    for (const o of obstacles) {
      if (boxesOverlap(box, o.box) && ringDistance(ring, o.pts, o.isRing) < o.clearanceM) return false;
    }
    for (const b of placed) {
      if (boxesOverlap(box, [b.box[0] - BUILDING_GAP_M, b.box[1] - BUILDING_GAP_M, b.box[2] + BUILDING_GAP_M, b.box[3] + BUILDING_GAP_M]) && ringDistance(ring, b.ring, true) < BUILDING_GAP_M) {
        return false;
      }
    }
    return true;
  };
  frontages.forEach((front, f) => {
    const size = SIZES[front.size];
    for (let s = 0; s + 1 < front.pts.length; s++) {
      const a = front.pts[s];
      const b = front.pts[s + 1];
      const lengthM = dist(a, b);
      const dx = (b[0] - a[0]) / lengthM;
      const dy = (b[1] - a[1]) / lengthM;
      for (const side of [1, -1]) {
        const nx = -dy * side;
        const ny = dx * side;
        let alongM = 1;
        let k = 0;
        while (alongM + size.widthM[0] <= lengthM - 1) {
          k++;
          const widthM = Math.min(size.widthM[0] + size.widthM[1] * hash01(f, s * 2 + side, k * 2), lengthM - 1 - alongM);
          let depthM = size.depthM[0] + size.depthM[1] * hash01(f, s * 2 + side, k * 2 + 1);
          let ring: XY[] | null = null;
          for (let attempt = 0; attempt < 2 && ring === null; attempt++) {
            const o = front.offsetM;
            const q0 = pt(a[0] + dx * alongM + nx * o, a[1] + dy * alongM + ny * o);
            const q1 = pt(a[0] + dx * (alongM + widthM) + nx * o, a[1] + dy * (alongM + widthM) + ny * o);
            const q2 = pt(q1[0] + nx * depthM, q1[1] + ny * depthM);
            const q3 = pt(q0[0] + nx * depthM, q0[1] + ny * depthM);
            const candidate = side === 1 ? [q0, q1, q2, q3] : [q1, q0, q3, q2];
            if (fits(candidate)) ring = candidate;
            else depthM *= 0.6;
            if (depthM < 7) break;
          }
          if (ring === null) {
            alongM += 3;
            continue;
          }
          const frontMid = pt((ring[0][0] + ring[1][0]) / 2, (ring[0][1] + ring[1][1]) / 2);
          placed.push({ ring, box: boxOf(ring), frontMid, tags: {} });
          alongM += widthM + size.gapM;
        }
      }
    }
  });
  return placed;
}

function centroid(ring: XY[]): XY {
  let x = 0;
  let y = 0;
  for (const p of ring) {
    x += p[0];
    y += p[1];
  }
  return pt(x / ring.length, y / ring.length);
}

/** Levels by quarter: the old town 3-5, the seafront 6-9, the east 3-6, the centre 4-7. */
function tagBuilding(b: BuildingDraft, n: number): void {
  const [x, y] = centroid(b.ring);
  const h = hash01(n, 7, 11);
  let levelRange: [number, number];
  let kinds: string[];
  if (y < -205) {
    levelRange = [6, 9];
    kinds = ['apartments', 'apartments', 'hotel', 'commercial'];
  } else if (x < -255) {
    levelRange = [3, 5];
    kinds = ['yes', 'apartments', 'yes', 'residential'];
  } else if (x > 355) {
    levelRange = [3, 6];
    kinds = ['residential', 'apartments', 'house', 'yes'];
  } else {
    levelRange = [4, 7];
    kinds = ['apartments', 'commercial', 'retail', 'yes'];
  }
  const levels = levelRange[0] + Math.floor(h * (levelRange[1] - levelRange[0] + 1));
  b.tags.building = kinds[Math.floor(hash01(n, 3, 5) * kinds.length)];
  if (n % 11 === 5) return; // some buildings say nothing of their height
  b.tags['building:levels'] = String(levels);
  if (n % 7 === 3) b.tags.height = String(levels * 3 + 1.5);
}

// ---- Points of interest ---------------------------------------------------------------------------

function nearestBuilding(buildings: BuildingDraft[], target: XY, taken: Set<BuildingDraft>): BuildingDraft {
  let best = buildings[0];
  let bestD = Infinity;
  for (const b of buildings) {
    const d = dist(centroid(b.ring), target);
    if (d < bestD && !taken.has(b)) {
      best = b;
      bestD = d;
    }
  }
  taken.add(best);
  return best;
}

function camera(id: string, at: XY, type: 'fixed' | 'dome' | 'panning', directionDeg: number, mount: string): PointDraft {
  return {
    id,
    tags: { man_made: 'surveillance', surveillance: 'public', 'surveillance:type': 'camera', 'camera:type': type, 'camera:direction': String(directionDeg), 'camera:mount': mount },
    at,
  };
}

/** Traffic signals: road vertices shared by two main roads of different names. */
function signalPoints(roads: LineDraft[]): PointDraft[] {
  const main = new Set(['primary', 'secondary', 'tertiary']);
  const namesAt = new Map<string, { at: XY; names: Set<string> }>();
  for (const r of roads) {
    if (!main.has(r.tags.highway)) continue;
    for (const p of r.pts) {
      const key = `${p[0]},${p[1]}`;
      const entry = namesAt.get(key) ?? { at: p, names: new Set<string>() };
      entry.names.add(r.tags.name);
      namesAt.set(key, entry);
    }
  }
  const out: PointDraft[] = [];
  for (const { at, names } of namesAt.values()) {
    if (names.size >= 2) out.push({ id: `signals-${out.length + 1}`, tags: { highway: 'traffic_signals' }, at });
  }
  return out;
}

function draftPois(roads: LineDraft[], walks: WalkDraft, buildings: BuildingDraft[]): PointDraft[] {
  const pois: PointDraft[] = [...signalPoints(roads)];
  for (const c of walks.crossings) {
    pois.push({ id: c.line.id.replace('crossing-', 'crossing-node-'), tags: { highway: 'crossing', crossing: c.control }, at: c.line.pts[1] });
  }
  walks.bollards.forEach((at, i) => pois.push({ id: `bollard-${i + 1}`, tags: { barrier: 'bollard', bollard: 'rising' }, at }));
  pois.push({ id: 'gate-couvent', tags: { barrier: 'gate', access: 'yes', name: 'Porte du Couvent' }, at: walks.gate });
  let lamp = 0;
  for (let x = -590; x <= 590; x += 40) pois.push({ id: `lamp-${++lamp}`, tags: { highway: 'street_lamp' }, at: pt(x, PROMENADE_Y + 5.5) });
  let bench = 0;
  for (let x = -570; x <= 570; x += 80) pois.push({ id: `bench-${++bench}`, tags: { amenity: 'bench', backrest: 'yes' }, at: pt(x, PROMENADE_Y - 4) });
  for (const at of [pt(-60, -60), pt(60, -60), pt(-60, -120), pt(60, -120)]) pois.push({ id: `bench-${++bench}`, tags: { amenity: 'bench' }, at });
  pois.push({ id: 'fountain-marche', tags: { amenity: 'fountain', name: 'Fontaine du Marché' }, at: pt(50, -110) });
  const otCam = oldTownNode(2, 3);
  pois.push(
    camera('camera-square', pt(88, -47), 'dome', 225, 'pole'),
    camera('camera-tram-marche', pt(-13, -72), 'fixed', 180, 'pole'),
    camera('camera-promenade-west', pt(-100, PROMENADE_Y + 5.5), 'panning', 180, 'pole'),
    camera('camera-promenade-east', pt(250, PROMENADE_Y + 5.5), 'panning', 200, 'pole'),
    camera('camera-littoral-mimosas', pt(-239, -244), 'fixed', 135, 'pole'),
    camera('camera-rue-droite', pt(otCam[0] + 2, otCam[1] + 1.5), 'dome', 270, 'wall'),
  );
  const taken = new Set<BuildingDraft>();
  const amenity = (id: string, target: XY, tags: Tags): void => {
    pois.push({ id, tags, at: centroid(nearestBuilding(buildings, target, taken).ring) });
  };
  amenity('police-station', [-200, 60], { amenity: 'police', name: 'Commissariat des Mimosas' });
  amenity('pharmacy-marche', [110, -60], { amenity: 'pharmacy', name: 'Pharmacie du Marché' });
  amenity('hospital-entrance', [500, 60], { amenity: 'hospital', name: 'Hôpital des Pins', emergency: 'yes' });
  const restaurants: [XY, string][] = [
    [[-110, -60], 'Le Marché'],
    [[110, -120], 'La Fontaine'],
    [[-150, -225], 'Les Pins'],
    [[250, -225], 'Le Lauron'],
    [[-420, -60], 'Chez Rosa'],
  ];
  restaurants.forEach(([target, name], i) => amenity(`restaurant-${i + 1}`, target, { amenity: 'restaurant', name }));
  buildings.forEach((b, n) => {
    if (n % 4 === 0) pois.push({ id: `entrance-b-${n + 1}`, tags: { entrance: 'main' }, at: b.frontMid });
  });
  return pois;
}

// ---- The whole district ----------------------------------------------------------------------------

/** Inserts each building's entrance into its ring (between the two front corners). */
function ringWithEntrance(b: BuildingDraft, n: number): XY[] {
  if (n % 4 !== 0) return b.ring;
  return [b.ring[0], b.frontMid, ...b.ring.slice(1)];
}

/**
 * The default district as GeoJSON: OSM-tagged features in WGS84 (lon, lat rounded to 1e-7
 * degrees), each with a string `id`. A new object on every call; the same content every time.
 */
export function defaultDistrictGeoJson(): FeatureCollection {
  const roads = draftRoads();
  const walks = draftWalkways();
  const network = [...roads, ...walks.walkways, ...walks.crossings.map((c) => c.line)];
  nodeLines(network);
  const areas = draftAreas();
  const others = draftOtherLines();

  const obstacles: Obstacle[] = [];
  for (const line of [...network, ...others]) {
    const clearanceM = clearanceOf(line);
    obstacles.push({ pts: line.pts, isRing: false, clearanceM, box: boxOf(line.pts, clearanceM) });
  }
  for (const area of areas) {
    const clearanceM = area.tags.natural === 'water' ? 12 : area.tags.natural === 'beach' ? 4 : 2;
    obstacles.push({ pts: area.ring, isRing: true, clearanceM, box: boxOf(area.ring, clearanceM) });
  }
  const frontOf = (line: LineDraft): Frontage => {
    const t = line.tags;
    const size = t.highway === 'primary' || t.highway === 'secondary' || line.id.startsWith('avenue-') ? 'large' : line.id.startsWith('ot-') ? 'small' : 'medium';
    return { pts: line.pts, offsetM: clearanceOf(line) + 0.3, size };
  };
  const fronted = network.filter((l) => l.layer === 0 && l.tags.footway !== 'crossing' && !l.id.startsWith('footway-beach') && !l.id.startsWith('footway-to-'));
  const rank = (l: LineDraft): number => {
    const order = ['primary', 'secondary', 'tertiary', 'residential', 'pedestrian', 'footway'];
    const main = order.indexOf(l.tags.highway);
    return l.id.startsWith('ot-') ? 10 + main : main;
  };
  const frontages = [...fronted].sort((p, q) => rank(p) - rank(q)).map(frontOf);
  const square = areas.find((a) => a.id === 'square-main');
  if (square !== undefined) frontages.push({ pts: [...square.ring, square.ring[0]], offsetM: 2.3, size: 'medium' });
  const buildings = layBuildings(frontages, obstacles);
  buildings.forEach((b, n) => tagBuilding(b, n));
  const taken = new Set<BuildingDraft>();
  const oldTownLargest = buildings.filter((b) => centroid(b.ring)[0] < -300 && centroid(b.ring)[1] > -180).reduce((p, q) => (areaOf(q.ring) > areaOf(p.ring) ? q : p));
  oldTownLargest.tags = { building: 'church', name: 'Église Saint-Roch', height: '24', amenity: 'place_of_worship', religion: 'christian' };
  taken.add(oldTownLargest);
  const hospital = nearestBuilding(buildings, [500, 60], taken);
  hospital.tags = { building: 'hospital', name: 'Hôpital des Pins', 'building:levels': '6' };
  const pois = draftPois(roads, walks, buildings);

  const frame = createLocalFrame(DEFAULT_DISTRICT_ORIGIN.lonDeg, DEFAULT_DISTRICT_ORIGIN.latDeg);
  const ll = (p: XY): [number, number] => {
    const [lon, lat] = frame.toLonLat(p[0], p[1]);
    return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
  };
  const features: Feature[] = [];
  const add = (id: string, properties: Tags, geometry: Geometry): void => {
    features.push({ type: 'Feature', id, properties, geometry });
  };
  const polygon = (ring: XY[]): Geometry => ({ type: 'Polygon', coordinates: [[...ring, ring[0]].map(ll)] });
  const lineString = (pts: XY[]): Geometry => ({ type: 'LineString', coordinates: pts.map(ll) });
  for (const a of areas) add(a.id, a.tags, polygon(a.ring));
  for (const l of others) add(l.id, l.tags, lineString(l.pts));
  for (const l of network) add(l.id, l.tags, lineString(l.pts));
  for (const [y, id, name] of TRAM_STOPS) {
    add(id, { railway: 'tram_stop', public_transport: 'stop_position', tram: 'yes', name }, { type: 'Point', coordinates: ll(pt(TRAM_X, y)) });
  }
  buildings.forEach((b, n) => add(`b-${n + 1}`, b.tags, polygon(ringWithEntrance(b, n))));
  for (const p of pois) add(p.id, p.tags, { type: 'Point', coordinates: ll(p.at) });
  return { type: 'FeatureCollection', features };
}

function areaOf(ring: XY[]): number {
  let twice = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[(i + 1) % ring.length];
    twice += x0 * y1 - x1 * y0;
  }
  return twice / 2;
}

/**
 * The text of `city-models/default/district.geojson`: the default district with one feature per
 * line, so that a diff shows which features changed.
 */
export function defaultDistrictGeoJsonText(): string {
  const fc = defaultDistrictGeoJson();
  // "vigie:origin" (a GeoJSON foreign member) keeps the authored local frame when imported.
  const origin = JSON.stringify({ lonDeg: DEFAULT_DISTRICT_ORIGIN.lonDeg, latDeg: DEFAULT_DISTRICT_ORIGIN.latDeg });
  return `{"type":"FeatureCollection","vigie:origin":${origin},"features":[\n${fc.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}
