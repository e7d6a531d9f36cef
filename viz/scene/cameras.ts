/**
 * The cameras: their fields of view drawn on the ground (a sector from the camera to its range,
 * with the edges up to the lens; one line set for all, redrawn when a PTZ camera turns; a
 * toggle) and what a selected camera sees: a second three.js camera at its position, height,
 * bearing and horizontal field of view, aimed at the middle of its analysed range, rendered into
 * an inset of the same canvas.
 */
import * as THREE from 'three';
import type { SceneLayout } from '../../workers/viewerData.ts';
import { bearingVector, toScene } from './frame.ts';

type CameraInfo = SceneLayout['cameras'][number];
const ARC_STEPS = 12;

export interface Cameras {
  lines: THREE.LineSegments;
  /** Redraws the sectors with the bearings now (degrees clockwise from north, scene order). */
  setHeadings(headingsDeg: Float32Array): void;
  /** Points `view` as camera `index` sees (null: none selected). */
  aim(view: THREE.PerspectiveCamera, index: number, aspect: number): void;
  list: CameraInfo[];
}

export function buildCameras(scene: THREE.Scene, cameras: CameraInfo[]): Cameras {
  const headings = Float32Array.from(cameras, (camera) => camera.headingDeg);
  const perCamera = (2 + ARC_STEPS + 2) * 2 * 3; // two edges, the arc, two risers: segments x 2 points x 3
  const positions = new Float32Array(Math.max(1, cameras.length) * perCamera);
  const geometry = new THREE.BufferGeometry().setAttribute('position', new THREE.BufferAttribute(positions, 3));
  const lines = new THREE.LineSegments(geometry, new THREE.LineBasicMaterial({ color: '#7fd3ff', transparent: true, opacity: 0.7 }));
  lines.visible = cameras.length > 0;
  scene.add(lines);

  const draw = (): void => {
    let o = 0;
    const put = (a: THREE.Vector3, b: THREE.Vector3) => {
      positions[o++] = a.x; positions[o++] = a.y; positions[o++] = a.z;
      positions[o++] = b.x; positions[o++] = b.y; positions[o++] = b.z;
    };
    cameras.forEach((camera, k) => {
      const base = toScene(camera.x, camera.y, 0.1);
      const lens = toScene(camera.x, camera.y, camera.heightM);
      const range = Math.min(camera.rangeM, 200);
      const arc: THREE.Vector3[] = [];
      for (let s = 0; s <= ARC_STEPS; s++) {
        const bearing = headings[k] - camera.fovDeg / 2 + (camera.fovDeg * s) / ARC_STEPS;
        arc.push(base.clone().addScaledVector(bearingVector(bearing), range));
      }
      put(base, arc[0]);
      put(base, arc[ARC_STEPS]);
      for (let s = 1; s <= ARC_STEPS; s++) put(arc[s - 1], arc[s]);
      put(lens, arc[0]);
      put(lens, arc[ARC_STEPS]);
    });
    geometry.attributes.position.needsUpdate = true;
    geometry.computeBoundingSphere();
  };
  draw();

  return {
    lines,
    list: cameras,
    setHeadings(headingsDeg) {
      let changed = false;
      for (let k = 0; k < headings.length && k < headingsDeg.length; k++) {
        if (Math.abs(headings[k] - headingsDeg[k]) > 0.01) {
          headings[k] = headingsDeg[k];
          changed = true;
        }
      }
      if (changed) draw();
    },
    aim(view, index, aspect) {
      const camera = cameras[index];
      // The horizontal field of view is the camera's; three's is vertical.
      const horizontal = (camera.fovDeg * Math.PI) / 180;
      view.fov = (2 * Math.atan(Math.tan(horizontal / 2) / aspect) * 180) / Math.PI;
      view.aspect = aspect;
      view.near = 0.5;
      view.far = 2000;
      view.updateProjectionMatrix();
      view.position.copy(toScene(camera.x, camera.y, camera.heightM));
      const target = toScene(camera.x, camera.y, 0).addScaledVector(bearingVector(headings[index]), Math.min(camera.rangeM, 60) / 2);
      view.lookAt(target);
    },
  };
}

/**
 * The camera nearest to (x, y) that has it in its field of view and range (bearings now, degrees
 * clockwise from north), else the nearest; -1 without cameras.
 */
export function nearestSeeingCamera(cameras: readonly CameraInfo[], headingsDeg: ArrayLike<number>, x: number, y: number): number {
  let best = -1, bestSeeing = false, bestD = Infinity;
  cameras.forEach((camera, k) => {
    const dx = x - camera.x, dy = y - camera.y;
    const d = Math.hypot(dx, dy);
    const bearing = ((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360;
    const off = Math.abs(((bearing - (headingsDeg[k] ?? camera.headingDeg) + 540) % 360) - 180);
    const seeing = d <= camera.rangeM && off <= camera.fovDeg / 2;
    if ((seeing && !bestSeeing) || (seeing === bestSeeing && d < bestD)) {
      best = k;
      bestSeeing = seeing;
      bestD = d;
    }
  });
  return best;
}
