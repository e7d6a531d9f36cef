/**
 * What the cameras see in one step: PTZ cameras turn toward their target bearing, then each
 * camera whose frame is due looks at the people (through the neighbour grid) and vehicles in
 * its field of view and range, drops those hidden by obstacles, detects each of the others with
 * the probability of the pixel density on it times the lighting factor (cameraModel.ts), adds
 * localisation noise, false detections (a Poisson process per camera-hour, placed at random in
 * the view) and tracker failures (CameraTracks.ts), and appends analytic events to the world's
 * event log:
 *  - `tns1:VideoAnalytics/ObjectTrack` (analytic): each track when it starts and then about once
 *    a second, data {objectId, class, speedMps, headingRad (counter-clockwise from east, null
 *    when nearly still), camera};
 *  - `tns1:RuleEngine/LineDetector/Crossed` (analytic): a track's filtered position crosses one of
 *    the camera's lines, data {lineId, objectId, class, direction}: `with` the line's prescribed
 *    direction (from the right of from->to to its left, a measurement line's `forward`) or `against` it;
 *  - `CrowdFlowObserved` (observation) every `countEveryS`: data {peopleCount, densityPerM2,
 *    visibleAreaM2, periodS}, the people detected in that frame over the walkable ground seen unhidden.
 * Object ids are strings `CAMERA/N`, numbered per camera (names as in engine/rules/eventCatalog.ts).
 * Every event's `truth` lists the agents (`agent/ID`) or vehicles (`vehicle/ID`) behind it, and
 * is empty for a false detection. All draws come from the sensors' own stream.
 */
import { AgentKind, type AgentStore } from '../agents/AgentStore.ts';
import type { VigieEvent } from '../events/VigieEvent.ts';
import { rebuildGrid, type UniformGrid } from '../spatial/UniformGrid.ts';
import { pointOnLink } from '../vehicles/RoadNetwork.ts';
import type { Traffic } from '../vehicles/Traffic.ts';
import { detectionProbabilityAtD2, lightingFactorSquare, localisationSigmaM, PERSON_TARGET_HEIGHT_M, VEHICLE_TARGET_HEIGHT_M } from './cameraModel.ts';
import { endTrack, nextSpeedClass, slotOfKey, SPEED_STILL, SPEED_WALKING, startTrack, swapTracks, SWITCH_RADIUS_M, TRACK_CONFIRM_HITS, updateTrack, type CameraTracks } from './CameraTracks.ts';
import { visibleAreaM2 } from './cameraView.ts';
import { ambientLuxAt, illuminanceAt, refreshLightRaster, streetLuxAt } from './Lighting.ts';
import { isOccluded } from './Occluders.ts';
import { CELL_HIDDEN, CELL_SCAN, cellPlanOf } from './cellPlan.ts';
import { POSTURE_LYING, POSTURE_NAMES, POSTURE_STANDING } from '../scenario/Scenario.ts';
import { shownPosture } from './posture.ts';
import { falsePerFrame } from './classifiers.ts';
import { FIRE_REPORT_EVERY_S, isSceneKey, SCENE_FALLEN_PERSON, SCENE_FIGHT, SCENE_FIRE, SCENE_WEAPON, SCENE_KEY_BASE, SCENE_TARGET_HEIGHT_M, sceneIndexOfKey } from './sceneTargets.ts';
import { normaliseRad, type Camera, type Sensors } from './Sensors.ts';
import { viewshedStateAt, VIEWSHED_HIDDEN, VIEWSHED_MIXED, VIEWSHED_VISIBLE } from './Viewshed.ts';
import { poissonDraw } from '../random/Rng.ts';

export const OBJECT_TRACK = 'tns1:VideoAnalytics/ObjectTrack';
export const LINE_CROSSED = 'tns1:RuleEngine/LineDetector/Crossed';
export const CROWD_FLOW_OBSERVED = 'CrowdFlowObserved';
export const FIRE_SMOKE_DETECTED = 'vigie:FireSmokeDetected';

