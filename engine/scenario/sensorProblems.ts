/**
 * Semantic checks of `scenario.sensors` and `geometry.obstacleHeightsM` (part of pass 3 of
 * scenario loading, see semanticProblems.ts): unique camera, line and street light ids, lines of
 * non-zero length, simple street light polygons, an ambient profile in time order, a PTZ setting
 * only on PTZ cameras, and obstacle heights that match the obstacles.
 */
import type { PolygonM, Scenario } from './Scenario.ts';
import { quote } from './scenarioText.ts';

type Report = (path: string, message: string) => void;

/** The general checks of semanticProblems.ts, passed in (that module calls this one). */
export interface SensorChecks {
  checkUniqueIds(items: { id: string }[], listPath: string, noun: string, report: Report): void;
  checkPolygonShape(polygon: PolygonM, path: string, report: Report): void;
}

/** Reports the problems of the scenario's sensors and obstacle heights. */
export function checkSensors(scenario: Scenario, report: Report, checks: SensorChecks): void {
  const heights = scenario.geometry.obstacleHeightsM;
  const obstacleCount = scenario.geometry.obstacles?.length ?? 0;
  if (heights && heights.length > obstacleCount) {
    report('geometry.obstacleHeightsM', `${heights.length} heights for ${obstacleCount} obstacles: give one height per obstacle, in the same order`);
  }
  const sensors = scenario.sensors;
  if (!sensors) return;
  const cameras = sensors.cameras ?? [];
  checks.checkUniqueIds(cameras, 'sensors.cameras', 'camera', report);
  cameras.forEach((camera, i) => {
    const at = `sensors.cameras[${i}]`;
    if (camera.panSpeedDegS !== undefined && (camera.kind ?? 'fixed') !== 'ptz') {
      report(`${at}.panSpeedDegS`, `camera ${quote(camera.id)} is fixed: a pan speed needs "kind": "ptz"`);
    }
    const lines = camera.lines ?? [];
    checks.checkUniqueIds(lines, `${at}.lines`, 'line', report);
    lines.forEach((line, k) => {
      if (line.from[0] === line.to[0] && line.from[1] === line.to[1]) report(`${at}.lines[${k}]`, `zero length: from and to are the same point (${line.from[0]}, ${line.from[1]})`);
    });
  });
  const lighting = sensors.lighting;
  if (!lighting) return;
  const profile = lighting.ambientLux;
  if (Array.isArray(profile)) {
    for (let k = 1; k < profile.length; k++) {
      if (!(profile[k][0] > profile[k - 1][0])) report(`sensors.lighting.ambientLux[${k}]`, `times must increase: ${profile[k][0]} s comes after ${profile[k - 1][0]} s`);
    }
  }
  if (lighting.cityLamps !== undefined) report('sensors.lighting.cityLamps', 'the city\'s street lamps need a city: give the scenario a "city" (or list streetLights with their polygons)');
  const lights = lighting.streetLights ?? [];
  checks.checkUniqueIds(lights, 'sensors.lighting.streetLights', 'street light', report);
  lights.forEach((light, k) => checks.checkPolygonShape(light.polygon, `sensors.lighting.streetLights[${k}].polygon`, report));
}
