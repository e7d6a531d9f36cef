/**
 * The browser twin and supervision centre (issue 8): a bundled scenario (`?scenario=ID`, see
 * bundled.ts) in 3D with three.js, the simulation in a Web Worker (workers/browserWorker.ts: the
 * engine's own code through comlink). The page asks the worker for the steps the chosen speed
 * owes (at most one request in flight: the page never waits on it) and draws what it sends back
 * as transferable typed arrays: people, road vehicles and trams as instanced meshes (one draw
 * call per kind, whatever their number), the cameras' fields of view, the density heat map,
 * street lights and day or night after the simulated ambient light. Panels: the alert feed (a
 * click flies there and opens the nearest camera's view), the hypervision panel and the field
 * teams' map (commands go to the worker, act on the simulation and are logged), the command
 * log, the timeline (scrub back through the recorded run) and the audit view (an audit.json).
 *
 * For tests and the benchmark the page writes its state on `document.body.dataset`: ready,
 * error, timeS, people, vehicles, trams, alerts, drawCalls, vehiclesInZone, hostileInZone,
 * logCount, highestDensity, stepMs, simRate, fps, longestTaskMs, longestFrameMs, scrubbing.
 */
import * as Comlink from 'comlink';
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { AlertItem, LogItem, SceneGeometry, SimulationApi, SimulationSnapshot } from '../workers/simulationApi.ts';
import { BUNDLED, chosenScenario } from './bundled.ts';
import { buildAgents, type MovingFrame } from './scene/agents.ts';
import { buildCameras, type Cameras } from './scene/cameras.ts';
import { buildDensityLayer, type DensityLayer } from './scene/densityLayer.ts';
import { toScene } from './scene/frame.ts';
import { buildStaticScene, type StaticScene } from './scene/staticScene.ts';
import { buildHypervision } from './panels/hypervision.ts';
import { buildTeamMap, type TeamMap } from './panels/teamMap.ts';
import { mountAuditPanel, type FalseAlarmPoint } from './audit/auditView.ts';
import { Recording } from './timeline.ts';

/** Alerts shown in the feed and log lines kept, newest first. */
const FEED_LENGTH = 50;
/** At most this many steps per request, so a request stays short. */
const MAX_STEPS_PER_REQUEST = 40;
const SPEEDS = [1, 2, 4, 8, 16, 32];
/** Wall time over which the rates shown are measured, ms. */
const RATE_WINDOW_MS = 2000;

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const canvas = $<HTMLCanvasElement>('#view');
const status = $<HTMLElement>('#status');
const playButton = $<HTMLButtonElement>('#play');
const stepButton = $<HTMLButtonElement>('#step');
const speedSelect = $<HTMLSelectElement>('#speed');
const scenarioSelect = $<HTMLSelectElement>('#scenario');
const feed = $<HTMLOListElement>('#alerts');
const logList = $<HTMLOListElement>('#log');
const timeline = $<HTMLInputElement>('#timeline');
const liveButton = $<HTMLButtonElement>('#live');
const params = new URLSearchParams(location.search);
const bundled = chosenScenario(params);
const initialSpeed = Number(params.get('speed') ?? 4);
for (const speed of SPEEDS) speedSelect.add(new Option(`x${speed}`, String(speed), speed === initialSpeed, speed === initialSpeed));
for (const entry of BUNDLED) scenarioSelect.add(new Option(entry.label, entry.id, false, entry.id === bundled.id));
if (bundled.id === 'crowd') scenarioSelect.add(new Option(bundled.label, 'crowd', true, true));
scenarioSelect.addEventListener('change', () => { location.search = `?scenario=${encodeURIComponent(scenarioSelect.value)}&speed=${speedSelect.value}`; });

const worker = new Worker(new URL('../workers/browserWorker.ts', import.meta.url), { type: 'module' });
const simulation = Comlink.wrap<SimulationApi>(worker);

const renderer = new THREE.WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
renderer.setPixelRatio(Math.min(2, devicePixelRatio));
renderer.autoClear = false;
const scene = new THREE.Scene();
const DAY_SKY = new THREE.Color('#0d1218'), NIGHT_SKY = new THREE.Color('#03050a');
scene.background = DAY_SKY.clone();
const camera = new THREE.PerspectiveCamera(45, 1, 1, 5000);
const controls = new OrbitControls(camera, canvas);
const hemisphere = new THREE.HemisphereLight('#cfd8e3', '#202830', 1.6);
scene.add(hemisphere);
const sun = new THREE.DirectionalLight('#ffffff', 1.4);
sun.position.set(-300, 500, 400);
scene.add(sun);
/** The selected camera's view (an inset of the canvas). */
const cameraView = new THREE.PerspectiveCamera(60, 4 / 3, 0.5, 2000);