const _point = new Float64Array(2);
const SWITCH_RADIUS2 = SWITCH_RADIUS_M * SWITCH_RADIUS_M;

/** The world parts the cameras read. */
export interface CameraInputs {
  agents: AgentStore;
  grid: UniformGrid;
  traffic: Traffic | null;
  /** Per population (agents.group): the posture of its people until they start walking (POSTURE_*), and their behaviour group. */
  populations: readonly { posture: number; behaviour: string }[];
}

/**
 * Runs the cameras for the step that ends at `tick` (positions committed, time tick x stepS),
 * appending their events to `log`.
 */
export function observeCameras(sensors: Sensors, inputs: CameraInputs, tick: number, stepS: number, log: VigieEvent[]): void {
  const cameras = sensors.cameras;
  for (let k = 0; k < cameras.length; k++) if (cameras[k].kind === 'ptz') slew(cameras[k], stepS);
  let ready = false;
  for (let k = 0; k < cameras.length; k++) {
    const camera = cameras[k];
    if ((tick - camera.framePhase) % camera.frameEveryTicks !== 0) continue;
    if (!ready) {
      // The grid of the step's start misses people who spawned or left since: index the committed positions.
      rebuildGrid(inputs.grid, inputs.agents);
      placeVehicles(sensors, inputs.traffic);
      refreshLightRaster(sensors.lighting);
      ready = true;
    }
    observeFrame(sensors, camera, inputs, tick, tick * stepS, log);
  }
}

/** A PTZ camera turns toward its target bearing, the shorter way, at its pan speed. */
function slew(camera: Camera, stepS: number): void {
  const diff = normaliseRad(camera.targetHeadingRad - camera.headingRad + Math.PI) - Math.PI;
  const maxRad = camera.panSpeedRadS * stepS;
  camera.headingRad = Math.abs(diff) <= maxRad ? camera.targetHeadingRad : normaliseRad(camera.headingRad + Math.sign(diff) * maxRad);
}

function placeVehicles(sensors: Sensors, traffic: Traffic | null): void {
  if (!traffic) return;
  const vehicles = traffic.vehicles;
  if (sensors.vehicleXM.length < vehicles.count) {
    sensors.vehicleXM = new Float64Array(vehicles.capacity);
    sensors.vehicleYM = new Float64Array(vehicles.capacity);
  }
  for (let v = 0; v < vehicles.count; v++) {
    pointOnLink(traffic.network, vehicles.link[v], vehicles.posM[v], _point);
    sensors.vehicleXM[v] = _point[0];
    sensors.vehicleYM[v] = _point[1];
  }
}

/**
 * One frame of a camera. NOTE: split into a function per kind of target so that each stays small
 * enough for V8 to inline the helpers of its hot loop (in one large function it stopped
 * inlining them, and every probability and lux value it returned was a heap allocation).
 */
function observeFrame(sensors: Sensors, camera: Camera, inputs: CameraInputs, tick: number, timeS: number, log: VigieEvent[]): void {
  const frame = camera.frameIndex++;
  camera.stats.frames++;
  const ambientLux = ambientLuxAt(sensors.lighting, timeS);
  const isCount = frame % camera.countEveryFrames === 0;
  sensors.countTruth.length = 0;
  let peopleCount = observePeople(sensors, camera, inputs, tick, frame, timeS, ambientLux, isCount, log);
  if (inputs.traffic) observeVehicles(sensors, camera, inputs.traffic, frame, timeS, ambientLux, log);
  if (sensors.scene.count > 0) observeScene(sensors, camera, frame, timeS, ambientLux, log);
  peopleCount += falseDetections(sensors, camera, timeS, log);
  reportTracks(sensors, camera, frame, timeS, log);
  if (isCount) {
    const areaM2 = visibleAreaM2(camera, sensors.isWalkable);
    emit(camera, log, 'observation', CROWD_FLOW_OBSERVED, timeS, camera.xM, camera.yM, {
      peopleCount, densityPerM2: areaM2 > 0 ? round(peopleCount / areaM2, 4) : 0, visibleAreaM2: round(areaM2, 1), periodS: round(camera.countEveryFrames * camera.frameS, 3),
    }, sensors.countTruth.slice());
  }
}

