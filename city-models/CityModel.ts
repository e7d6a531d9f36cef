/**
 * The city model: what `vigie import` writes (`city.json`) and what scenarios, the engine and the
 * viz read. Plain JSON data only (it crosses worker boundaries and is written to disk as is).
 *
 * Coordinates are in a local metric frame: x east, y north, in metres, around `origin` (see
 * `LocalFrame.ts`), rounded to the centimetre. Every feature keeps the id of what it came from
 * (`way/123`, `node/45`, `relation/6` for OpenStreetMap; the feature id or `feature/N` for
 * GeoJSON), so that an error or a scenario can name it.
 */

/** A point in the local frame, metres: [x east, y north]. */
export type XY = [number, number];
/** A closed ring in the local frame (first point repeated last), metres. */
export type RingXY = XY[];
/** A polygon: the outer ring first (counter-clockwise), then holes (clockwise). */
export type PolygonXY = RingXY[];

/** A building footprint with its height (for the 3D view and for camera occlusion). */
export interface Building {
  id: string;
  /** The `building=*` value (`yes`, `apartments`, `church`...). */
  kind: string;
  name?: string;
  /** One or more polygons (a multipolygon relation can hold several). */
  footprint: PolygonXY[];
  /** Footprint area, m² (holes removed). */
  areaM2: number;
  heightM: number;
  /** Where the height came from: `height` tag, `building:levels` x 3 m, or the default. */
  heightSource: 'height' | 'levels' | 'default';
  levels?: number;
}

/** How a walkway's width was found. */
export type WidthSource = 'width' | 'default';

/** A line people walk along: footway, path, steps, pedestrian street, sidewalk, crossing. */
export interface Walkway {
  id: string;
  /** `footway`, `path`, `steps`, `pedestrian`, `living_street`, `crossing`, `sidewalk`, `corridor`, `platform`, `track`, `bridleway`, `cycleway`. */
  kind: string;
  name?: string;
  line: XY[];
  /** Walkable width, m. */
  widthM: number;
  widthSource: WidthSource;
}

/** A walkable area: pedestrian square, platform, beach, plaza. */
export interface WalkArea {
  id: string;
  /** `pedestrian`, `square`, `platform`, `beach`, `footway`, `park`. */
  kind: string;
  name?: string;
  polygon: PolygonXY;
  areaM2: number;
}

/** A carriageway centre line. */
export interface Road {
  id: string;
  /** The `highway=*` value. */
  highway: string;
  name?: string;
  line: XY[];
  /** Total lanes; `lanesForward` run along the line, `lanesBackward` against it (0 if one-way). */
  lanes: number;
  lanesForward: number;
  lanesBackward: number;
  oneway: boolean;
  maxSpeedKph: number;
  /** Carriageway width, m (from `width`, else lanes x LANE_WIDTH_M). */
  widthM: number;
  /** Sidewalks mapped on the road (`sidewalk=*`): which sides have one. */
  sidewalk: 'both' | 'left' | 'right' | 'none' | 'unknown';
  /** True where pedestrians may walk along it (not a motorway or trunk road, no `foot=no`). */
  walkable: boolean;
  /** Bridge or tunnel layer (0 on the ground). */
  layer: number;
  /**
   * `restricted`: a pedestrian street (`highway=pedestrian`) that vehicles may enter only when
   * let in (emergency vehicles, deliveries): routing avoids it; its rising bollards control it.
   */
  access?: 'restricted';
}

/** A tram, light-rail, rail or subway line (a track). */
export interface RailLine {
  id: string;
  kind: 'tram' | 'light_rail' | 'rail' | 'subway' | 'narrow_gauge' | 'monorail';
  name?: string;
  line: XY[];
}

/** A public-transport stop or station. */
export interface Stop {
  id: string;
  kind: 'tram_stop' | 'bus_stop' | 'station' | 'halt' | 'platform' | 'stop_position' | 'subway_entrance';
  name?: string;
  at: XY;
}