let playing = params.get('paused') !== '1';
let stepS = 0.05;
let inFlight = false;
let lastFrameMs = performance.now();
let owedSimulatedS = 0;
let done = false;
let name = '';
let exitIds: string[] = [];
let geometry: SceneGeometry | null = null;
let still: StaticScene | null = null;
let agents: ReturnType<typeof buildAgents> | null = null;
let cameras: Cameras | null = null;
let density: DensityLayer | null = null;
let teamMap: TeamMap | null = null;
let hypervision: ReturnType<typeof buildHypervision> | null = null;
let selectedCamera = -1;
let place: [number, number] | null = null;
let latest: SimulationSnapshot | null = null;
/** Scrubbing: the recorded frame shown instead of the live one (null: live). */
let scrubbedS: number | null = null;
const recording = new Recording();
const recentAlerts: { x: number; y: number }[] = [];
const placeMarker = new THREE.Mesh(new THREE.RingGeometry(1.5, 2.2, 24), new THREE.MeshBasicMaterial({ color: '#ffcc66', side: THREE.DoubleSide }));
placeMarker.rotation.x = -Math.PI / 2;
placeMarker.visible = false;
scene.add(placeMarker);
let falseAlarmMarks: THREE.InstancedMesh | null = null;

// Rates over the last RATE_WINDOW_MS: worker time per step, simulated seconds per second, frames.
const stepSamples: { atMs: number; steps: number; workerMs: number; simS: number }[] = [];
const frameTimes: number[] = [];
let longestTaskMs = 0;
let longestFrameMs = 0;
if (typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes?.includes('longtask')) {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestTaskMs = Math.max(longestTaskMs, entry.duration);
    document.body.dataset.longestTaskMs = longestTaskMs.toFixed(1);
  }).observe({ type: 'longtask', buffered: true });
}

function setPlace(x: number, y: number): void {
  place = [x, y];
  placeMarker.position.copy(toScene(x, y, 0.1));
  placeMarker.visible = true;
  $<HTMLElement>('#place').textContent = `${x.toFixed(0)}, ${y.toFixed(0)} m`;
}

function flyTo(x: number, y: number): void {
  const target = toScene(x, y);
  const offset = camera.position.clone().sub(controls.target).setLength(60);
  controls.target.copy(target);
  camera.position.copy(target.clone().add(offset));
  controls.update();
}

function selectCamera(index: number): void {
  selectedCamera = index;
  const select = $<HTMLSelectElement>('#camera-select');
  select.value = String(index);
  document.body.dataset.camera = index < 0 || cameras === null ? '' : cameras.list[index].id;
}

function buildScene(sceneGeometry: SceneGeometry): void {
  geometry = sceneGeometry;
  still = buildStaticScene(scene, sceneGeometry);
  agents = buildAgents(scene, sceneGeometry.layout.vehicleClasses);
  cameras = buildCameras(scene, sceneGeometry.layout.cameras);
  density = buildDensityLayer(scene, sceneGeometry.bounds);
  camera.position.copy(still.centre.clone().add(new THREE.Vector3(0, still.size * 0.6, still.size * 0.75)));
  controls.target.copy(still.centre);
  controls.update();

  const cameraSelect = $<HTMLSelectElement>('#camera-select');
  cameraSelect.add(new Option('no camera view', '-1'));
  sceneGeometry.layout.cameras.forEach((c, k) => cameraSelect.add(new Option(`${c.id} (${c.kind})`, String(k))));
  cameraSelect.addEventListener('change', () => selectCamera(Number(cameraSelect.value)));
  $<HTMLElement>('#camera-tools').hidden = sceneGeometry.layout.cameras.length === 0;
  $<HTMLInputElement>('#show-frustums').addEventListener('change', (event) => { cameras!.lines.visible = (event.target as HTMLInputElement).checked; });
  $<HTMLInputElement>('#show-density').addEventListener('change', (event) => {
    density!.mesh.visible = (event.target as HTMLInputElement).checked;
    redraw();
  });

  teamMap = buildTeamMap($<HTMLCanvasElement>('#team-map'), sceneGeometry, ([x, y]) => setPlace(x, y));
  hypervision = buildHypervision($<HTMLElement>('#hypervision'), sceneGeometry.layout, exitIds, {
    async send(action, at) {
      const result = await simulation.command(action, at);
      if (!result.valid) return `refused: ${result.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`;
      // Show the new state at once, even while paused.
      void refresh();
      return `${result.ok ? 'done' : 'refused'}: ${result.result}`;
    },
    place: () => place,
  });
}

