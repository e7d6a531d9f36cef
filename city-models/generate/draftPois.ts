/**
 * The point features of the default district, local metres: traffic signals, crossing nodes,
 * bollards, the gate, street furniture along the promenade and the square, surveillance cameras,
 * amenities placed on the nearest building, and building entrances.
 */
import type { XY } from '../CityModel.ts';
import { centroid, pt, type LineDraft, type PointDraft, type Tags } from './districtDraft.ts';
import { PROMENADE_Y, oldTownNode } from './districtPlan.ts';
import type { WalkDraft } from './draftWalkways.ts';
import type { BuildingDraft } from './layBuildings.ts';
import { nearestBuilding } from './tagBuildings.ts';

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

/** The surveillance cameras, on poles and one on an old-town wall. */
function cameras(): PointDraft[] {
  const otCam = oldTownNode(2, 3);
  return [
    camera('camera-square', pt(88, -47), 'dome', 225, 'pole'),
    camera('camera-tram-marche', pt(-13, -72), 'fixed', 180, 'pole'),
    camera('camera-promenade-west', pt(-100, PROMENADE_Y + 5.5), 'panning', 180, 'pole'),
    camera('camera-promenade-east', pt(250, PROMENADE_Y + 5.5), 'panning', 200, 'pole'),
    camera('camera-littoral-mimosas', pt(-239, -244), 'fixed', 135, 'pole'),
    camera('camera-rue-droite', pt(otCam[0] + 2, otCam[1] + 1.5), 'dome', 270, 'wall'),
  ];
}

/**
 * The point features, as new drafts: `roads` noded, `walks` as drafted, `buildings` tagged (an
 * amenity goes to the centroid of the free building nearest its target).
 */
export function draftPois(roads: LineDraft[], walks: WalkDraft, buildings: BuildingDraft[]): PointDraft[] {
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
  pois.push(...cameras());
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
