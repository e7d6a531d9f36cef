/**
 * The render worker: draws the scene with three.js on the page's canvas, transferred as an
 * OffscreenCanvas, so that the page's main thread never waits on WebGL. It draws when something
 * changed (a new frame of positions, the view, a layer), at most once per animation frame, and
 * reports its draw calls, frame rate and the heat map's highest density (protocol.ts).
 */
import * as THREE from 'three';
import { buildAgents, POINTS_ABOVE, type Agents } from '../scene/agents.ts';
import { buildCameras, type Cameras } from '../scene/cameras.ts';
import { buildDensityLayer, type DensityLayer } from '../scene/densityLayer.ts';
import { toScene } from '../scene/frame.ts';
import { buildStaticScene, type StaticScene } from '../scene/staticScene.ts';
import type { MovingFrame } from '../scene/agents.ts';
import type { RendererStats, ShownActuators, ToRenderer } from './protocol.ts';

const STATS_EVERY_MS = 500;

let renderer: THREE.WebGLRenderer | null = null;
let rendererName = '';
const scene = new THREE.Scene();
const DAY_SKY = new THREE.Color('#0d1218'), NIGHT_SKY = new THREE.Color('#03050a');
scene.background = DAY_SKY.clone();
const camera = new THREE.PerspectiveCamera(45, 1, 1, 5000);
const cameraView = new THREE.PerspectiveCamera(60, 4 / 3, 0.5, 2000);
const hemisphere = new THREE.HemisphereLight('#cfd8e3', '#202830', 1.6);
scene.add(hemisphere);
const sun = new THREE.DirectionalLight('#ffffff', 1.4);
sun.position.set(-300, 500, 400);
scene.add(sun);
const placeMarker = new THREE.Mesh(new THREE.RingGeometry(1.5, 2.2, 24), new THREE.MeshBasicMaterial({ color: '#ffcc66', side: THREE.DoubleSide }));
placeMarker.rotation.x = -Math.PI / 2;
placeMarker.visible = false;
scene.add(placeMarker);

let still: StaticScene | null = null;
let agents: Agents | null = null;
let cameras: Cameras | null = null;
let density: DensityLayer | null = null;
let falseAlarmMarks: THREE.InstancedMesh | null = null;
let frame: MovingFrame | null = null;
let selectedCamera = -1;
let dirty = false;
let scheduled = false;
let daylight = 1;
let highestDensity = Number.NaN;
let drawCalls = 0;
let reportedDrawCalls = -1;
let framesDrawn = 0;
let longestFrameMs = 0;
let lastStatsMs = performance.now();

/** The WebGL implementation's name (SwiftShader or llvmpipe: software rendering, where antialiasing costs too much). */
function rendererNameOf(): string {
  const probe = new OffscreenCanvas(1, 1).getContext('webgl');
  const info = probe?.getExtension('WEBGL_debug_renderer_info');
  const name = info ? String(probe!.getParameter(info.UNMASKED_RENDERER_WEBGL)) : String(probe?.getParameter(probe.RENDERER) ?? 'unknown');
  probe?.getExtension('WEBGL_lose_context')?.loseContext();
  return name;
}

function request(): void {
  dirty = true;
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(draw);
}

/** Day and night after the ambient light (lux; NaN: daylight): log10(lux) between 1 and 10,000 lux, never quite black. */
function setDaylight(lux: number): void {
  daylight = Number.isFinite(lux) ? Math.min(1, Math.max(0, Math.log10(Math.max(1, lux)) / 4)) : 1;
  hemisphere.intensity = 0.25 + 1.35 * daylight;
  sun.intensity = 0.1 + 1.3 * daylight;
  (scene.background as THREE.Color).copy(NIGHT_SKY).lerp(DAY_SKY, daylight);
  still?.setNight(1 - daylight);
}

function showActuators(actuators: ShownActuators): void {
  still?.setLightLevels(actuators.lightLevel);
  still?.setClosures(actuators.closureActive);
  cameras?.setHeadings(actuators.cameraHeadingDeg);
  setDaylight(actuators.ambientLux);
}