/** Picks a place on the ground where the pointer is clicked (without dragging the view). */
let downAt: [number, number] | null = null;
canvas.addEventListener('pointerdown', (event) => { downAt = [event.clientX, event.clientY]; });
canvas.addEventListener('pointerup', (event) => {
  if (downAt === null || still === null || Math.hypot(event.clientX - downAt[0], event.clientY - downAt[1]) > 4) return;
  const box = canvas.getBoundingClientRect();
  const pointer = new THREE.Vector2(((event.clientX - box.left) / box.width) * 2 - 1, -((event.clientY - box.top) / box.height) * 2 + 1);
  const ray = new THREE.Raycaster();
  ray.setFromCamera(pointer, camera);
  const hit = ray.intersectObject(still.ground)[0];
  if (hit) setPlace(hit.point.x, -hit.point.z);
});

/** What the view shows now: the live snapshot, or the recorded frame being scrubbed. */
function shownFrame(): MovingFrame | null {
  if (scrubbedS !== null) return recording.at(scrubbedS) ?? null;
  return latest;
}

function redraw(): void {
  const frame = shownFrame();
  if (frame === null || agents === null) return;
  agents.draw(frame);
  if (density !== null && density.mesh.visible) document.body.dataset.highestDensity = density.update(frame.count, frame.x, frame.y).toFixed(2);
  teamMap?.draw(frame, recentAlerts, place);
}

/** Applies a live snapshot: draws it, records it, shows the actuators' state. */
function showSnapshot(snapshot: SimulationSnapshot): void {
  latest = snapshot;
  recording.add(snapshot.timeS, snapshot);
  const { actuators } = snapshot;
  still?.setLightLevels(actuators.lightLevel);
  still?.setClosures(actuators.closureActive);
  cameras?.setHeadings(actuators.cameraHeadingDeg);
  hypervision?.showState(actuators.closureActive, actuators.exitOpen);
  setDaylight(actuators.ambientLux);
  timeline.max = String(recording.endS);
  if (scrubbedS === null) timeline.value = timeline.max;
  redraw();
  status.textContent = `${name}: t = ${snapshot.timeS.toFixed(1)} s, ${snapshot.count} people inside${done ? ' (finished)' : ''}`;
  const data = document.body.dataset;
  data.timeS = snapshot.timeS.toFixed(2);
  data.people = String(snapshot.count);
  data.vehicles = String(snapshot.vehicleCount);
  data.trams = String(snapshot.tramCount);
  data.vehiclesInZone = String(actuators.vehiclesInPedestrianZone);
  data.hostileInZone = String(actuators.hostileInPedestrianZone);
  data.ambientLux = Number.isFinite(actuators.ambientLux) ? actuators.ambientLux.toFixed(1) : 'daylight';
  data.lightsOn = String(actuators.lightLevel.reduce((on, level) => on + (level > 0 ? 1 : 0), 0));
}

/**
 * Day and night after the simulated ambient illuminance (lux; NaN: no lighting model, daylight):
 * the sky and the scene's lights scale with log10(lux) between a dark night (1 lux) and
 * daylight (10,000 lux), never quite black; the street lights' pools show at night.
 */
function setDaylight(lux: number): void {
  const day = Number.isFinite(lux) ? Math.min(1, Math.max(0, Math.log10(Math.max(1, lux)) / 4)) : 1;
  hemisphere.intensity = 0.25 + 1.35 * day;
  sun.intensity = 0.1 + 1.3 * day;
  (scene.background as THREE.Color).copy(NIGHT_SKY).lerp(DAY_SKY, day);
  still?.setNight(1 - day);
  document.body.dataset.daylight = day.toFixed(2);
}

/** Asks the worker for the steps the chosen speed owes since the last request (one request at a time). */
async function advance(steps: number): Promise<void> {
  inFlight = true;
  try {
    const before = performance.now();
    const result = await simulation.step(steps);
    const workerMs = performance.now() - before;
    done = result.done;
    stepSamples.push({ atMs: performance.now(), steps, workerMs, simS: steps * stepS });
    showSnapshot(await simulation.snapshot());
    await readFeeds();
  } finally {
    inFlight = false;
  }
}