/**
 * People, grid cell by grid cell over the rows of the view's sector (only the columns its outline
 * meets in each row; cells wholly visible or wholly hidden skip the per-person tests, cellPlan.ts): detections go to the tracker; on a counting frame the detected are counted
 * (their truth in sensors.countTruth). Returns the count.
 */
function observePeople(sensors: Sensors, camera: Camera, inputs: CameraInputs, tick: number, frame: number, timeS: number, ambientLux: number, isCount: boolean, log: VigieEvent[]): number {
  const { agents, grid, populations } = inputs;
  const stats = camera.stats;
  const rng = sensors.random;
  const tracks = camera.tracks;
  const sinH = Math.sin(camera.headingRad), cosH = Math.cos(camera.headingRad);
  const cx = camera.xM, cy = camera.yM, range2 = camera.rangeM * camera.rangeM, cosHalf = camera.cosHalfFov;
  // In the field of view: dot >= d cos(fov/2), compared squared (no square root) when fov <= 180°.
  const narrow = cosHalf >= 0, cosHalf2 = cosHalf * cosHalf;
  const truth = sensors.countTruth;
  let peopleCount = 0;
  const lighting = sensors.lighting;
  const raster = lighting.raster;
  const view = camera.viewshed;
  const scale4 = camera.personScale4, minLux = camera.minIlluminationLux;
  const plan = cellPlanOf(camera, grid);
  const xs = agents.posXM, ys = agents.posYM;
  {
    for (let k = 0; k < plan.count; k++) {
      const cell = plan.cells[k], kind = plan.kinds[k];
      const end = grid.cellStart[cell + 1];
      // The last person detected in this cell: a candidate for an identity switch.
      let prevSlot = -1, prevX = 0, prevY = 0;
      for (let j = grid.cellStart[cell]; j < end; j++) {
        const i = grid.agentsByCell[j];
        if (agents.kind[i] === AgentKind.departing) continue;
        if (kind === CELL_HIDDEN) {
          stats.peopleOccluded++;
          continue;
        }
        const x = xs[i], y = ys[i];
        const dx = x - cx, dy = y - cy;
        const d2 = dx * dx + dy * dy;
        if (kind === CELL_SCAN) {
          if (d2 > range2) continue;
          const dot = dx * sinH + dy * cosH;
          if (narrow ? dot < 0 || dot * dot < d2 * cosHalf2 : dot < Math.sqrt(d2) * cosHalf) continue;
          // The viewshed decides where its cell is uniform; the exact test elsewhere.
          const seen = view === null ? VIEWSHED_VISIBLE : viewshedStateAt(view, x, y);
          if (seen === VIEWSHED_HIDDEN || (seen === VIEWSHED_MIXED && isOccluded(camera.occluders, x, y, PERSON_TARGET_HEIGHT_M))) {
            stats.peopleOccluded++;
            continue;
          }
        }
        stats.peopleInView++;
        const streetLux = streetLuxAt(raster, x, y);
        const lux = streetLux === streetLux ? ambientLux + streetLux : illuminanceAt(lighting, ambientLux, camera.lights, x, y);
        const p = detectionProbabilityAtD2(d2, scale4) * lightingFactorSquare(lux, minLux);
        if (rng.next() >= p) continue;
        const pxPerM = camera.pxPerMAtOneM / Math.max(Math.sqrt(d2), 0.1);
        const sigmaM = localisationSigmaM(pxPerM);
        const mx = x + sigmaM * rng.normal(), my = y + sigmaM * rng.normal();
        stats.detections++;
        stats.personDetections++;
        const id = agents.id[i];
        if (isCount) {
          peopleCount++;
          truth.push(truthOf(sensors, id));
        }
        let slot = detect(sensors, camera, id, mx, my, frame, timeS, p, log, 'person');
        if (slot >= 0 && prevSlot >= 0 && prevSlot !== slot && (x - prevX) ** 2 + (y - prevY) ** 2 < SWITCH_RADIUS2 && rng.next() < camera.switchPerFrame) {
          // Identity switch: the two tracks swap targets (both measured this frame).
          swapTracks(tracks, slot, prevSlot);
          const sx = tracks.xM[slot], sy = tracks.yM[slot];
          tracks.xM[slot] = tracks.xM[prevSlot];
          tracks.yM[slot] = tracks.yM[prevSlot];
          tracks.xM[prevSlot] = sx;
          tracks.yM[prevSlot] = sy;
          stats.idSwitches += 2;
          slot = prevSlot;
        }
        // Its posture: its group's until it starts walking (people sitting or lying stay put).
        if (slot >= 0) notePosture(sensors, tracks, slot, tick < agents.walkFromTick[i] ? populations[agents.group[i]].posture : POSTURE_STANDING);
        // The classifiers' mistakes (classifiers.ts).
        if (slot >= 0) for (let c = 0; c < sensors.classifiers.length; c++) {
          const classifier = sensors.classifiers[c];
          if (sensors.postureRandom.next() >= falsePerFrame(classifier, camera.frameS, populations[agents.group[i]].behaviour)) continue;
          // A mistaken score: uniform over 0.3 to 0.8 (our choice; a true incident scores 0.5 to 1).
          const score = round(0.3 + 0.5 * sensors.postureRandom.next(), 3);
          emit(camera, log, 'analytic', classifier.model.type, timeS, tracks.xM[slot], tracks.yM[slot], { kind: classifier.model.kind, camera: camera.id, objectId: trackLabel(camera, slot) }, [truthOf(sensors, id)], score);
        }
        prevSlot = slot;
        prevX = x;
        prevY = y;
      }
    }
  }
  return peopleCount;
}

