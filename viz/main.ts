/**
 * The browser twin and supervision centre (issue 8): a bundled scenario (`?scenario=ID`, see
 * bundled.ts) in 3D with three.js, the simulation in a Web Worker (workers/browserWorker.ts: the
 * engine's own code through comlink) and the drawing in another (render/renderWorker.ts, on the
 * canvas transferred as an OffscreenCanvas), so that the main thread never waits on either. The
 * page asks the simulation for the steps the chosen speed owes (one `advance` call in flight at
 * most) and forwards the positions it sends back as transferable typed arrays to the renderer:
 * people, road vehicles and trams as instanced meshes (one draw call per kind, whatever their
 * number), the cameras' fields of view, the density heat map, street lights and day or night after
 * the simulated ambient light. The orbit controls run here on a camera whose pose is sent on. Panels: the alert feed (a
 * click flies there and opens the nearest camera's view), the hypervision panel and the field
 * teams' map (commands go to the worker, act on the simulation and are logged), the command
 * log, the timeline (scrub back through the recorded run) and the audit view (an audit.json).
 *
 * For tests and the benchmark the page writes its state on `document.body.dataset`: ready,
 * error, timeS, people, vehicles, trams, alerts, drawCalls, vehiclesInZone, hostileInZone,
 * logCount, highestDensity, daylight, ambientLux, lightsOn, camera, scrubbing; and for the
 * benchmark stepMs (the worker's own time per step), simRate (simulated s per wall s), fps (the
 * page's frames), renderFps and renderFrameMs (the renderer's), longestTaskMs and longestFrameMs
 * (the main thread's), renderer (the WebGL implementation), peopleAsPoints.
 */
import * as Comlink from 'comlink';
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { AlertItem, LogItem, SceneGeometry, SimulationApi, SimulationSnapshot } from '../workers/simulationApi.ts';
import { BUNDLED, chosenScenario } from './bundled.ts';
import type { MovingFrame } from './scene/agents.ts';
import { nearestSeeingCamera } from './scene/cameras.ts';
import { toScene } from './scene/frame.ts';
import type { RendererStats, ToRenderer } from './render/protocol.ts';
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

// The drawing happens in the render worker; this camera only carries the orbit controls' pose.
const renderWorker = new Worker(new URL('./render/renderWorker.ts', import.meta.url), { type: 'module' });
const offscreen = canvas.transferControlToOffscreen();
const toRenderer = (message: ToRenderer, transfer: Transferable[] = []) => renderWorker.postMessage(message, transfer);
const camera = new THREE.PerspectiveCamera(45, 1, 1, 5000);
const controls = new OrbitControls(camera, canvas);
let lastPose = '';
renderWorker.onmessage = (event: MessageEvent<RendererStats>) => {
  const stats = event.data;
  const data = document.body.dataset;
  data.drawCalls = String(stats.drawCalls);
  data.renderFps = stats.fps.toFixed(1);
  data.renderFrameMs = stats.frameMs.toFixed(1);
  data.daylight = stats.daylight.toFixed(2);
  data.renderer = stats.renderer;
  data.peopleAsPoints = String(stats.peopleAsPoints);
  if (Number.isFinite(stats.highestDensity)) data.highestDensity = stats.highestDensity.toFixed(2);
};

let playing = params.get('paused') !== '1';
let stepS = 0.05;
let inFlight = false;
let lastFrameMs = performance.now();
let owedSimulatedS = 0;
let done = false;
let name = '';
let exitIds: string[] = [];
let geometry: SceneGeometry | null = null;
let teamMap: TeamMap | null = null;
let hypervision: ReturnType<typeof buildHypervision> | null = null;
let place: [number, number] | null = null;
/** Scrubbing: the recorded frame shown instead of the live one (null: live). */
let scrubbedS: number | null = null;
const recording = new Recording();
/** A recorded run read from a trajectories.csv, shown instead of the live one (null: none). */
let replay: Recording | null = null;
/** The recording the timeline scrubs: the recorded run's when one is loaded. */
const shownRecording = () => replay ?? recording;
const recentAlerts: { x: number; y: number }[] = [];
/** The cameras' bearings now (for the nearest camera that sees an alert). */
let cameraHeadings = new Float32Array(0);

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
  toRenderer({ type: 'place', at: [x, y] });
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
  const select = $<HTMLSelectElement>('#camera-select');
  select.value = String(index);
  document.body.dataset.camera = index < 0 || geometry === null ? '' : geometry.layout.cameras[index].id;
  toRenderer({ type: 'camera', index });
}

