/**
 * The sensors of a world (scenario.sensors): cameras with their state (where a PTZ camera points,
 * its tracks, its counters), the obstacle edges that hide things from them, the lighting, and
 * the sensors' own random stream. Built once per world by `buildSensors`; stepped by
 * `observeCameras` (the observeSensors phase). Owned by the world.
 */
import { forkStream, type Rng } from '../random/Rng.ts';
import type { GeometrySpec, IncidentSpec, SensorsSpec } from '../scenario/Scenario.ts';
import { buildSceneTargets, SCENE_SIZE_M, sceneScale4, type SceneTargets } from './sceneTargets.ts';
import { VIOLENCE_CLASSIFIER, WEAPON_CLASSIFIER, type ActiveClassifier } from './classifiers.ts';
import { analysedRangeM, CAMERA_DEFAULTS, detectionScale4, DORI_DETECTION_PX_PER_M, PERSON_TARGET_HEIGHT_M, pixelsPerMetre, VEHICLE_DETECTION_PX_PER_M } from './cameraModel.ts';
import { sectorBounds } from './sectorGeometry.ts';
import type { UniformGrid } from '../spatial/UniformGrid.ts';
import { createCameraTracks, ID_SWITCHES_PER_CLOSE_S, TRACK_COAST_S, type CameraTracks } from './CameraTracks.ts';
import { buildLighting, lightsNear, type Lighting } from './Lighting.ts';
import { buildCameraOccluders, buildObstacleEdges, type CameraOccluders, type ObstacleEdges } from './Occluders.ts';
import { buildViewshed, VIEWSHED_CELL_M, type Viewshed } from './Viewshed.ts';

const DEG = Math.PI / 180;

/** A line-crossing analytic of a camera. */
export interface CameraLine {
  id: string;
  ax: number; ay: number; bx: number; by: number;
}

/** Counters of a camera, for the summary. */
export interface CameraStats {
  frames: number;
  /** Detections of real people and vehicles (frames x targets). */
  detections: number;
  personDetections: number;
  falseDetections: number;
  /** Tracks started (false detections included) and identity switches (per target, as MOT counts them). */
  tracks: number;
  idSwitches: number;
  /** Person-frames in view: in the field of view and range, not hidden by an obstacle. */
  peopleInView: number;
  /** Person-frames in the field of view and range but hidden by an obstacle. */
  peopleOccluded: number;
  events: number;
}

/** One camera and its state. */
export interface Camera {
  id: string;
  kind: 'fixed' | 'ptz';
  xM: number;
  yM: number;
  heightM: number;
  /** Where it points now and (PTZ) where it is turning to: compass bearings, radians clockwise from north. */
  headingRad: number;
  targetHeadingRad: number;
  panSpeedRadS: number;
  fovRad: number;
  cosHalfFov: number;
  resolutionPx: number;
  /** Pixels per metre on a target 1 m away (divide by the distance; IEC 62676-4). */
  pxPerMAtOneM: number;
  /** (p50 / pxPerMAtOneM)^4 for people and vehicles (cameraModel.ts, detectionProbabilityAtD2). */
  personScale4: number;
  vehicleScale4: number;
  minIlluminationLux: number;
  rangeM: number;
  /** A frame every this many ticks, at ticks where (tick - framePhase) % frameEveryTicks === 0. */
  frameEveryTicks: number;
  framePhase: number;
  /** Simulated time between frames, s. */
  frameS: number;
  /** Expected false detections per frame (Poisson mean). */
  falsePerFrame: number;
  /**
   * Frames between people counts; between a track's ObjectTrack events (1 Hz: vehicles, still and
   * running people), between those of a walking person (`trackEveryS`); and a track's coasting limit.
   */
  countEveryFrames: number;
  reportEveryFrames: number;
  walkingReportEveryFrames: number;
  coastFrames: number;
  /** Per frame, the probability that two detected people within SWITCH_RADIUS_M swap identities. */
  switchPerFrame: number;
  lines: CameraLine[];
  occluders: CameraOccluders;
  /**
   * Which ground cells it sees at a person's height (Viewshed.ts), over its view's box (PTZ: all
   * around) clipped to the scene; null when no obstacle edge lies within its range.
   */
  viewshed: Viewshed | null;
  /** The grid cells its frames visit, classed (cellPlan.ts); built at the first frame. */
  cellPlan: CellPlan | null;
  /** Street lights that meet its view. */
  lights: Int32Array;
  /** Detection constants for the scene target kinds (sceneTargets.ts), and per scene target the time its next fire report may be sent, s. */
  sceneScale4: Float64Array;
  nextSceneReportS: Float64Array;
  /** Visible walkable area per degree of bearing (compass), m², computed when first needed (NaN until then). */
  visibleAreaByDegM2: Float64Array;
  tracks: CameraTracks;
  stats: CameraStats;
  /** Frames taken so far (the next frame's index). */
  frameIndex: number;
  /** Events emitted (the next event id's sequence number). */
  eventSeq: number;
}