function draw(): void {
  scheduled = false;
  if (!dirty || renderer === null) return;
  dirty = false;
  const start = performance.now();
  if (frame !== null && agents !== null) {
    agents.draw(frame);
    highestDensity = density !== null && density.mesh.visible ? density.update(frame.count, frame.x, frame.y) : Number.NaN;
  }
  const size = renderer.getDrawingBufferSize(new THREE.Vector2());
  renderer.setViewport(0, 0, size.x / renderer.getPixelRatio(), size.y / renderer.getPixelRatio());
  renderer.setScissorTest(false);
  renderer.clear();
  renderer.render(scene, camera);
  drawCalls = renderer.info.render.calls;
  if (selectedCamera >= 0 && cameras !== null) {
    // The selected camera's view, an inset at the bottom left.
    const width = size.x / renderer.getPixelRatio();
    const w = Math.floor(width * 0.3), h = Math.floor(w * 0.75), margin = 8;
    cameras.aim(cameraView, selectedCamera, w / h);
    renderer.setViewport(margin, margin, w, h);
    renderer.setScissor(margin, margin, w, h);
    renderer.setScissorTest(true);
    renderer.clear();
    const frustums = cameras.lines.visible;
    cameras.lines.visible = false;
    renderer.render(scene, cameraView);
    cameras.lines.visible = frustums;
    renderer.setScissorTest(false);
  }
  framesDrawn++;
  longestFrameMs = Math.max(longestFrameMs, performance.now() - start);
  // A change of draw calls is reported at once (a paused view draws no next frame to carry it).
  report(drawCalls !== reportedDrawCalls);
}

function report(force: boolean): void {
  const now = performance.now();
  if (!force && now - lastStatsMs < STATS_EVERY_MS) return;
  const stats: RendererStats = {
    type: 'stats', ready: renderer !== null, drawCalls, fps: (1000 * framesDrawn) / Math.max(1, now - lastStatsMs), frameMs: longestFrameMs,
    highestDensity, daylight, renderer: rendererName, peopleAsPoints: agents?.asPoints() ?? false,
  };
  framesDrawn = 0;
  longestFrameMs = 0;
  lastStatsMs = now;
  reportedDrawCalls = drawCalls;
  postMessage(stats);
}

self.onmessage = (event: MessageEvent<ToRenderer>) => {
  const message = event.data;
  switch (message.type) {
    case 'init': {
      rendererName = rendererNameOf();
      const software = /swiftshader|llvmpipe|software/i.test(rendererName);
      renderer = new THREE.WebGLRenderer({ canvas: message.canvas, antialias: !software });
      renderer.autoClear = false;
      renderer.setPixelRatio(message.pixelRatio);
      renderer.setSize(message.width, message.height, false);
      camera.aspect = message.width / Math.max(1, message.height);
      camera.updateProjectionMatrix();
      still = buildStaticScene(scene, message.geometry);
      agents = buildAgents(scene, message.geometry.layout.vehicleClasses, software ? POINTS_ABOVE.software : POINTS_ABOVE.gpu);
      cameras = buildCameras(scene, message.geometry.layout.cameras);
      density = buildDensityLayer(scene, message.geometry.bounds);
      request();
      report(true);
      return;
    }
    case 'resize':
      if (renderer === null) return;
      renderer.setPixelRatio(message.pixelRatio);
      renderer.setSize(message.width, message.height, false);
      camera.aspect = message.width / Math.max(1, message.height);
      camera.updateProjectionMatrix();
      request();
      return;
    case 'view':
      camera.position.set(...message.position);
      camera.quaternion.set(...message.quaternion);
      if (camera.fov !== message.fov) {
        camera.fov = message.fov;
        camera.updateProjectionMatrix();
      }
      request();
      return;
    case 'frame':
      frame = message.frame;
      if (message.actuators !== null) showActuators(message.actuators);
      request();
      return;
    case 'layers':
      if (density !== null) density.mesh.visible = message.density;
      if (cameras !== null) cameras.lines.visible = message.frustums && cameras.list.length > 0;
      request();
      return;
    case 'camera':
      selectedCamera = message.index;
      request();
      return;
    case 'place':
      placeMarker.visible = message.at !== null;
      if (message.at !== null) placeMarker.position.copy(toScene(message.at[0], message.at[1], 0.1));
      request();
      return;
    case 'falseAlarms': {
      if (falseAlarmMarks !== null) scene.remove(falseAlarmMarks);
      const n = message.xy.length / 2;
      falseAlarmMarks = new THREE.InstancedMesh(new THREE.ConeGeometry(0.8, 2.5, 8), new THREE.MeshBasicMaterial({ color: '#ff4d6d' }), Math.max(1, n));
      const matrix = new THREE.Matrix4();
      for (let k = 0; k < n; k++) falseAlarmMarks.setMatrixAt(k, matrix.makeRotationX(Math.PI).setPosition(message.xy[2 * k], 1.4, -message.xy[2 * k + 1]));
      falseAlarmMarks.count = n;
      scene.add(falseAlarmMarks);
      request();
      return;
    }
  }
};
