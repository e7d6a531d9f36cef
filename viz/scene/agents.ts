/**
 * What moves, drawn with instanced meshes (one draw call per kind, whatever their number):
 * people (cylinders), road vehicles (boxes coloured by class: teams and emergency vehicles blue
 * and white, a hostile vehicle red) and trams (a unit box scaled to each tram's length). The
 * positions come from a snapshot's typed arrays (live, or a recorded frame of the timeline).
 */
import * as THREE from 'three';

/** Most people, road vehicles and trams drawn (the instanced meshes are sized once). */
export const MAX_PEOPLE = 200_000;
/**
 * Above this many people they are drawn as points (one vertex each) rather than cylinders (32
 * triangles each), still one draw call. With software rendering (SwiftShader) cylinders cost:
 * 10,000 of them draw at about 7 frames per second, 50,000 points at 20 (bench:viz); a GPU
 * draws 100,000 cylinders without trouble.
 */
export const POINTS_ABOVE = { software: 8_000, gpu: 100_000 };
const MAX_VEHICLES = 20_000;
const MAX_TRAMS = 200;

/** The positions one frame draws (a snapshot, or a recorded frame). */
export interface MovingFrame {
  count: number;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  vehicleCount: number;
  vehicleX: ArrayLike<number>;
  vehicleY: ArrayLike<number>;
  vehicleAngle: ArrayLike<number>;
  vehicleClass: ArrayLike<number>;
  tramCount: number;
  tramX: ArrayLike<number>;
  tramY: ArrayLike<number>;
  tramAngle: ArrayLike<number>;
  tramLengthM: ArrayLike<number>;
}

const CLASS_COLOURS: Record<string, string> = { car: '#5fa8e8', van: '#9bc3e6', bus: '#e8a33c', truck: '#b0b7bf', emergency: '#f2f6ff', hostile: '#ff3b30' };

export interface Agents {
  draw(frame: MovingFrame): void;
  /** Whether the last frame drew people as points. */
  asPoints(): boolean;
}

/** `pointsAbove`: the crowd size above which people are points (POINTS_ABOVE's figure for the renderer). */
export function buildAgents(scene: THREE.Scene, vehicleClasses: string[], pointsAbove: number): Agents {
  const people = new THREE.InstancedMesh(new THREE.CylinderGeometry(0.25, 0.25, 1.7, 8), new THREE.MeshLambertMaterial({ color: '#ffcc66' }), MAX_PEOPLE);
  const vehicles = new THREE.InstancedMesh(new THREE.BoxGeometry(4.5, 1.5, 1.8), new THREE.MeshLambertMaterial({ color: '#ffffff' }), MAX_VEHICLES);
  const trams = new THREE.InstancedMesh(new THREE.BoxGeometry(1, 3.3, 2.65), new THREE.MeshLambertMaterial({ color: '#e8e2d0' }), MAX_TRAMS);
  for (const mesh of [people, vehicles, trams]) {
    mesh.count = 0;
    mesh.frustumCulled = false;
    scene.add(mesh);
  }
  const pointPositions = new Float32Array(3 * MAX_PEOPLE);
  const pointGeometry = new THREE.BufferGeometry().setAttribute('position', new THREE.BufferAttribute(pointPositions, 3));
  const points = new THREE.Points(pointGeometry, new THREE.PointsMaterial({ color: '#ffcc66', size: 1.2, sizeAttenuation: true }));
  points.frustumCulled = false;
  points.visible = false;
  scene.add(points);
  const colours = vehicleClasses.map((name) => new THREE.Color(CLASS_COLOURS[name] ?? '#5fa8e8'));
  // Instance colours exist from the start, so that the shader does not change when the first vehicle appears.
  vehicles.setColorAt(0, colours[0] ?? new THREE.Color('#5fa8e8'));

  const matrix = new THREE.Matrix4();
  const rotation = new THREE.Quaternion();
  const position = new THREE.Vector3();
  const scale = new THREE.Vector3();
  const up = new THREE.Vector3(0, 1, 0);
  const one = new THREE.Vector3(1, 1, 1);

  return {
    asPoints: () => points.visible,
    draw(frame) {
      const n = Math.min(frame.count, MAX_PEOPLE);
      points.visible = n > pointsAbove;
      people.visible = !points.visible;
      if (points.visible) {
        for (let k = 0; k < n; k++) {
          pointPositions[3 * k] = frame.x[k];
          pointPositions[3 * k + 1] = 0.9;
          pointPositions[3 * k + 2] = -frame.y[k];
        }
        pointGeometry.setDrawRange(0, n);
        const attribute = pointGeometry.getAttribute('position') as THREE.BufferAttribute;
        attribute.clearUpdateRanges();
        attribute.addUpdateRange(0, 3 * n);
        attribute.needsUpdate = true;
      }
      const array = people.instanceMatrix.array as Float32Array;
      // Translation-only matrices written straight into the instance buffer (no per-agent object).
      for (let k = 0; k < (people.visible ? n : 0); k++) {
        const o = 16 * k;
        array[o] = 1; array[o + 1] = 0; array[o + 2] = 0; array[o + 3] = 0;
        array[o + 4] = 0; array[o + 5] = 1; array[o + 6] = 0; array[o + 7] = 0;
        array[o + 8] = 0; array[o + 9] = 0; array[o + 10] = 1; array[o + 11] = 0;
        array[o + 12] = frame.x[k]; array[o + 13] = 0.85; array[o + 14] = -frame.y[k]; array[o + 15] = 1;
      }
      people.count = people.visible ? n : 0;
      people.instanceMatrix.needsUpdate = true;
      people.instanceMatrix.clearUpdateRanges();
      people.instanceMatrix.addUpdateRange(0, 16 * people.count);

      const nv = Math.min(frame.vehicleCount, MAX_VEHICLES);
      for (let k = 0; k < nv; k++) {
        rotation.setFromAxisAngle(up, frame.vehicleAngle[k]);
        matrix.compose(position.set(frame.vehicleX[k], 0.75, -frame.vehicleY[k]), rotation, one);
        vehicles.setMatrixAt(k, matrix);
        vehicles.setColorAt(k, colours[frame.vehicleClass[k]] ?? colours[0]);
      }
      vehicles.count = nv;
      vehicles.instanceMatrix.needsUpdate = true;
      if (vehicles.instanceColor) vehicles.instanceColor.needsUpdate = true;

      const nt = Math.min(frame.tramCount, MAX_TRAMS);
      for (let k = 0; k < nt; k++) {
        rotation.setFromAxisAngle(up, frame.tramAngle[k]);
        matrix.compose(position.set(frame.tramX[k], 1.65, -frame.tramY[k]), rotation, scale.set(frame.tramLengthM[k], 1, 1));
        trams.setMatrixAt(k, matrix);
      }
      trams.count = nt;
      trams.instanceMatrix.needsUpdate = true;
    },
  };
}