function observeVehicles(sensors: Sensors, camera: Camera, traffic: Traffic, frame: number, timeS: number, ambientLux: number, log: VigieEvent[]): void {
  const stats = camera.stats;
  const rng = sensors.random;
  const lighting = sensors.lighting;
  const minLux = camera.minIlluminationLux;
  const sinH = Math.sin(camera.headingRad), cosH = Math.cos(camera.headingRad);
  const cx = camera.xM, cy = camera.yM, range2 = camera.rangeM * camera.rangeM, cosHalf = camera.cosHalfFov;
  {
    const vehicles = traffic.vehicles;
    for (let v = 0; v < vehicles.count; v++) {
      const x = sensors.vehicleXM[v], y = sensors.vehicleYM[v];
      const dx = x - cx, dy = y - cy;
      const d2 = dx * dx + dy * dy;
      if (d2 > range2) continue;
      const d = Math.sqrt(d2);
      if (dx * sinH + dy * cosH < d * cosHalf) continue;
      if (isOccluded(camera.occluders, x, y, VEHICLE_TARGET_HEIGHT_M)) continue;
      const pxPerM = camera.pxPerMAtOneM / Math.max(d, 0.1);
      const p = detectionProbabilityAtD2(d2, camera.vehicleScale4) * lightingFactorSquare(illuminanceAt(lighting, ambientLux, camera.lights, x, y), minLux);
      if (rng.next() >= p) continue;
      const sigmaM = localisationSigmaM(pxPerM);
      stats.detections++;
      detect(sensors, camera, -1 - vehicles.id[v], x + sigmaM * rng.normal(), y + sigmaM * rng.normal(), frame, timeS, p, log, 'vehicle');
    }
  }

}

/** False detections: a Poisson number per frame, uniform over the view's area, each a one-frame track. Returns their number. */
function falseDetections(sensors: Sensors, camera: Camera, timeS: number, log: VigieEvent[]): number {
  const stats = camera.stats;
  const rng = sensors.random;
  const tracks = camera.tracks;
  const falseCount = poissonDraw(rng, camera.falsePerFrame);
  for (let k = 0; k < falseCount; k++) {
    const bearing = camera.headingRad + (rng.next() - 0.5) * Math.min(camera.fovRad, 2 * Math.PI);
    const r = camera.rangeM * Math.sqrt(rng.next());
    stats.falseDetections++;
    stats.tracks++;
    emit(camera, log, 'analytic', OBJECT_TRACK, timeS, camera.xM + r * Math.sin(bearing), camera.yM + r * Math.cos(bearing), { objectId: `${camera.id}/${tracks.nextTrackId++}`, class: 'person', speedMps: 0, headingRad: null, camera: camera.id }, []);
  }

  return falseCount;
}

