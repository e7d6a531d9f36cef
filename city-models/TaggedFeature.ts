/**
 * The common ground of the importers: a feature with OpenStreetMap-style tags and a WGS84
 * geometry. The OSM importer builds these from nodes, ways and multipolygon relations; the
 * GeoJSON importer from features whose properties are tags. The layers (`layers/`) read only
 * this, so both formats get the same rules.
 */

/** [longitude, latitude] in degrees. */
export type LonLat = [number, number];

/** A point feature (an OSM node with tags, a GeoJSON Point). */
export interface PointGeometry {
  type: 'point';
  at: LonLat;
}

/**
 * A line. `keys` name each vertex for routing: two lines join where they share a key (the OSM
 * node id, or for GeoJSON the coordinates rounded to 1e-7 degrees).
 */
export interface LineGeometry {
  type: 'line';
  coords: LonLat[];
  keys: string[];
}

/** One or more polygons, each an outer ring then its holes; rings closed. */
export interface AreaGeometry {
  type: 'area';
  polygons: LonLat[][][];
  /** For a closed OSM way: the vertex keys of its ring (an area can also be walked around). */
  keys?: string[];
}

export type FeatureGeometry = PointGeometry | LineGeometry | AreaGeometry;

/** A tagged feature in WGS84. */
export interface TaggedFeature {
  /** `node/1`, `way/2`, `relation/3`, or a GeoJSON id. */
  id: string;
  tags: Record<string, string>;
  geometry: FeatureGeometry;
}

/** Counts skipped features by reason, and keeps a few examples for the import report. */
export class SkipCounter {
  readonly skipped: Record<string, number> = {};
  readonly examples: string[] = [];

  /** Records that feature `id` was set aside for `reason`. */
  skip(id: string, reason: string): void {
    this.skipped[reason] = (this.skipped[reason] ?? 0) + 1;
    if (this.examples.length < 20) this.examples.push(`${id}: ${reason}`);
  }
}
