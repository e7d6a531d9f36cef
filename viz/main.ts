/**
 * The browser twin (issue 8, first slices): a bundled scenario (`?scenario=default`, the
 * default district; `market-tram`, cars and trams; `audit-park`, a park with cameras, live rules
 * and scripted incidents) in 3D with three.js: people, road vehicles and trams, and the alerts
 * the live rules raise in a feed. The simulation runs in a Web Worker (workers/browserWorker.ts, the
 * engine's own code through comlink); the page asks it for steps at the chosen speed and draws
 * the positions it sends back as transferable typed arrays: the people are one InstancedMesh
 * (one draw call, whatever their number), the buildings one merged mesh extruded to their
 * heights. The page never waits on the worker: at most one request is in flight.
 */
import * as Comlink from 'comlink';
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import type { AlertItem, CityInput, RulesInput, SceneGeometry, SimulationApi, SimulationSnapshot } from '../workers/simulationApi.ts';
import defaultScenario from '../scenarios/default.json';
import auditParkScenario from '../scenarios/audit-park.json';
import marketTramScenario from '../scenarios/market-tram.json';
import districtText from '../city-models/default/district.geojson?raw';
import safeCityTemplates from '../scenarios/rules/safe-city-templates.json?raw';

/** The bundled scenarios the page can show (`?scenario=ID`), with their city and rules. */
const BUNDLED: Record<string, { file: string; scenario: unknown; city?: CityInput; rules?: RulesInput }> = {
  default: { file: 'scenarios/default.json', scenario: defaultScenario, city: { text: districtText, fileName: 'city-models/default/district.geojson' } },
  'market-tram': { file: 'scenarios/market-tram.json', scenario: marketTramScenario, city: { text: districtText, fileName: 'city-models/default/district.geojson' } },
  'audit-park': { file: 'scenarios/audit-park.json', scenario: auditParkScenario, rules: { text: safeCityTemplates, fileName: 'scenarios/rules/safe-city-templates.json' } },
};
/** Alerts shown in the feed, newest first. */
const FEED_LENGTH = 50;

/** Height of an obstacle without one (a wall, a fence), m. */
const UNKNOWN_HEIGHT_M = 3;
/** Most people drawn (the instanced mesh is sized once). */
const MAX_PEOPLE = 200_000;
/** At most this many steps per request, so a request stays short. */
const MAX_STEPS_PER_REQUEST = 40;
const SPEEDS = [1, 2, 4, 8, 16, 32];

const canvas = document.querySelector<HTMLCanvasElement>('#view')!;
const status = document.querySelector<HTMLElement>('#status')!;
const playButton = document.querySelector<HTMLButtonElement>('#play')!;
const stepButton = document.querySelector<HTMLButtonElement>('#step')!;
const speedSelect = document.querySelector<HTMLSelectElement>('#speed')!;
const feed = document.querySelector<HTMLOListElement>('#alerts')!;
const chosen = new URLSearchParams(location.search).get('scenario') ?? 'default';
const bundled = BUNDLED[chosen] ?? BUNDLED.default;
const initialSpeed = Number(new URLSearchParams(location.search).get('speed') ?? 4);
for (const speed of SPEEDS) speedSelect.add(new Option(`x${speed}`, String(speed), speed === initialSpeed, speed === initialSpeed));

const worker = new Worker(new URL('../workers/browserWorker.ts', import.meta.url), { type: 'module' });
const simulation = Comlink.wrap<SimulationApi>(worker);

const renderer = new THREE.WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
renderer.setPixelRatio(Math.min(2, devicePixelRatio));
const scene = new THREE.Scene();
scene.background = new THREE.Color('#0d1218');
const camera = new THREE.PerspectiveCamera(45, 1, 1, 5000);
const controls = new OrbitControls(camera, canvas);
scene.add(new THREE.HemisphereLight('#cfd8e3', '#202830', 1.6));
const sun = new THREE.DirectionalLight('#ffffff', 1.4);
sun.position.set(-300, 500, 400);
scene.add(sun);

let people: THREE.InstancedMesh | null = null;
let vehicles: THREE.InstancedMesh | null = null;
let trams: THREE.InstancedMesh | null = null;
/** Most road vehicles and trams drawn. */
const MAX_VEHICLES = 20_000;
const MAX_TRAMS = 200;
let playing = true;
let stepS = 0.05;
let inFlight = false;
let lastFrameMs = performance.now();
let owedSimulatedS = 0;
let done = false;
let name = '';

/** Scenario x (east) and y (north) in metres to three's x (east), z (south), y up. */
function toScene(x: number, y: number, height = 0): THREE.Vector3 {
  return new THREE.Vector3(x, height, -y);
}

