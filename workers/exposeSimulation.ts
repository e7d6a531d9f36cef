/**
 * Exposes a simulation API object on a comlink endpoint (a Node worker's parentPort through
 * comlink's node adapter, or a Web Worker's `self`). Snapshots travel as transferables: their
 * typed arrays move to the other side instead of being copied.
 */
import * as Comlink from 'comlink';
import { createSimulationApi, type SimulationApi, type SimulationSnapshot } from './simulationApi.ts';

/** The buffers of a snapshot's typed arrays, moved rather than copied. */
function buffersOf(snapshot: SimulationSnapshot): ArrayBuffer[] {
  const { actuators } = snapshot;
  const arrays = [snapshot.ids, snapshot.x, snapshot.y, snapshot.vehicleX, snapshot.vehicleY, snapshot.vehicleAngle, snapshot.vehicleClass, snapshot.tramX, snapshot.tramY, snapshot.tramAngle, snapshot.tramLengthM,
    actuators.cameraHeadingDeg, actuators.lightLevel, actuators.closureActive, actuators.exitOpen];
  return arrays.map((array) => array.buffer as ArrayBuffer);
}

/** Serves a fresh simulation API on `endpoint` until the worker ends. */
export function exposeSimulation(endpoint: Comlink.Endpoint, api: SimulationApi = createSimulationApi()): void {
  const exposed: SimulationApi = {
    load: (text, fileName, city, rules) => api.load(text, fileName, city, rules),
    alerts: (since, max) => api.alerts(since, max),
    step: (steps) => api.step(steps),
    snapshot: () => {
      const snapshot = api.snapshot();
      return Comlink.transfer(snapshot, buffersOf(snapshot));
    },
    advance: (steps, alertsSince, logSince, max) => {
      const result = api.advance(steps, alertsSince, logSince, max);
      return Comlink.transfer(result, buffersOf(result.snapshot));
    },
    summary: () => api.summary(),
    scene: () => api.scene(),
    actuate: (action) => api.actuate(action),
    command: (action, place) => api.command(action, place),
    log: (since, max) => api.log(since, max),
    auditRun: (scenario, fileName, ruleSet, seed, sweptRules) => api.auditRun(scenario, fileName, ruleSet, seed, sweptRules),
    // The maps' typed arrays move to the parent rather than being copied.
    rehearsalRun: (scenario, fileName, seed) => {
      const result = api.rehearsalRun(scenario, fileName, seed);
      const { maps } = result;
      const buffers = [maps.maxDensityPerM2, maps.secondsAbove4, maps.secondsAbove5, maps.worstLevel, maps.walkable, ...maps.snapshots.map((s) => s.densityPerM2)].map((array) => array.buffer);
      return Comlink.transfer(result, buffers);
    },
  };
  Comlink.expose(exposed, endpoint);
}
