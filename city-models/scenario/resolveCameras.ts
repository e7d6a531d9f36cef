/**
 * Cameras of a scenario placed in a city: `sensors.cameras` entries may name a surveillance point
 * of interest of the city (`{"id": "cam-1", "ref": "node/123"}`, or just `{"ref": ...}`): its
 * position fills `at`, its mapped direction (OSM `camera:direction`) `headingDeg`, and its type
 * `kind` (OSM `camera:type` panning or dome: a PTZ camera; fixed otherwise), unless the entry
 * gives them. The `ref` stays, for the record. Problems are reported on the entry's path.
 */
import type { CityModel } from '../CityModel.ts';

type Json = Record<string, unknown>;

/** Resolves the camera references of `sensors` (modified in place). */
export function resolveCameras(sensors: Json, city: CityModel, report: (path: string, message: string) => void): void {
  const cameras = Array.isArray(sensors.cameras) ? sensors.cameras : [];
  const known = city.pois.filter((poi) => poi.kind === 'surveillance');
  cameras.forEach((entry, index) => {
    const camera = entry as Json | null;
    if (camera === null || typeof camera !== 'object' || typeof camera.ref !== 'string') return;
    const path = `sensors.cameras[${index}]`;
    const poi = known.find((candidate) => candidate.id === camera.ref);
    if (!poi) {
      const ids = known.map((candidate) => candidate.id);
      report(`${path}.ref`, `no surveillance camera "${camera.ref}" in the city model ${city.name} (cameras: ${ids.length === 0 ? 'none' : ids.slice(0, 10).join(', ') + (ids.length > 10 ? ', ...' : '')})`);
      return;
    }
    camera.id ??= poi.id;
    camera.at ??= [poi.at[0], poi.at[1]];
    if (camera.headingDeg === undefined) {
      if (poi.directionDeg === undefined) report(`${path}.headingDeg`, `the city's camera "${poi.id}" has no mapped direction (camera:direction): give headingDeg`);
      else camera.headingDeg = poi.directionDeg;
    }
    camera.kind ??= poi.subtype === 'panning' || poi.subtype === 'dome' ? 'ptz' : 'fixed';
  });
}