/** A fresh snapshot and the feeds without stepping (after a command while paused). */
async function refresh(): Promise<void> {
  if (inFlight) return;
  inFlight = true;
  try {
    showSnapshot(await simulation.snapshot());
    await readFeeds();
  } finally {
    inFlight = false;
  }
}

let alertsSeen = 0;
let logSeen = 0;
async function readFeeds(): Promise<void> {
  const { total, alerts } = await simulation.alerts(alertsSeen, FEED_LENGTH);
  if (total > alertsSeen) showAlerts(alerts);
  alertsSeen = total;
  document.body.dataset.alerts = String(alertsSeen);
  const log = await simulation.log(logSeen, FEED_LENGTH);
  if (log.total > logSeen) showLog(log.items);
  logSeen = log.total;
  document.body.dataset.logCount = String(logSeen);
}

/** Adds alerts at the top of the feed; a click flies the view there, picks the place and opens the nearest camera's view. */
function showAlerts(alerts: AlertItem[]): void {
  for (const alert of alerts) {
    const item = document.createElement('li');
    item.className = `severity-${alert.severity}`;
    item.dataset.rule = alert.rule;
    const where = alert.x === null || alert.y === null ? '' : ` at ${alert.x.toFixed(0)}, ${alert.y.toFixed(0)} m`;
    item.textContent = `${clockOf(alert.timeS)} ${alert.rule} (${alert.severity})${where}`;
    if (alert.description) item.title = alert.description;
    if (alert.x !== null && alert.y !== null) {
      const { x, y } = alert;
      recentAlerts.push({ x, y });
      if (recentAlerts.length > FEED_LENGTH) recentAlerts.shift();
      item.addEventListener('click', () => {
        flyTo(x, y);
        setPlace(x, y);
        if (cameras !== null && cameras.list.length > 0) selectCamera(cameras.nearestSeeing(x, y));
      });
    }
    feed.prepend(item);
  }
  while (feed.children.length > FEED_LENGTH) feed.lastElementChild!.remove();
}

function showLog(items: LogItem[]): void {
  for (const entry of items) {
    const item = document.createElement('li');
    item.className = entry.category === 'ack' ? (entry.ok === false ? 'ack refused' : 'ack') : 'command';
    item.textContent = `${clockOf(entry.timeS)} ${entry.category} ${entry.type} ${entry.source}${entry.result ? `: ${entry.result}` : ''}`;
    logList.prepend(item);
  }
  while (logList.children.length > FEED_LENGTH) logList.lastElementChild!.remove();
}

