/**
 * The roads of the default district, drafted by hand in local metres on the lines of
 * `districtPlan.ts`. Junctions are added later by `nodeLines`.
 */
import type { XY } from '../CityModel.ts';
import { pt, type LineDraft, type Tags } from './districtDraft.ts';
import { BRIDGE, BRIDGE_HALF_M, EAST_X, LITTORAL_Y, NORD_Y, NORTH_Y, WEST_X, quayX, riverX } from './districtPlan.ts';

function road(id: string, highway: string, name: string, lanes: number, maxspeedKph: number, sidewalk: string, pts: XY[], extra: Tags = {}): LineDraft {
  const tags: Tags = { highway, name, lanes: String(lanes), maxspeed: String(maxspeedKph), sidewalk, ...extra };
  return { id, tags, pts, layer: tags.layer === undefined ? 0 : Number(tags.layer) };
}

/** The roads, west to east and south to north, as new drafts on every call. */
export function draftRoads(): LineDraft[] {
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
