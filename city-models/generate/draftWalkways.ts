/**
 * Everything people walk along in the default district, drafted by hand in local metres on the
 * lines of `districtPlan.ts`: the promenade, the tram avenue and the pedestrian centre, the
 * riverside path, the beach accesses, the old-town lanes and the crossings of the main roads,
 * with the rising bollards and the gate placed on those lines. Junctions are added later by
 * `nodeLines`.
 */
import type { XY } from '../CityModel.ts';
import { pt, type LineDraft, type Tags } from './districtDraft.ts';
import {
  BRIDGE,
  BRIDGE_HALF_M,
  EAST_X,
  LITTORAL_Y,
  NORD_Y,
  OLD_TOWN_COLUMN_COUNT,
  OLD_TOWN_ROW_NAMES,
  OLD_TOWN_ROWS_Y,
  PROMENADE_Y,
  WEST_X,
  bankPathX,
  oldTownNode,
  quayX,
  riverX,
} from './districtPlan.ts';

/** A pedestrian crossing: a short footway across a road whose middle vertex lies on the road. */
export interface CrossingDraft {
  line: LineDraft;
  control: 'traffic_signals' | 'uncontrolled';
}

/** Everything people walk along, plus the crossings and the points placed on those lines, local metres. */
export interface WalkDraft {
  walkways: LineDraft[];
  crossings: CrossingDraft[];
  bollards: XY[];
  gate: XY;
}

function walk(id: string, highway: 'pedestrian' | 'footway', name: string | undefined, widthM: number | undefined, pts: XY[], extra: Tags = {}): LineDraft {
  const tags: Tags = { highway };
  if (name !== undefined) tags.name = name;
  if (widthM !== undefined) tags.width = String(widthM);
  Object.assign(tags, extra);
  return { id, tags, pts, layer: tags.layer === undefined ? 0 : Number(tags.layer) };
}

function crossing(id: string, a: XY, onRoad: XY, b: XY, control: CrossingDraft['control']): CrossingDraft {
  return { line: walk(id, 'footway', undefined, undefined, [a, onRoad, b], { footway: 'crossing', crossing: control }), control };
}

function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Whether the old-town lane of column j between rows i and i + 1 exists (about 3 in 4 do). */
function oldTownColumnSegment(i: number, j: number): boolean {
  return (i + 2 * j) % 4 !== 3;
}

/** The walkways, crossings, bollards and gate, as new drafts on every call. */
export function draftWalkways(): WalkDraft {
  const walks: WalkDraft = { walkways: [], crossings: [], bollards: [], gate: [0, 0] };
  // NOTE: the order of the steps is the order of the features in the output; keep it.
  addSeafrontAndCentre(walks);
  addOldTownLanes(walks);
  addOldTownLinks(walks);
  addMainRoadCrossings(walks);
  return walks;
}

/** The promenade, the tram avenue, the pedestrian centre, the riverside path and the beach accesses. */
function addSeafrontAndCentre({ walkways, bollards }: WalkDraft): void {
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
}

/** The old town: rows (lanes west to east), then the column lanes, in runs between gaps. */
function addOldTownLanes({ walkways, bollards }: WalkDraft): void {
  for (let i = 0; i < OLD_TOWN_ROWS_Y.length; i++) {
    const pts: XY[] = [];
    for (let j = 0; j <= OLD_TOWN_COLUMN_COUNT; j++) pts.push(oldTownNode(i, j));
    const reachesAvenue = i % 2 === 0;
    if (reachesAvenue) {
      const y = OLD_TOWN_ROWS_Y[i];
      pts.push(pt(-262, y), pt(-258, y), pt(-250, y));
      bollards.push(pt(-258, y));
    }
    const name = OLD_TOWN_ROW_NAMES[i];
    walkways.push(walk(`ot-${slug(name)}`, 'pedestrian', name, reachesAvenue ? 4 : 3.5, pts));
  }
  for (let j = 1; j <= OLD_TOWN_COLUMN_COUNT; j++) {
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
}

/** Old-town lanes down to the seafront and up to the Boulevard du Nord, and the diagonal passages (one with the gate). */
function addOldTownLinks(walks: WalkDraft): void {
  const { walkways, crossings } = walks;
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
  for (const [i, j, name] of diagonals) {
    const a = oldTownNode(i, j);
    const b = oldTownNode(i + 1, j + 1);
    const middle = pt((a[0] + b[0]) / 2, (a[1] + b[1]) / 2);
    if (name === 'Passage du Couvent') walks.gate = middle;
    walkways.push(walk(`ot-${slug(name)}`, 'footway', name, 2.5, [a, middle, b]));
  }
}

/** Crossings of the main roads near junctions (signalled) and links down to the promenade. */
function addMainRoadCrossings({ walkways, crossings }: WalkDraft): void {
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
}