/** The grid cells a camera's frames visit, classed for its heading (engine/sensors/cellPlan.ts). */
export interface CellPlan {
  grid: UniformGrid;
  headingRad: number;
  /** Grid cells in visiting order, and their classes (CELL_SCAN, CELL_VISIBLE, CELL_HIDDEN). */
  cells: Int32Array;
  kinds: Uint8Array;
  count: number;
}

export interface Sensors {
  cameras: Camera[];
  cameraIndex: Map<string, number>;
  edges: ObstacleEdges;
  lighting: Lighting;
  random: Rng;
  /** Whether a point lies in the walkable space (for the visible area); supplied by the world. */
  isWalkable: (xM: number, yM: number) => boolean;
  /** Scratch: vehicle positions of the step, m. */
  vehicleXM: Float64Array;
  vehicleYM: Float64Array;
  /** Scratch: the truth of a count (agent ids). */
  countTruth: string[];
  /** Falls, left objects and fires that the cameras can see (scripted incidents). */
  scene: SceneTargets;
  /** The stream of the classifiers' draws (posture.ts, weapons.ts), apart from the detections'. */
  postureRandom: Rng;
  /** The classifiers the cameras run (classifiers.ts): weapons, violence. */
  classifiers: ActiveClassifier[];
  /** The truth labels `agent/ID` by agent id and `vehicle/ID` by vehicle id, made once each (observeCameras.ts). */
  agentLabels: string[];
  vehicleLabels: string[];
}

/**
 * Compiles the sensors of a validated scenario (null when it has none). `isWalkable` tells the
 * visible area's sampler where people can be.
 */
