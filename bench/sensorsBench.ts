/**
 * Cost of the cameras per step (issue 5, "Speed"): 500 cameras over a large crowd, next to the
 * pedestrian step's own cost. Not a test: it prints figures and never fails on time.
 *
 *   node --import tsx bench/sensorsBench.ts [agents=30000] [cameras=500] [steps=100]
 *   (environment: RANGE_M=80, FRAME_HZ=the cameras' default, WARMUP_STEPS=400, RULES=100: the
 *   live rules evaluated on the cameras' events, bench/benchRules.ts; 0 for none)
 *
 * The crowd stands in a 400 m x 400 m square with 64 buildings (20 m high) in a grid; it walks
 * towards four exits. Cameras stand on a grid among the buildings, 6 m up, 1080p, 60 degrees,
 * at the default frame rate (5 Hz), in all directions, with street lights at night (so every detection reads the lighting)
 * and a counting line each. Frames are staggered over the ticks (each camera every fourth step
 * at 5 Hz with 0.05 s steps). It prints the cost per step next to the pedestrian step's, what
 * the cameras examined, the events per simulated second by type, and the rasters' memory.
 */
import { createWorld, stepWorld, validateScenario } from '../engine/index.ts';
import { takeEvents } from '../engine/run/runWorld.ts';
import type { CameraSpec, PolygonM } from '../engine/scenario/Scenario.ts';
import { lightRasterBytes } from '../engine/sensors/Lighting.ts';
import { viewshedBytes } from '../engine/sensors/Viewshed.ts';
import { measureSteps } from './measureSteps.ts';
import { createControlLoop } from '../engine/responses/ControlLoop.ts';
import { benchRules } from './benchRules.ts';

const [agents = 30_000, cameraCount = 500, steps = 100] = process.argv.slice(2).map(Number);
/** Camera frame rate, Hz (FRAME_HZ; default: the cameras' default). */
const FRAME_HZ = process.env.FRAME_HZ === undefined ? undefined : Number(process.env.FRAME_HZ);
/**
 * Warm-up steps before timing (20 s). Every person-camera pair starts its track in the first
 * seconds (about 230,000 of them; a track is reported after 3 detections, which takes seconds
 * where p is low): timing from 2 s measured that burst (half the reports were track starts), not
 * the cameras' steady work.
 */
const WARMUP_STEPS = Number(process.env.WARMUP_STEPS ?? 400);
const SIDE_M = 400;
/** Cameras analyse out to this distance (a street camera's useful range; the 1 % detection limit of 1080p at 60 degrees is about 210 m). */
const RANGE_M = Number(process.env.RANGE_M ?? 80);
const rect = (x0: number, y0: number, x1: number, y1: number): PolygonM => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];

const buildings: PolygonM[] = [];
for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) buildings.push(rect(20 + i * 48, 20 + j * 48, 38 + i * 48, 38 + j * 48));
const side = Math.ceil(Math.sqrt(cameraCount));
const cameras: CameraSpec[] = Array.from({ length: cameraCount }, (_v, k) => {
  const x = 10 + ((k % side) + 0.5) * ((SIDE_M - 20) / side);
  const y = 10 + (Math.floor(k / side) + 0.5) * ((SIDE_M - 20) / side);
  return {
    id: `cam${k}`, at: [Math.round(x * 10) / 10, Math.round(y * 10) / 10], heightM: 6, headingDeg: (k * 137) % 360, fovDeg: 60, resolutionPx: 1920, ...(FRAME_HZ === undefined ? {} : { frameHz: FRAME_HZ }),
    minIlluminationLux: 1, rangeM: RANGE_M, falseDetectionsPerHour: 20, countEveryS: 10, lines: [{ id: 'line', from: [x - 5, y + 10], to: [x + 5, y + 10] }],
  };
});
const scenario = validateScenario({
  name: 'sensors bench', seed: 1, durationS: 600, stopWhenEmpty: false, navigation: { cellM: 0.5 },
  geometry: {
    walkable: [rect(0, 0, SIDE_M, SIDE_M)], obstacles: buildings, obstacleHeightsM: buildings.map(() => 20),
    exits: [
      { id: 'w', polygon: rect(-0.5, 195, 0, 205) }, { id: 'e', polygon: rect(SIDE_M, 195, SIDE_M + 0.5, 205) },
      { id: 's', polygon: rect(195, -0.5, 205, 0) }, { id: 'n', polygon: rect(195, SIDE_M, 205, SIDE_M + 0.5) },
    ],
  },
  pedestrians: [{ id: 'crowd', count: agents, spawn: { polygon: rect(5, 5, SIDE_M - 5, SIDE_M - 5) }, desiredSpeedMps: 1.3, goal: ['w', 'e', 's', 'n'] }],
  sensors: {
    cameras,
    lighting: { ambientLux: 0.1, streetLights: Array.from({ length: 100 }, (_v, k) => ({ id: `lamp${k}`, polygon: rect((k % 10) * 40, Math.floor(k / 10) * 40, (k % 10) * 40 + 30, Math.floor(k / 10) * 40 + 30), lux: 10 })) },
  },
}, 'sensors-bench.json');

