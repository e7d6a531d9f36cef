/**
 * The PTZ camera actuator: turn a camera toward a point. The camera then slews at its pan speed
 * (observeCameras.ts), the shorter way round, and holds that bearing until pointed again.
 */
import type { Sensors } from './Sensors.ts';

/**
 * Points PTZ camera `cameraId` toward (x, y) in local metres. Returns false (and changes nothing)
 * when the world has no such camera, when it is a fixed camera, or when the point is the
 * camera's own position or not finite.
 */
export function pointCamera(world: { sensors: Sensors | null }, cameraId: string, xM: number, yM: number): boolean {
  const k = world.sensors?.cameraIndex.get(cameraId);
  if (k === undefined) return false;
  const camera = world.sensors!.cameras[k];
  const dx = xM - camera.xM, dy = yM - camera.yM;
  if (camera.kind !== 'ptz' || !Number.isFinite(dx) || !Number.isFinite(dy) || (dx === 0 && dy === 0)) return false;
  const bearing = Math.atan2(dx, dy);
  camera.targetHeadingRad = bearing < 0 ? bearing + 2 * Math.PI : bearing;
  return true;
}