function buildScene(sceneGeometry: SceneGeometry): void {
  geometry = sceneGeometry;
  const [minX, minY, maxX, maxY] = sceneGeometry.bounds;
  const size = Math.max(maxX - minX, maxY - minY);
  const centre = toScene((minX + maxX) / 2, (minY + maxY) / 2);
  camera.position.copy(centre.clone().add(new THREE.Vector3(0, size * 0.6, size * 0.75)));
  controls.target.copy(centre);
  controls.update();
  const { width, height } = canvasSize();
  camera.aspect = width / Math.max(1, height);
  camera.updateProjectionMatrix();
  toRenderer({ type: 'init', canvas: offscreen, geometry: sceneGeometry, width, height, pixelRatio: Math.min(2, devicePixelRatio) }, [offscreen]);
  sendLayers();

  const cameraSelect = $<HTMLSelectElement>('#camera-select');
  cameraSelect.add(new Option('no camera view', '-1'));
  sceneGeometry.layout.cameras.forEach((c, k) => cameraSelect.add(new Option(`${c.id} (${c.kind})`, String(k))));
  cameraSelect.addEventListener('change', () => selectCamera(Number(cameraSelect.value)));
  $<HTMLElement>('#camera-tools').hidden = sceneGeometry.layout.cameras.length === 0;
  $<HTMLInputElement>('#show-frustums').addEventListener('change', sendLayers);
  $<HTMLInputElement>('#show-density').addEventListener('change', sendLayers);

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

function sendLayers(): void {
  toRenderer({ type: 'layers', density: $<HTMLInputElement>('#show-density').checked, frustums: $<HTMLInputElement>('#show-frustums').checked });
}

/** Picks a place on the ground where the pointer is clicked (without dragging the view). */
let downAt: [number, number] | null = null;
canvas.addEventListener('pointerdown', (event) => { downAt = [event.clientX, event.clientY]; });
canvas.addEventListener('pointerup', (event) => {
  if (downAt === null || geometry === null || Math.hypot(event.clientX - downAt[0], event.clientY - downAt[1]) > 4) return;
  const box = canvas.getBoundingClientRect();
  const pointer = new THREE.Vector2(((event.clientX - box.left) / box.width) * 2 - 1, -((event.clientY - box.top) / box.height) * 2 + 1);
  const ray = new THREE.Raycaster();
  ray.setFromCamera(pointer, camera);
  // The ground is the plane y = 0 of the scene.
  const hit = ray.ray.intersectPlane(new THREE.Plane(new THREE.Vector3(0, 1, 0), 0), new THREE.Vector3());
  if (hit) setPlace(hit.x, -hit.z);
});

/** The recorded frame being scrubbed (null: live). */
function shownFrame(): MovingFrame | null {
  return scrubbedS === null ? null : shownRecording().at(scrubbedS) ?? null;
}

/** Sends the frame shown now (live or recorded) to the renderer: live, the snapshot's arrays move; recorded, copies. */
function redraw(snapshot: SimulationSnapshot | null = null): void {
  const frame = snapshot ?? shownFrame();
  if (frame === null || geometry === null) return;
  teamMap?.draw(frame, recentAlerts, place);
  if (snapshot !== null) {
    const { actuators } = snapshot;
    const shown = { cameraHeadingDeg: actuators.cameraHeadingDeg, lightLevel: actuators.lightLevel, closureActive: actuators.closureActive, ambientLux: actuators.ambientLux };
    const moved = [snapshot.x, snapshot.y, snapshot.vehicleX, snapshot.vehicleY, snapshot.vehicleAngle, snapshot.vehicleClass, snapshot.tramX, snapshot.tramY, snapshot.tramAngle, snapshot.tramLengthM, shown.cameraHeadingDeg, shown.lightLevel, shown.closureActive];
    toRenderer({ type: 'frame', frame: snapshot, actuators: shown }, moved.map((array) => array.buffer as ArrayBuffer));
    return;
  }
  document.body.dataset.shownPeople = String(frame.count);
  toRenderer({ type: 'frame', frame, actuators: null });
}

/** Applies a live snapshot: records it, shows the actuators' state, sends it to be drawn. */
function showSnapshot(snapshot: SimulationSnapshot): void {
  recording.add(snapshot.timeS, snapshot);
  const { actuators } = snapshot;
  cameraHeadings = Float32Array.from(actuators.cameraHeadingDeg);
  hypervision?.showState(actuators.closureActive, actuators.exitOpen);
  if (replay === null) timeline.max = String(recording.endS);
  if (scrubbedS === null) timeline.value = timeline.max;
  if (replay === null) status.textContent = `${name}: t = ${snapshot.timeS.toFixed(1)} s, ${snapshot.count} people inside${done ? ' (finished)' : ''}`;
  const data = document.body.dataset;
  data.timeS = snapshot.timeS.toFixed(2);
  data.people = String(snapshot.count);
  data.vehicles = String(snapshot.vehicleCount);
  data.trams = String(snapshot.tramCount);
  data.vehiclesInZone = String(actuators.vehiclesInPedestrianZone);
  data.hostileInZone = String(actuators.hostileInPedestrianZone);
  data.ambientLux = Number.isFinite(actuators.ambientLux) ? actuators.ambientLux.toFixed(1) : 'daylight';
  data.lightsOn = String(actuators.lightLevel.reduce((on, level) => on + (level > 0 ? 1 : 0), 0));
  if (scrubbedS === null) redraw(snapshot);
}

/** Asks the worker for the steps the chosen speed owes since the last request (one request at a time). */
async function advance(steps: number): Promise<void> {
  inFlight = true;
  try {
    const result = await simulation.advance(steps, alertsSeen, logSeen, FEED_LENGTH);
    done = result.step.done;
    stepSamples.push({ atMs: performance.now(), steps, workerMs: result.stepWallMs, simS: steps * stepS });
    showSnapshot(result.snapshot);
    showFeeds(result.alerts, result.log);
  } finally {
    inFlight = false;
  }
}

/** A fresh snapshot and the feeds without stepping (after a command while paused). */
async function refresh(): Promise<void> {
  if (inFlight) return;
  await advance(0);
}

let alertsSeen = 0;
let logSeen = 0;
function showFeeds(alerts: { total: number; alerts: AlertItem[] }, log: { total: number; items: LogItem[] }): void {
  if (alerts.total > alertsSeen) showAlerts(alerts.alerts);
  alertsSeen = alerts.total;
  document.body.dataset.alerts = String(alertsSeen);
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
        if (geometry !== null && geometry.layout.cameras.length > 0) selectCamera(nearestSeeingCamera(geometry.layout.cameras, cameraHeadings, x, y));
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

function canvasSize(): { width: number; height: number } {
  return { width: Math.max(1, canvas.clientWidth), height: Math.max(1, canvas.clientHeight) };
}

let sentSize = '';
function resize(): void {
  const { width, height } = canvasSize();
  const key = `${width}x${height}`;
  if (key === sentSize || geometry === null) return;
  sentSize = key;
  camera.aspect = width / height;
  camera.updateProjectionMatrix();
  toRenderer({ type: 'resize', width, height, pixelRatio: Math.min(2, devicePixelRatio) });
}

/** Sends the camera's pose to the renderer when the controls moved it. */
function sendView(): void {
  const pose = [...camera.position.toArray(), ...camera.quaternion.toArray(), camera.fov].map((v) => v.toFixed(4)).join();
  if (pose === lastPose) return;
  lastPose = pose;
  toRenderer({ type: 'view', position: camera.position.toArray() as [number, number, number], quaternion: camera.quaternion.toArray() as [number, number, number, number], fov: camera.fov });
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
  sendView();
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
  goLive(false);
  if (!inFlight) void advance(done ? 0 : 1);
});

// The timeline: moving the slider shows the recorded frame at that time; "Live" goes back.
timeline.addEventListener('input', () => {
  const t = Number(timeline.value);
  const shown = shownRecording();
  scrubbedS = replay === null && t >= shown.endS ? null : t;
  owedSimulatedS = 0;
  const at = shown.at(t)?.timeS;
  document.body.dataset.scrubbing = scrubbedS === null ? '' : String(at ?? '');
  $<HTMLElement>('#timeline-at').textContent = scrubbedS === null ? 'live' : `${clockOf(at ?? 0)} (${replay === null ? 'recorded' : 'recorded run'})`;
  redraw();
});
function goLive(fetch = true): void {
  scrubbedS = null;
  replay = null;
  document.body.dataset.replayFrames = '';
  timeline.max = String(recording.endS);
  document.body.dataset.scrubbing = '';
  $<HTMLElement>('#timeline-at').textContent = 'live';
  timeline.value = timeline.max;
  // The live frame again (the renderer still holds the recorded one).
  if (fetch) void refresh();
}
liveButton.addEventListener('click', () => goLive());

// A recorded run (trajectories.csv of vigie run --trajectories), read in a worker and scrubbed on the timeline.
$<HTMLInputElement>('#run-file').addEventListener('change', (event) => {
  const input = event.target as HTMLInputElement;
  const file = input.files?.[0];
  input.value = '';
  if (file === undefined) return;
  const loaded = new Recording();
  replay = loaded;
  scrubbedS = 0;
  owedSimulatedS = 0;
  timeline.max = '0';
  timeline.value = '0';
  const data = document.body.dataset;
  data.replayFrames = '0';
  delete data.replayError;
  const reader = new Worker(new URL('./recordedRun/loadWorker.ts', import.meta.url), { type: 'module' });
  reader.onmessage = (message: MessageEvent) => {
    if (replay !== loaded) {
      reader.terminate();
      return;
    }
    const answer = message.data;
    if (answer.type === 'frame') {
      loaded.keep(answer.frame);
      timeline.max = String(loaded.endS);
      if (loaded.frames.length === 1) redraw();
      data.replayFrames = String(loaded.frames.length);
    } else if (answer.type === 'progress') {
      status.textContent = `recorded run ${file.name}: reading, ${Math.round((100 * answer.bytes) / Math.max(1, answer.total))} %`;
    } else if (answer.type === 'done') {
      status.textContent = `recorded run ${file.name}: ${loaded.frames.length} frames, 0 to ${loaded.endS} s (the live run waits; "Live" goes back)`;
      $<HTMLElement>('#timeline-at').textContent = `${clockOf(loaded.frames[0]?.timeS ?? 0)} (recorded run)`;
      data.replayDone = 'true';
      reader.terminate();
    } else if (answer.type === 'error') {
      status.textContent = answer.message;
      data.replayError = answer.message;
      reader.terminate();
      goLive();
    }
  };
  data.replayDone = '';
  reader.postMessage({ file, minSpacingS: 1 });
});

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

/** An audit's false alarms as red markers on the map (one instanced mesh in the renderer). */
function showFalseAlarms(points: FalseAlarmPoint[]): void {
  const xy = new Float32Array(2 * points.length);
  points.forEach((point, k) => { xy[2 * k] = point.x; xy[2 * k + 1] = point.y; });
  toRenderer({ type: 'falseAlarms', xy }, [xy.buffer]);
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
  await advance(0);
  document.body.dataset.ready = 'true';
  lastFrameMs = performance.now();
  requestAnimationFrame(frame);
}

void start();