function shapeOf(ring: [number, number][]): THREE.Shape {
  // Shapes are drawn in the x, y plane and laid flat with y to -z (north away from the viewer).
  return new THREE.Shape(ring.map(([x, y]) => new THREE.Vector2(x, y)));
}

function buildScene(geometry: SceneGeometry): void {
  const [minX, minY, maxX, maxY] = geometry.bounds;
  const cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
  const size = Math.max(maxX - minX, maxY - minY);

  const ground = new THREE.Mesh(new THREE.PlaneGeometry(size * 1.4, size * 1.4), new THREE.MeshLambertMaterial({ color: '#1a222b' }));
  ground.rotation.x = -Math.PI / 2;
  ground.position.copy(toScene(cx, cy, -0.05));
  scene.add(ground);

  // The walkable space: its rings filled even-odd (holes for what stands in it).
  const walkableShapes = geometry.walkableRings.map(shapeOf);
  const walkable = new THREE.Mesh(new THREE.ShapeGeometry(walkableShapes), new THREE.MeshLambertMaterial({ color: '#3a4653', side: THREE.DoubleSide }));
  walkable.rotation.x = -Math.PI / 2;
  scene.add(walkable);

  const exits = new THREE.Mesh(new THREE.ShapeGeometry(geometry.exits.map((exit) => shapeOf(exit.polygon))), new THREE.MeshBasicMaterial({ color: '#2f8f5b', side: THREE.DoubleSide }));
  exits.rotation.x = -Math.PI / 2;
  exits.position.y = 0.02;
  scene.add(exits);

  // Buildings and walls extruded to their heights, merged into one mesh (one draw call).
  const parts = geometry.obstacles.map((obstacle) => {
    const extruded = new THREE.ExtrudeGeometry(shapeOf(obstacle.polygon), { depth: obstacle.heightM ?? UNKNOWN_HEIGHT_M, bevelEnabled: false });
    extruded.rotateX(-Math.PI / 2);
    return extruded.toNonIndexed();
  });
  if (parts.length > 0) {
    const merged = mergeGeometries(parts.map((part) => { part.deleteAttribute('uv'); return part; }));
    scene.add(new THREE.Mesh(merged, new THREE.MeshLambertMaterial({ color: '#8c96a3' })));
  }

  // People: one instanced cylinder each, coloured by nothing yet (synthetic, all alike).
  people = new THREE.InstancedMesh(new THREE.CylinderGeometry(0.25, 0.25, 1.7, 8), new THREE.MeshLambertMaterial({ color: '#ffcc66' }), MAX_PEOPLE);
  people.count = 0;
  people.frustumCulled = false;
  scene.add(people);
  // Road vehicles (a car's box) and trams (a unit box scaled to each tram's length): one draw call each.
  vehicles = new THREE.InstancedMesh(new THREE.BoxGeometry(4.5, 1.5, 1.8), new THREE.MeshLambertMaterial({ color: '#5fa8e8' }), MAX_VEHICLES);
  vehicles.count = 0;
  vehicles.frustumCulled = false;
  scene.add(vehicles);
  trams = new THREE.InstancedMesh(new THREE.BoxGeometry(1, 3.3, 2.65), new THREE.MeshLambertMaterial({ color: '#e8e2d0' }), MAX_TRAMS);
  trams.count = 0;
  trams.frustumCulled = false;
  scene.add(trams);

  camera.position.copy(toScene(cx, cy - size * 0.75, size * 0.6));
  controls.target.copy(toScene(cx, cy));
  controls.update();
}

const matrix = new THREE.Matrix4();
function drawPeople(snapshot: SimulationSnapshot): void {
  if (people === null) return;
  const n = Math.min(snapshot.count, MAX_PEOPLE);
  for (let k = 0; k < n; k++) {
    matrix.makeTranslation(snapshot.x[k], 0.85, -snapshot.y[k]);
    people.setMatrixAt(k, matrix);
  }
  people.count = n;
  people.instanceMatrix.needsUpdate = true;
  drawVehicles(snapshot);
  status.textContent = `${name}: t = ${snapshot.timeS.toFixed(1)} s, ${snapshot.count} people inside${done ? ' (finished)' : ''}`;
  document.body.dataset.timeS = snapshot.timeS.toFixed(2);
  document.body.dataset.people = String(snapshot.count);
}

