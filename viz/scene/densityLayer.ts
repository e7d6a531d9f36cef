/**
 * The density heat map: people per square metre on 2 m x 2 m cells (the area method over one
 * cell: count / 4 m², as the planner's maps use it on their lattice), coloured from transparent
 * through yellow to red on the levels of service that matter (Fruin's walkway levels: 0.5, 1, 2 P/m²,
 * crush risk from 4 to 5 and over: Still). One textured plane over the area: one draw call, and the
 * counting is one pass over the positions.
 */
import * as THREE from 'three';
import { toScene } from './frame.ts';

export const DENSITY_CELL_M = 2;

/** Colour stops: density (P/m²) and RGBA. */
const STOPS: [number, [number, number, number, number]][] = [
  [0, [0, 0, 0, 0]],
  [0.25, [40, 120, 220, 90]],
  [1, [60, 200, 120, 150]],
  [2, [240, 220, 60, 190]],
  [4, [240, 120, 40, 220]],
  [5, [230, 40, 40, 235]],
  [7, [160, 0, 80, 245]],
];

function colourOf(density: number, out: Uint8Array, o: number): void {
  let k = 1;
  while (k < STOPS.length - 1 && STOPS[k][0] < density) k++;
  const [d0, c0] = STOPS[k - 1], [d1, c1] = STOPS[k];
  const t = Math.max(0, Math.min(1, (density - d0) / (d1 - d0)));
  for (let i = 0; i < 4; i++) out[o + i] = Math.round(c0[i] + t * (c1[i] - c0[i]));
}

export interface DensityLayer {
  mesh: THREE.Mesh;
  /** Counts the people into the cells and refreshes the texture; returns the highest cell density, P/m². */
  update(count: number, x: ArrayLike<number>, y: ArrayLike<number>): number;
}

export function buildDensityLayer(scene: THREE.Scene, bounds: [number, number, number, number]): DensityLayer {
  const [minX, minY, maxX, maxY] = bounds;
  const columns = Math.max(1, Math.ceil((maxX - minX) / DENSITY_CELL_M));
  const rows = Math.max(1, Math.ceil((maxY - minY) / DENSITY_CELL_M));
  const counts = new Uint16Array(columns * rows);
  const pixels = new Uint8Array(columns * rows * 4);
  const texture = new THREE.DataTexture(pixels, columns, rows, THREE.RGBAFormat);
  texture.magFilter = THREE.NearestFilter;
  texture.needsUpdate = true;
  const width = columns * DENSITY_CELL_M, height = rows * DENSITY_CELL_M;
  const mesh = new THREE.Mesh(new THREE.PlaneGeometry(width, height), new THREE.MeshBasicMaterial({ map: texture, transparent: true, depthWrite: false }));
  mesh.rotation.x = -Math.PI / 2;
  mesh.position.copy(toScene(minX + width / 2, minY + height / 2, 0.08));
  mesh.visible = false;
  scene.add(mesh);
  const perCell = 1 / (DENSITY_CELL_M * DENSITY_CELL_M);
  return {
    mesh,
    update(count, x, y) {
      counts.fill(0);
      for (let k = 0; k < count; k++) {
        const c = Math.floor((x[k] - minX) / DENSITY_CELL_M), r = Math.floor((y[k] - minY) / DENSITY_CELL_M);
        if (c >= 0 && c < columns && r >= 0 && r < rows) counts[r * columns + c]++;
      }
      let highest = 0;
      // Texture row 0 is the plane's bottom edge (south), as the cells' row 0.
      for (let i = 0; i < counts.length; i++) {
        const density = counts[i] * perCell;
        if (density > highest) highest = density;
        colourOf(density, pixels, 4 * i);
      }
      texture.needsUpdate = true;
      return highest;
    },
  };
}