export function buildSensors(spec: SensorsSpec | undefined, geometry: GeometrySpec, seed: number, stepS: number, incidents: readonly IncidentSpec[] | undefined, isWalkable: (xM: number, yM: number) => boolean): Sensors | null {
  // Lighting alone makes sensors too: its street lights are actuators (lights.set) and a viewer shows them.
  if (!spec || ((spec.cameras ?? []).length === 0 && spec.lighting === undefined)) return null;
  const scene = buildSceneTargets(incidents);
  const edges = buildObstacleEdges(geometry.obstacles ?? [], geometry.obstacleHeightsM);
  const lighting = buildLighting(spec.lighting);
  const sceneBox = sceneBounds(geometry);
  const cameras = (spec.cameras ?? []).map((c, index): Camera => {
    const fovRad = (c.fovDeg ?? CAMERA_DEFAULTS.fovDeg) * DEG;
    const resolutionPx = c.resolutionPx ?? CAMERA_DEFAULTS.resolutionPx;
    const rangeM = analysedRangeM(resolutionPx, Math.min(fovRad, 179 * DEG), c.rangeM);
    const heightM = c.heightM ?? CAMERA_DEFAULTS.heightM;
    const frameHz = c.frameHz ?? CAMERA_DEFAULTS.frameHz;
    const frameEveryTicks = Math.max(1, Math.round(1 / (frameHz * stepS)));
    const frameS = frameEveryTicks * stepS;
    const [x, y] = c.at;
    const headingRad = normaliseRad(c.headingDeg * DEG);
    const pxPerMAtOneM = pixelsPerMetre(resolutionPx, Math.min(fovRad, 179 * DEG), 1);
    const kind = c.kind ?? CAMERA_DEFAULTS.kind;
    const occluders = buildCameraOccluders(edges, x, y, heightM, rangeM);
    const camera: Camera = {
      id: c.id,
      kind,
      xM: x, yM: y, heightM, headingRad, targetHeadingRad: headingRad,
      panSpeedRadS: (c.panSpeedDegS ?? CAMERA_DEFAULTS.panSpeedDegS) * DEG,
      fovRad,
      cosHalfFov: Math.cos(Math.min(fovRad, 2 * Math.PI) / 2),
      resolutionPx,
      pxPerMAtOneM,
      personScale4: detectionScale4(pxPerMAtOneM, DORI_DETECTION_PX_PER_M),
      vehicleScale4: detectionScale4(pxPerMAtOneM, VEHICLE_DETECTION_PX_PER_M),
      minIlluminationLux: c.minIlluminationLux ?? CAMERA_DEFAULTS.minIlluminationLux,
      rangeM,
      frameEveryTicks,
      framePhase: index % frameEveryTicks,
      frameS,
      falsePerFrame: ((c.falseDetectionsPerHour ?? CAMERA_DEFAULTS.falseDetectionsPerHour) / 3600) * frameS,
      countEveryFrames: Math.max(1, Math.round((c.countEveryS ?? CAMERA_DEFAULTS.countEveryS) / frameS)),
      reportEveryFrames: Math.max(1, Math.round(1 / frameS)),
      walkingReportEveryFrames: Math.max(1, Math.round((c.trackEveryS ?? CAMERA_DEFAULTS.trackEveryS) / frameS)),
      coastFrames: Math.max(1, Math.round(TRACK_COAST_S / frameS)),
      switchPerFrame: 1 - Math.exp(-ID_SWITCHES_PER_CLOSE_S * frameS),
      lines: (c.lines ?? []).map((line) => ({ id: line.id, ax: line.from[0], ay: line.from[1], bx: line.to[0], by: line.to[1] })),
      occluders,
      viewshed: null,
      cellPlan: null,
      lights: lightsNear(lighting, x - rangeM, y - rangeM, x + rangeM, y + rangeM),
      sceneScale4: new Float64Array(SCENE_SIZE_M.length).map((_v, kind) => sceneScale4(pxPerMAtOneM, kind)),
      nextSceneReportS: new Float64Array(scene.count),
      visibleAreaByDegM2: new Float64Array(360).fill(Number.NaN),
      tracks: createCameraTracks(),
      stats: { frames: 0, detections: 0, personDetections: 0, falseDetections: 0, tracks: 0, idSwitches: 0, peopleInView: 0, peopleOccluded: 0, events: 0 },
      frameIndex: 0,
      eventSeq: 0,
    };
    camera.viewshed = cameraViewshed(camera, sceneBox);
    return camera;
  });
  return {
    cameras,
    cameraIndex: new Map(cameras.map((camera, k) => [camera.id, k])),
    edges,
    lighting,
    random: forkStream(seed, 'sensors'),
    postureRandom: forkStream(seed, 'sensors/posture'),
    classifiers: [
      ...(spec.weaponDetection === undefined ? [] : [{ model: WEAPON_CLASSIFIER, falsePerPersonHour: spec.weaponDetection.falsePerPersonHour ?? WEAPON_CLASSIFIER.falsePerPersonHour }]),
      ...(spec.violenceDetection === undefined ? [] : [{ model: VIOLENCE_CLASSIFIER, falsePerPersonHour: spec.violenceDetection.falsePerPersonHour ?? VIOLENCE_CLASSIFIER.falsePerPersonHour }]),
    ],
    isWalkable,
    vehicleXM: new Float64Array(16),
    vehicleYM: new Float64Array(16),
    countTruth: [],
    scene,
    agentLabels: [],
    vehicleLabels: [],
  };
}

/** The box of the scene's walkable ground (people stand nowhere else): minX, minY, maxX, maxY. */
function sceneBounds(geometry: GeometrySpec): Float64Array {
  const box = new Float64Array([Infinity, Infinity, -Infinity, -Infinity]);
  for (const ring of geometry.walkable) {
    for (const [x, y] of ring) {
      box[0] = Math.min(box[0], x); box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x); box[3] = Math.max(box[3], y);
    }
  }
  return box;
}

/**
 * The camera's viewshed over its view's box (a PTZ camera: the whole disc of its range, since
 * it turns), clipped to the scene; null when no obstacle can hide anything from it.
 */
function cameraViewshed(camera: Camera, scene: Float64Array): Viewshed | null {
  if (camera.occluders.edgeOf.length === 0) return null;
  const box = new Float64Array(4);
  if (camera.kind === 'ptz') box.set([camera.xM - camera.rangeM, camera.yM - camera.rangeM, camera.xM + camera.rangeM, camera.yM + camera.rangeM]);
  else sectorBounds(camera.xM, camera.yM, camera.rangeM, camera.headingRad, camera.fovRad, box);
  const margin = VIEWSHED_CELL_M;
  const minX = Math.max(box[0], scene[0]) - margin, minY = Math.max(box[1], scene[1]) - margin;
  const maxX = Math.min(box[2], scene[2]) + margin, maxY = Math.min(box[3], scene[3]) + margin;
  if (!(maxX > minX && maxY > minY)) return null;
  return buildViewshed(camera.occluders, camera.rangeM, PERSON_TARGET_HEIGHT_M, minX, minY, maxX, maxY);
}

/** An angle in [0, 2 pi). */
export function normaliseRad(angleRad: number): number {
  const turn = 2 * Math.PI;
  const a = angleRad % turn;
  return a < 0 ? a + turn : a;
}
