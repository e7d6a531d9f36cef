/**
 * Messages between the page and the render worker (viz/render/renderWorker.ts), which draws
 * the scene with three.js on an OffscreenCanvas so that the page's main thread never waits on
 * WebGL (with software rendering a frame of a large crowd takes far longer than 50 ms). The page
 * keeps the DOM: the panels, the orbit controls (on a camera of its own whose pose it sends),
 * the timeline's recording; it forwards the positions the simulation worker sends (moved, not
 * copied) and the actuators' state.
 */
import type { SceneGeometry } from '../../workers/simulationApi.ts';
import type { MovingFrame } from '../scene/agents.ts';

/** The actuators' state the scene shows. */
export interface ShownActuators {
  cameraHeadingDeg: Float32Array;
  lightLevel: Float32Array;
  closureActive: Uint8Array;
  /** Lux, NaN: daylight (no lighting model). */
  ambientLux: number;
}

export type ToRenderer =
  | { type: 'init'; canvas: OffscreenCanvas; geometry: SceneGeometry; width: number; height: number; pixelRatio: number }
  | { type: 'resize'; width: number; height: number; pixelRatio: number }
  | { type: 'view'; position: [number, number, number]; quaternion: [number, number, number, number]; fov: number }
  | { type: 'frame'; frame: MovingFrame; actuators: ShownActuators | null }
  | { type: 'layers'; density: boolean; frustums: boolean }
  | { type: 'camera'; index: number }
  | { type: 'place'; at: [number, number] | null }
  | { type: 'falseAlarms'; xy: Float32Array };

/** What the render worker reports, a few times a second and after it is ready. */
export interface RendererStats {
  type: 'stats';
  ready: boolean;
  /** WebGL draw calls of the main view's last frame. */
  drawCalls: number;
  /** Frames drawn per second over the last second or so. */
  fps: number;
  /** Longest time one frame took to draw, ms, since the last report. */
  frameMs: number;
  /** Highest density of the heat map's last update, P/m² (NaN: layer off). */
  highestDensity: number;
  /** 0 night to 1 day. */
  daylight: number;
  /** The WebGL renderer's name (SwiftShader: software rendering), and whether it draws people as points (agents.ts POINTS_ABOVE). */
  renderer: string;
  peopleAsPoints: boolean;
}