function clockOf(seconds: number): string {
  const s = Math.floor(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function resize(): void {
  const width = canvas.clientWidth, height = canvas.clientHeight;
  if (canvas.width !== Math.floor(width * renderer.getPixelRatio()) || canvas.height !== Math.floor(height * renderer.getPixelRatio())) {
    renderer.setSize(width, height, false);
    camera.aspect = width / Math.max(1, height);
    camera.updateProjectionMatrix();
  }
}

/** Rates over the last window, on the body's dataset. */
function measureRates(nowMs: number): void {
  while (stepSamples.length > 0 && stepSamples[0].atMs < nowMs - RATE_WINDOW_MS) stepSamples.shift();
  while (frameTimes.length > 0 && frameTimes[0] < nowMs - RATE_WINDOW_MS) frameTimes.shift();
  frameTimes.push(nowMs);
  const steps = stepSamples.reduce((sum, s) => sum + s.steps, 0);
  const data = document.body.dataset;
  if (steps > 0) data.stepMs = (stepSamples.reduce((sum, s) => sum + s.workerMs, 0) / steps).toFixed(2);
  data.simRate = (stepSamples.reduce((sum, s) => sum + s.simS, 0) / (RATE_WINDOW_MS / 1000)).toFixed(2);
  data.fps = ((frameTimes.length - 1) / (RATE_WINDOW_MS / 1000)).toFixed(1);
}

function frame(nowMs: number): void {
  const gapMs = nowMs - lastFrameMs;
  longestFrameMs = Math.max(longestFrameMs, gapMs);
  document.body.dataset.longestFrameMs = longestFrameMs.toFixed(1);
  const elapsedS = Math.min(0.25, gapMs / 1000);
  lastFrameMs = nowMs;
  if (playing && !done && scrubbedS === null) owedSimulatedS += elapsedS * Number(speedSelect.value);
  if (!inFlight && !done && scrubbedS === null && owedSimulatedS >= stepS) {
    const steps = Math.min(MAX_STEPS_PER_REQUEST, Math.floor(owedSimulatedS / stepS));
    owedSimulatedS = Math.min(owedSimulatedS - steps * stepS, MAX_STEPS_PER_REQUEST * stepS);
    void advance(steps);
  }
  measureRates(nowMs);
  resize();
  controls.update();
  const width = canvas.width, height = canvas.height;
  renderer.setViewport(0, 0, width, height);
  renderer.setScissorTest(false);
  renderer.clear();
  renderer.render(scene, camera);
  document.body.dataset.drawCalls = String(renderer.info.render.calls);
  if (selectedCamera >= 0 && cameras !== null) {
    // The selected camera's view, an inset at the bottom left.
    const w = Math.floor(width * 0.3), h = Math.floor(w * 0.75), margin = 8;
    cameras.aim(cameraView, selectedCamera, w / h);
    renderer.setViewport(margin, margin, w, h);
    renderer.setScissor(margin, margin, w, h);
    renderer.setScissorTest(true);
    renderer.clear();
    const showFrustums = cameras.lines.visible;
    cameras.lines.visible = false;
    renderer.render(scene, cameraView);
    cameras.lines.visible = showFrustums;
    renderer.setScissorTest(false);
  }
  requestAnimationFrame(frame);
}

playButton.addEventListener('click', () => {
  playing = !playing;
  playButton.textContent = playing ? 'Pause' : 'Play';
});
playButton.textContent = playing ? 'Pause' : 'Play';
stepButton.addEventListener('click', () => {
  playing = false;
  playButton.textContent = 'Play';
  goLive();
  if (!inFlight && !done) void advance(1);
});

// The timeline: moving the slider shows the recorded frame at that time; "Live" goes back.
timeline.addEventListener('input', () => {
  const t = Number(timeline.value);
  scrubbedS = t >= recording.endS ? null : t;
  owedSimulatedS = 0;
  document.body.dataset.scrubbing = scrubbedS === null ? '' : String(recording.at(t)?.timeS ?? '');
  $<HTMLElement>('#timeline-at').textContent = scrubbedS === null ? 'live' : `${clockOf(recording.at(t)?.timeS ?? 0)} (recorded)`;
  redraw();
});
function goLive(): void {
  scrubbedS = null;
  document.body.dataset.scrubbing = '';
  $<HTMLElement>('#timeline-at').textContent = 'live';
  timeline.value = timeline.max;
  redraw();
}
liveButton.addEventListener('click', goLive);

mountAuditPanel({
  input: $<HTMLInputElement>('#audit-file'),
  container: $<HTMLElement>('#audit'),
  onFalseAlarms: (points: FalseAlarmPoint[]) => {
    $<HTMLElement>('#audit-panel').hidden = false;
    showFalseAlarms(points);
    document.body.dataset.falseAlarms = String(points.length);
  },
  onError: (message) => {
    $<HTMLElement>('#audit-panel').hidden = false;
    $<HTMLElement>('#audit').textContent = message;
    document.body.dataset.auditError = message;
  },
});

/** An audit's false alarms as red markers on the map (one instanced mesh). */
function showFalseAlarms(points: FalseAlarmPoint[]): void {
  if (falseAlarmMarks !== null) scene.remove(falseAlarmMarks);
  falseAlarmMarks = new THREE.InstancedMesh(new THREE.ConeGeometry(0.8, 2.5, 8), new THREE.MeshBasicMaterial({ color: '#ff4d6d' }), Math.max(1, points.length));
  const matrix = new THREE.Matrix4();
  points.forEach((point, k) => falseAlarmMarks!.setMatrixAt(k, matrix.makeRotationX(Math.PI).setPosition(point.x, 1.4, -point.y)));
  falseAlarmMarks.count = points.length;
  scene.add(falseAlarmMarks);
}

async function start(): Promise<void> {
  const loaded = await simulation.load(JSON.stringify(bundled.scenario), bundled.file, bundled.city, bundled.rules);
  if (!loaded.ok) {
    status.textContent = loaded.message;
    document.body.dataset.error = loaded.message;
    return;
  }
  name = loaded.name;
  stepS = loaded.stepS;
  exitIds = loaded.exitIds;
  buildScene(await simulation.scene());
  showSnapshot(await simulation.snapshot());
  document.body.dataset.ready = 'true';
  lastFrameMs = performance.now();
  requestAnimationFrame(frame);
}

void start();
