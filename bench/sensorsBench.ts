/**
 * Cost of the cameras per step (issue 5, "Speed"): 500 cameras over a large crowd, next to the
 * pedestrian step's own cost. Not a test: it prints figures and never fails on time.
 *
 *   node --import tsx bench/sensorsBench.ts [agents=30000] [cameras=500] [steps=100]
 *
 * The crowd stands in a 400 m x 400 m square with 64 buildings (20 m high) in a grid; it walks
 * towards four exits. Cameras stand on a grid among the buildings, 6 m up, 1080p, 60 degrees,
 * 10 Hz, in all directions, with street lights at night (so every detection reads the lighting)
 * and a counting line each. Frames are staggered over the ticks (each camera every other step
 * at 10 Hz with 0.05 s steps).
 */
import { createWorld, validateScenario } from '../engine/index.ts';
import type { CameraSpec, PolygonM } from '../engine/scenario/Scenario.ts';
import { measureSteps } from './measureSteps.ts';

const [agents = 30_000, cameraCount = 500, steps = 100] = process.argv.slice(2).map(Number);
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
    id: `cam${k}`, at: [Math.round(x * 10) / 10, Math.round(y * 10) / 10], heightM: 6, headingDeg: (k * 137) % 360, fovDeg: 60, resolutionPx: 1920, frameHz: 10,
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
const buildS = (performance.now() - buildStart) / 1000;
const m = measureSteps(world, 10, steps);
const phase = m.phaseMsPerStep;
const pedestrianMs = (phase.computeNextKinematics ?? 0) + (phase.commitKinematics ?? 0) + (phase.rebuildNeighbourGrid ?? 0);
const sensorsMs = phase.observeSensors ?? 0;
const events = world.eventLog.length;
const simulatedS = world.clock.tick * world.clock.stepS;
console.log(`sensors bench: ${m.agentsAtStart} agents, ${cameraCount} cameras, ${steps} timed steps (world built in ${buildS.toFixed(1)} s)`);
console.log(`  pedestrian step (grid + model + commit): ${pedestrianMs.toFixed(2)} ms/step (model alone ${(phase.computeNextKinematics ?? 0).toFixed(2)} ms)`);
console.log(`  cameras (observeSensors):                ${sensorsMs.toFixed(2)} ms/step = ${(sensorsMs / Math.max(pedestrianMs, 1e-9)).toFixed(2)} x the pedestrian step`);
console.log(`  whole step:                              ${m.msPerStep.toFixed(2)} ms/step; ${m.allocatedBytesPerStep.toFixed(0)} bytes allocated per step`);
console.log(`  events: ${events} in ${simulatedS.toFixed(1)} simulated s (${(events / simulatedS).toFixed(0)} per simulated s)`);
