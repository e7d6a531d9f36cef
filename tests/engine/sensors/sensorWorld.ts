/**
 * Small worlds for the camera tests: an open square (x 0..160, y -60..60 m) with an exit far to
 * the west, people standing still (a long pre-movement time) at given points, and cameras.
 */
import { createWorld, stepWorld, validateScenario, type World } from '../../../engine/index.ts';
import type { CameraSpec, LightingSpec, PointM, PolygonM, Scenario } from '../../../engine/scenario/Scenario.ts';

export interface SensorWorldOptions {
  people?: PointM[];
  cameras: CameraSpec[];
  lighting?: LightingSpec;
  obstacles?: PolygonM[];
  obstacleHeightsM?: (number | null)[];
  seed?: number;
  durationS?: number;
  /** People walk (towards the exit in the west) instead of standing. */
  walking?: boolean;
  /** Scripted incidents (falls, left objects, fires the cameras can see). */
  incidents?: object[];
}

export function rect(x0: number, y0: number, x1: number, y1: number): PolygonM {
  return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
}

/** A validated scenario (through the loader's schema and semantic checks). */
export function sensorScenario(options: SensorWorldOptions): Scenario {
  return validateScenario({
    name: 'camera test', seed: options.seed ?? 7, durationS: options.durationS ?? 60, stopWhenEmpty: false,
    navigation: { cellM: 0.5 },
    geometry: {
      walkable: [rect(0, -60, 160, 60)],
      ...(options.obstacles ? { obstacles: options.obstacles } : {}),
      ...(options.obstacleHeightsM ? { obstacleHeightsM: options.obstacleHeightsM } : {}),
      exits: [{ id: 'west', polygon: [[-0.5, -2], [0, -2], [0, 2], [-0.5, 2]] }],
    },
    pedestrians: (options.people ?? []).length > 0 ? [{
      id: 'crowd', count: options.people!.length, spawn: { points: options.people! }, desiredSpeedMps: 1.3, goal: 'west',
      ...(options.walking ? {} : { preMovementS: 100_000 }),
    }] : [],
    sensors: { cameras: options.cameras, ...(options.lighting ? { lighting: options.lighting } : {}) },
    ...(options.incidents ? { incidents: options.incidents } : {}),
  }, 'camera-test.json');
}

export function sensorWorld(options: SensorWorldOptions): World {
  return createWorld(sensorScenario(options), 'camera-test.json');
}

/** Steps a world for `seconds` of simulated time. */
export function runFor(world: World, seconds: number): void {
  const steps = Math.round(seconds / world.clock.stepS);
  for (let k = 0; k < steps; k++) stepWorld(world);
}

/** `count` points on an arc of radius `radiusM` around `centre`, centred on compass bearing `bearingDeg`, `spacingM` apart. */
export function arc(centre: PointM, radiusM: number, bearingDeg: number, count: number, spacingM = 0.6): PointM[] {
  const stepRad = spacingM / radiusM;
  const mid = (bearingDeg * Math.PI) / 180;
  return Array.from({ length: count }, (_v, k) => {
    const b = mid + (k - (count - 1) / 2) * stepRad;
    return [Math.round((centre[0] + radiusM * Math.sin(b)) * 1000) / 1000, Math.round((centre[1] + radiusM * Math.cos(b)) * 1000) / 1000];
  });
}

/** The world's camera stats by id. */
export function statsOf(world: World, cameraId: string) {
  const camera = world.sensors!.cameras.find((c) => c.id === cameraId)!;
  return camera.stats;
}

/** Detected person-frames over person-frames in view. */
export function detectionRate(world: World, cameraId: string): number {
  const stats = statsOf(world, cameraId);
  return stats.personDetections / stats.peopleInView;
}