const rotation = new THREE.Quaternion();
const position = new THREE.Vector3();
const scale = new THREE.Vector3();
const up = new THREE.Vector3(0, 1, 0);
/** Road vehicles and trams along their heading (scenario angle from east, counter-clockwise; three's y axis up). */
function drawVehicles(snapshot: SimulationSnapshot): void {
  if (vehicles === null || trams === null) return;
  const nv = Math.min(snapshot.vehicleCount, MAX_VEHICLES);
  for (let k = 0; k < nv; k++) {
    rotation.setFromAxisAngle(up, snapshot.vehicleAngle[k]);
    matrix.compose(position.set(snapshot.vehicleX[k], 0.75, -snapshot.vehicleY[k]), rotation, scale.set(1, 1, 1));
    vehicles.setMatrixAt(k, matrix);
  }
  vehicles.count = nv;
  vehicles.instanceMatrix.needsUpdate = true;
  const nt = Math.min(snapshot.tramCount, MAX_TRAMS);
  for (let k = 0; k < nt; k++) {
    rotation.setFromAxisAngle(up, snapshot.tramAngle[k]);
    matrix.compose(position.set(snapshot.tramX[k], 1.65, -snapshot.tramY[k]), rotation, scale.set(snapshot.tramLengthM[k], 1, 1));
    trams.setMatrixAt(k, matrix);
  }
  trams.count = nt;
  trams.instanceMatrix.needsUpdate = true;
  document.body.dataset.vehicles = String(snapshot.vehicleCount);
  document.body.dataset.trams = String(snapshot.tramCount);
}

/** Asks the worker for the steps the chosen speed owes since the last request (one request at a time). */
async function advance(steps: number): Promise<void> {
  inFlight = true;
  try {
    const result = await simulation.step(steps);
    done = result.done;
    drawPeople(await simulation.snapshot());
    const { total, alerts } = await simulation.alerts(alertsSeen, FEED_LENGTH);
    if (total > alertsSeen) showAlerts(alerts);
    alertsSeen = total;
  } finally {
    inFlight = false;
  }
}

let alertsSeen = 0;
/** Adds alerts at the top of the feed; a click flies the view to where the alert is. */
function showAlerts(alerts: AlertItem[]): void {
  for (const alert of alerts) {
    const item = document.createElement('li');
    item.className = `severity-${alert.severity}`;
    item.dataset.rule = alert.rule;
    const where = alert.x === null || alert.y === null ? '' : ` at ${alert.x.toFixed(0)}, ${alert.y.toFixed(0)} m`;
    item.textContent = `${clockOf(alert.timeS)} ${alert.rule} (${alert.severity})${where}`;
    if (alert.description) item.title = alert.description;
    if (alert.x !== null && alert.y !== null) {
      const target = toScene(alert.x, alert.y);
      item.addEventListener('click', () => {
        const offset = camera.position.clone().sub(controls.target).setLength(60);
        controls.target.copy(target);
        camera.position.copy(target.clone().add(offset));
        controls.update();
      });
    }
    feed.prepend(item);
  }
  while (feed.children.length > FEED_LENGTH) feed.lastElementChild!.remove();
  document.body.dataset.alerts = String(alertsSeen + alerts.length);
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

function frame(nowMs: number): void {
  const elapsedS = Math.min(0.25, (nowMs - lastFrameMs) / 1000);
  lastFrameMs = nowMs;
  if (playing && !done) owedSimulatedS += elapsedS * Number(speedSelect.value);
  if (!inFlight && !done && owedSimulatedS >= stepS) {
    const steps = Math.min(MAX_STEPS_PER_REQUEST, Math.floor(owedSimulatedS / stepS));
    owedSimulatedS = Math.min(owedSimulatedS - steps * stepS, MAX_STEPS_PER_REQUEST * stepS);
    void advance(steps);
  }
  resize();
  controls.update();
  renderer.render(scene, camera);
  document.body.dataset.drawCalls = String(renderer.info.render.calls);
  requestAnimationFrame(frame);
}

playButton.addEventListener('click', () => {
  playing = !playing;
  playButton.textContent = playing ? 'Pause' : 'Play';
});
stepButton.addEventListener('click', () => {
  playing = false;
  playButton.textContent = 'Play';
  if (!inFlight && !done) void advance(1);
});

async function start(): Promise<void> {
  const loaded = await simulation.load(JSON.stringify(bundled.scenario), bundled.file, bundled.city, bundled.rules);
  if (!loaded.ok) {
    status.textContent = loaded.message;
    document.body.dataset.error = loaded.message;
    return;
  }
  name = loaded.name;
  stepS = loaded.stepS;
  buildScene(await simulation.scene());
  drawPeople(await simulation.snapshot());
  document.body.dataset.ready = 'true';
  requestAnimationFrame(frame);
}

void start();
