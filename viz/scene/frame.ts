/**
 * The scenario's frame in three.js: scenario x (east) and y (north) in metres become three's x
 * (east) and -z (north away from the viewer), with y up.
 */
import * as THREE from 'three';

export function toScene(x: number, y: number, height = 0): THREE.Vector3 {
  return new THREE.Vector3(x, height, -y);
}

/** A ring as a three.js shape in the x, y plane (laid flat with rotateX(-pi/2): y becomes -z). */
export function shapeOf(ring: [number, number][]): THREE.Shape {
  return new THREE.Shape(ring.map(([x, y]) => new THREE.Vector2(x, y)));
}

/** Flat shapes on the ground at `height`, as one geometry. */
export function flatShapes(rings: [number, number][][], height: number): THREE.ShapeGeometry {
  const geometry = new THREE.ShapeGeometry(rings.map(shapeOf));
  geometry.rotateX(-Math.PI / 2);
  geometry.translate(0, height, 0);
  return geometry;
}

/** Polylines as one set of line segments at `height` (one draw call). */
export function polylineSegments(lines: [number, number][][], height: number): THREE.BufferGeometry {
  const positions: number[] = [];
  for (const line of lines) {
    for (let k = 1; k < line.length; k++) positions.push(line[k - 1][0], height, -line[k - 1][1], line[k][0], height, -line[k][1]);
  }
  return new THREE.BufferGeometry().setAttribute('position', new THREE.Float32BufferAttribute(positions, 3));
}

/** Scenario bearing (degrees clockwise from north) to a direction in the scene's ground plane. */
export function bearingVector(bearingDeg: number): THREE.Vector3 {
  const rad = (bearingDeg * Math.PI) / 180;
  return new THREE.Vector3(Math.sin(rad), 0, -Math.cos(rad));
}