/**
 * Tracks: end those lost for too long; report the others when their speed class changes (at
 * most once a second), and otherwise every second (vehicles, still and running people) or every
 * trackEveryS (walking people).
 */
function reportTracks(sensors: Sensors, camera: Camera, frame: number, timeS: number, log: VigieEvent[]): void {
  const tracks = camera.tracks;
  for (let s = 0; s < tracks.capacity; s++) {
    if (!tracks.active[s]) continue;
    if (tracks.lastFrame[s] !== frame) {
      if (frame - tracks.lastFrame[s] > camera.coastFrames) endTrack(tracks, s);
      continue;
    }
    const key = tracks.key[s];
    const vx = tracks.vxMps[s], vy = tracks.vyMps[s];
    const speedMps = Math.sqrt(vx * vx + vy * vy);
    const lastReport = tracks.lastReportFrame[s];
    // Tentative until confirmed: not reported yet.
    if (lastReport < 0 && tracks.hits[s] < TRACK_CONFIRM_HITS) continue;
    if (lastReport >= 0) {
      const speedClass = key >= 0 ? nextSpeedClass(tracks.speedClass[s], speedMps) : SPEED_WALKING;
      const every = speedClass === SPEED_WALKING && key >= 0 ? camera.walkingReportEveryFrames : camera.reportEveryFrames;
      const since = frame - lastReport;
      // A change of class is reported at once, but never sooner than a second after the last
      // report: a filtered speed near a threshold would otherwise report every frame.
      if (since < camera.reportEveryFrames || (speedClass === tracks.speedClass[s] && since < every)) continue;
      tracks.speedClass[s] = speedClass;
    } else if (key >= 0) {
      tracks.speedClass[s] = nextSpeedClass(SPEED_STILL, speedMps);
    }
    tracks.lastReportFrame[s] = frame;
    const data: VigieEvent['data'] = {
      objectId: trackLabel(camera, s), class: key >= 0 ? 'person' : 'vehicle', speedMps: round(speedMps, 2),
      headingRad: speedMps > 0.05 ? round(Math.atan2(vy, vx), 3) : null, camera: camera.id,
    };
    if (isSceneKey(key) && sensors.scene.kind[sceneIndexOfKey(key)] !== SCENE_FALLEN_PERSON) {
      data.class = 'bag';
      data.nearestPersonM = round(nearestPersonM(camera, sensors.scene.kind, s, frame), 2);
    } else if (key >= 0 || isSceneKey(key)) {
      data.class = 'person';
      // Reported when not standing (most people: the field is absent).
      const shown = tracks.shownPosture[s];
      if (shown !== POSTURE_STANDING) data.posture = POSTURE_NAMES[shown];
    }
    emit(camera, log, 'analytic', OBJECT_TRACK, timeS, tracks.xM[s], tracks.yM[s], data, [truthOf(sensors, key)]);
  }
}

/** A person track's target has this true posture now: the posture shown is drawn again when it changes (posture.ts). */
function notePosture(sensors: Sensors, tracks: CameraTracks, slot: number, posture: number): void {
  if (tracks.truePosture[slot] === posture) return;
  tracks.truePosture[slot] = posture;
  tracks.shownPosture[slot] = shownPosture(sensors.postureRandom, posture);
}

/**
 * Distance from a track to the nearest person track measured in the same frame (the people the
 * camera detects around an object), or the camera's range when it detects nobody.
 */