const buildStart = performance.now();
const world = createWorld(scenario, 'sensors-bench.json');
/** Live rules on the cameras' events (the issue's 100 rules), as `vigie run --rules` attaches them. */
const RULE_COUNT = Number(process.env.RULES ?? 100);
if (RULE_COUNT > 0) world.control = createControlLoop(benchRules(RULE_COUNT), [], world.seed);
const buildS = (performance.now() - buildStart) / 1000;
const sensors = world.sensors!;
// The events leave the world's log once the rules have read them, as `vigie run` streams them to
// events.jsonl (here they are only counted by type).
const byType = new Map<string, number>();
let counting = false;
const drain = () => takeEvents(world, (log, count) => {
  if (counting) for (let e = 0; e < count; e++) byType.set(log[e].type, (byType.get(log[e].type) ?? 0) + 1);
}, false);
for (let k = 0; k < WARMUP_STEPS; k++) {
  stepWorld(world);
  drain();
}
const before = sensors.cameras.map((camera) => ({ ...camera.stats }));
const tickBefore = world.clock.tick;
counting = true;
const m = measureSteps(world, 0, steps, drain);
const phase = m.phaseMsPerStep;
const pedestrianMs = (phase.computeNextKinematics ?? 0) + (phase.commitKinematics ?? 0) + (phase.rebuildNeighbourGrid ?? 0);
const sensorsMs = phase.observeSensors ?? 0;
console.log(`sensors bench: ${m.agentsAtStart} agents, ${cameraCount} cameras at ${sensors.cameras[0].frameEveryTicks * world.clock.stepS > 0 ? (1 / sensors.cameras[0].frameS).toFixed(0) : '?'} Hz, range ${RANGE_M} m, ${steps} timed steps after ${WARMUP_STEPS} (world built in ${buildS.toFixed(1)} s)`);
console.log(`  pedestrian step (grid + model + commit): ${pedestrianMs.toFixed(2)} ms/step (model alone ${(phase.computeNextKinematics ?? 0).toFixed(2)} ms)`);
console.log(`  cameras (observeSensors):                ${sensorsMs.toFixed(2)} ms/step = ${(sensorsMs / Math.max(pedestrianMs, 1e-9)).toFixed(2)} x the pedestrian step`);
if (RULE_COUNT > 0) {
  const rulesMs = (phase.evaluateRules ?? 0) + (phase.respond ?? 0);
  console.log(`  ${RULE_COUNT} live rules (evaluateRules):     ${rulesMs.toFixed(2)} ms/step; cameras and rules ${((sensorsMs + rulesMs) / Math.max(pedestrianMs, 1e-9)).toFixed(2)} x the pedestrian step`);
}
console.log(`  whole step:                              ${m.msPerStep.toFixed(2)} ms/step; ${m.allocatedBytesPerStep.toFixed(0)} bytes allocated per step`);

// What the cameras did during the warm-up and timed steps (per step and per camera frame).
const total = { frames: 0, examined: 0, inView: 0, detections: 0 };
sensors.cameras.forEach((camera, k) => {
  total.frames += camera.stats.frames - before[k].frames;
  total.inView += camera.stats.peopleInView - before[k].peopleInView;
  total.examined += camera.stats.peopleInView + camera.stats.peopleOccluded - before[k].peopleInView - before[k].peopleOccluded;
  total.detections += camera.stats.personDetections - before[k].personDetections;
});
const ranSteps = world.clock.tick - tickBefore;
const ranS = ranSteps * world.clock.stepS;
const events = [...byType.values()].reduce((sum, n) => sum + n, 0);
console.log(`  per step: ${(total.frames / ranSteps).toFixed(0)} camera frames, ${(total.examined / ranSteps).toFixed(0)} people in a sector (${(total.inView / ranSteps).toFixed(0)} unhidden), ${(total.detections / ranSteps).toFixed(0)} detections`);
console.log(`  events: ${(events / ranS).toFixed(0)} per simulated s in the timed steps (${[...byType].map(([type, n]) => `${type} ${(n / ranS).toFixed(0)}/s`).join(', ')})`);

// Memory of the rasters.
let viewBytes = 0, visible = 0, hidden = 0, mixed = 0;
for (const camera of sensors.cameras) {
  if (!camera.viewshed) continue;
  viewBytes += viewshedBytes(camera.viewshed);
  visible += camera.viewshed.visibleCells;
  hidden += camera.viewshed.hiddenCells;
  mixed += camera.viewshed.mixedCells;
}
const cells = visible + hidden + mixed;
console.log(`  viewsheds: ${(viewBytes / 2 ** 20).toFixed(2)} MiB (${(cells / 1e6).toFixed(1)} M cells: ${((100 * visible) / cells).toFixed(1)} % visible, ${((100 * hidden) / cells).toFixed(1)} % hidden, ${((100 * mixed) / cells).toFixed(1)} % mixed or unclassified); light raster ${(lightRasterBytes(sensors.lighting.raster) / 2 ** 20).toFixed(2)} MiB`);