/** A point of interest relevant to safety. */
export interface PointOfInterest {
  id: string;
  /** `bollard`, `gate`, `lift_gate`, `barrier`, `traffic_signals`, `crossing`, `street_lamp`, `surveillance`, `entrance`, `amenity`, `emergency`. */
  kind: string;
  /** The finer value: the amenity type, the camera type, the crossing type... */
  subtype?: string;
  name?: string;
  /** Cameras: the mapped viewing direction, degrees clockwise from north. */
  directionDeg?: number;
  at: XY;
}

/** A barrier to people that is not a building: a wall, fence or hedge line, or a tree. */
export interface Barrier {
  id: string;
  /** The `barrier=*` value (`wall`, `fence`, `hedge`...) or `tree`. */
  kind: string;
  /** Barrier lines. */
  line?: XY[];
  /** Trees. */
  at?: XY;
  /** Thickness of a line, or trunk diameter, m. */
  widthM: number;
}

/** Water: a river or canal centre line (with a width) or a water area. */
export interface Water {
  id: string;
  kind: 'river' | 'stream' | 'canal' | 'ditch' | 'drain' | 'water' | 'riverbank' | 'coastline';
  name?: string;
  line?: XY[];
  polygon?: PolygonXY;
  widthM?: number;
}

/**
 * A routing graph in compact form: node positions and edges between them. Nodes are junctions
 * and dead ends; an edge carries the polyline between two nodes (the geometry of the way).
 */
export interface CompactGraph {
  /** Node positions, metres: x0, y0, x1, y1, ... */
  nodeXY: number[];
  /** One entry per edge. */
  edges: GraphEdge[];
}

/** An edge of a routing graph. For the road graph, edges are directed (from → to). */
export interface GraphEdge {
  from: number;
  to: number;
  lengthM: number;
  /** The feature it comes from (a walkway, a road, an area). */
  featureId: string;
  /** Intermediate points (without the end nodes). */
  via?: XY[];
  /** Road graph only: lanes in this direction and the speed limit. */
  lanes?: number;
  maxSpeedKph?: number;
  /** Pedestrian graph only: the width of the way, m. */
  widthM?: number;
  /** Road graph only: true on a pedestrian street (vehicles only when let in). */
  restricted?: boolean;
}

/** A junction of the road graph with its allowed turns. */
export interface Junction {
  node: number;
  /** True when mapped with `highway=traffic_signals`. */
  signals: boolean;
  /** Turn connections: (incoming edge index, outgoing edge index, turn angle in degrees, left positive). */
  turns: [number, number, number][];
}

/**
 * Where the road network leaves the model: a dead end that is a one-way road (a one-way street
 * does not just stop: the extract cut it) or that lies outside the extract's bounds. Vehicles
 * enter (`enter`), leave (`leave`) or both there, as through SUMO's fringe edges.
 */
export interface FringeNode {
  node: number;
  direction: 'enter' | 'leave' | 'both';
}

/** What an import did: counts per layer and the features it set aside, by reason. */
export interface ImportReport {
  counts: Record<string, number>;
  skipped: Record<string, number>;
  /** The first few skipped features with their reason, for the user to look up. */
  examples: string[];
}

/** A whole city model, as written to `city.json`. */
export interface CityModel {
  format: 'vigie-city';
  version: 1;
  name: string;
  source: { file: string; kind: 'osm' | 'geojson' | 'generated' };
  /** The local frame's origin, WGS84 degrees. */
  origin: { lonDeg: number; latDeg: number };
  /** Extent of the model in the local frame, metres. */
  bounds: { minX: number; minY: number; maxX: number; maxY: number };
  buildings: Building[];
  walkways: Walkway[];
  walkAreas: WalkArea[];
  roads: Road[];
  rails: RailLine[];
  stops: Stop[];
  pois: PointOfInterest[];
  water: Water[];
  barriers: Barrier[];
  pedestrianGraph: CompactGraph;
  roadGraph: CompactGraph & { junctions: Junction[]; fringe: FringeNode[] };
  report: ImportReport;
}