function nearestPersonM(camera: Camera, kinds: Uint8Array, slot: number, frame: number): number {
  const tracks = camera.tracks;
  const x = tracks.xM[slot], y = tracks.yM[slot];
  let best2 = camera.rangeM * camera.rangeM;
  for (let s = 0; s < tracks.capacity; s++) {
    if (s === slot || !tracks.active[s] || tracks.lastFrame[s] !== frame) continue;
    const key = tracks.key[s];
    if (key < 0 && !(isSceneKey(key) && kinds[sceneIndexOfKey(key)] === SCENE_FALLEN_PERSON)) continue;
    const d2 = (tracks.xM[s] - x) ** 2 + (tracks.yM[s] - y) ** 2;
    if (d2 < best2) best2 = d2;
  }
  return Math.sqrt(best2);
}

/**
 * The scene targets in view (sceneTargets.ts): a fallen person or a left object goes to the
 * tracker like a person; a fire is reported as `vigie:FireSmokeDetected`, at most every
 * FIRE_REPORT_EVERY_S by each camera.
 */
function observeScene(sensors: Sensors, camera: Camera, frame: number, timeS: number, ambientLux: number, log: VigieEvent[]): void {
  const scene = sensors.scene;
  const rng = sensors.random;
  const sinH = Math.sin(camera.headingRad), cosH = Math.cos(camera.headingRad);
  if (camera.nextSceneReportS.length < scene.count) {
    const grown = new Float64Array(scene.kind.length);
    grown.set(camera.nextSceneReportS);
    camera.nextSceneReportS = grown;
  }
  for (let k = 0; k < scene.count; k++) {
    if (timeS < scene.startS[k] || timeS >= scene.endS[k]) continue;
    const x = scene.xM[k], y = scene.yM[k], kind = scene.kind[k];
    // A weapon or a fight is seen only by cameras that run its classifier.
    const classifier = kind === SCENE_WEAPON || kind === SCENE_FIGHT ? sensors.classifiers.find((c) => c.model.sceneKind === kind) : undefined;
    if ((kind === SCENE_WEAPON || kind === SCENE_FIGHT) && classifier === undefined) continue;
    const dx = x - camera.xM, dy = y - camera.yM;
    const d2 = dx * dx + dy * dy;
    if (d2 > camera.rangeM * camera.rangeM) continue;
    const d = Math.sqrt(d2);
    if (dx * sinH + dy * cosH < d * camera.cosHalfFov) continue;
    if (isOccluded(camera.occluders, x, y, SCENE_TARGET_HEIGHT_M[kind])) continue;
    const light = kind === SCENE_FIRE ? 1 : lightingFactorSquare(illuminanceAt(sensors.lighting, ambientLux, camera.lights, x, y), camera.minIlluminationLux);
    const p = detectionProbabilityAtD2(d2, camera.sceneScale4[kind]) * light;
    if (rng.next() >= p) continue;
    camera.stats.detections++;
    if (kind === SCENE_FIRE || classifier !== undefined) {
      if (timeS < camera.nextSceneReportS[k]) continue;
      camera.nextSceneReportS[k] = timeS + FIRE_REPORT_EVERY_S;
      // Confidence: the detection probability for a fire; a classifier's score, 0.5 to 1 with the pixels on it.
      if (classifier === undefined) emit(camera, log, 'analytic', FIRE_SMOKE_DETECTED, timeS, x, y, { kind: 'fire', camera: camera.id }, [scene.truth[k]], round(p, 3));
      else emit(camera, log, 'analytic', classifier.model.type, timeS, x, y, { kind: classifier.model.kind, camera: camera.id }, [scene.truth[k]], round(0.5 + 0.5 * p, 3));
      continue;
    }
    const sigmaM = localisationSigmaM(camera.pxPerMAtOneM / Math.max(d, 0.1));
    const slot = detect(sensors, camera, SCENE_KEY_BASE - k, x + sigmaM * rng.normal(), y + sigmaM * rng.normal(), frame, timeS, p, log, kind === SCENE_FALLEN_PERSON ? 'person' : 'bag');
    if (kind === SCENE_FALLEN_PERSON) notePosture(sensors, camera.tracks, slot, POSTURE_LYING);
  }
}

/**
 * Feeds a detection of target `key` to the camera's tracker (a new track when it has none) and
 * emits the line crossings of its filtered path. Returns the track's slot.
 */
function detect(sensors: Sensors, camera: Camera, key: number, mx: number, my: number, frame: number, timeS: number, p: number, log: VigieEvent[], objectClass: 'person' | 'vehicle' | 'bag'): number {
  const tracks = camera.tracks;
  let slot = slotOfKey(tracks, key);
  if (slot >= 0 && frame - tracks.lastFrame[slot] > camera.coastFrames) {
    endTrack(tracks, slot);
    slot = -1;
  }
  if (slot < 0) {
    camera.stats.tracks++;
    return startTrack(tracks, key, mx, my, frame);
  }
  const x0 = tracks.xM[slot], y0 = tracks.yM[slot];
  updateTrack(tracks, slot, mx, my, frame, camera.frameS);
  const x1 = tracks.xM[slot], y1 = tracks.yM[slot];
  for (const line of camera.lines) {
    const direction = crossing(line.ax, line.ay, line.bx, line.by, x0, y0, x1, y1);
    if (direction === 0) continue;
    emit(camera, log, 'analytic', LINE_CROSSED, timeS, x1, y1, {
      lineId: line.id, objectId: trackLabel(camera, slot), class: objectClass, direction: direction > 0 ? 'with' : 'against',
    }, [truthOf(sensors, key)], round(p, 3));
  }
  return slot;
}

/**
 * +1 when the path (x0, y0) -> (x1, y1) crosses the line a -> b from its right to its left
 * (forward, as measurement lines count it), -1 the other way, 0 when it does not cross.
 */
function crossing(ax: number, ay: number, bx: number, by: number, x0: number, y0: number, x1: number, y1: number): number {
  const ex = bx - ax, ey = by - ay;
  const left0 = ex * (y0 - ay) - ey * (x0 - ax) >= 0;
  const left1 = ex * (y1 - ay) - ey * (x1 - ax) >= 0;
  if (left0 === left1) return 0;
  const px = x1 - x0, py = y1 - y0;
  const denom = px * ey - py * ex;
  if (denom === 0) return 0;
  const u = ((ax - x0) * py - (ay - y0) * px) / denom;
  if (u < 0 || u > 1) return 0;
  return left1 ? 1 : -1;
}

/** The truth label of a target key (`agent/ID`, or `vehicle/ID` for key -1 - ID), made once per target. */
function truthOf(sensors: Sensors, key: number): string {
  if (isSceneKey(key)) return sensors.scene.truth[sceneIndexOfKey(key)];
  const labels = key >= 0 ? sensors.agentLabels : sensors.vehicleLabels;
  const id = key >= 0 ? key : -1 - key;
  while (labels.length <= id) labels.push('');
  let label = labels[id];
  if (label === '') {
    label = key >= 0 ? `agent/${id}` : `vehicle/${id}`;
    labels[id] = label;
  }
  return label;
}

/** The object id of the track in a slot (`CAMERA/N`), made once per track. */
function trackLabel(camera: Camera, slot: number): string {
  const tracks = camera.tracks;
  let label = tracks.label[slot];
  if (label === '') {
    label = `${camera.id}/${tracks.trackId[slot]}`;
    tracks.label[slot] = label;
  }
  return label;
}

function emit(camera: Camera, log: VigieEvent[], category: VigieEvent['category'], type: string, timeS: number, x: number, y: number, data: VigieEvent['data'], truth: string[], confidence?: number): void {
  camera.stats.events++;
  const event: VigieEvent = { id: `${camera.id}#${++camera.eventSeq}`, category, type, source: camera.id, timeS: round(timeS, 3), x: round(x, 2), y: round(y, 2), data, truth };
  if (confidence !== undefined) event.confidence = confidence;
  log.push(event);
}


const POWERS_OF_TEN = [1, 10, 100, 1000, 10000];

function round(value: number, digits: number): number {
  const f = POWERS_OF_TEN[digits];
  const r = Math.round(value * f) / f;
  return r === 0 ? 0 : r;
}
