/**
 * What does not move: the ground, the water, the walkable space, the exits, the buildings extruded
 * to their heights (one merged mesh), footways, roads and tram tracks (one line set each), the street lights' pools
 * of light (one mesh; their colours follow the lights' levels) and the bollards (one instanced
 * mesh, red when raised). Each is one draw call, whatever the scenario's size.
 */
import * as THREE from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import type { SceneGeometry } from '../../workers/simulationApi.ts';
import { flatShapes, polylineSegments, shapeOf, toScene } from './frame.ts';

/** Height of an obstacle without one (a wall, a fence), m. */
const UNKNOWN_HEIGHT_M = 3;

export interface StaticScene {
  /** The ground plane (for picking a place). */
  ground: THREE.Mesh;
  exits: THREE.Mesh;
  /** Colours of the light pools follow the levels (`setLightLevels`). */
  setLightLevels(levels: Float32Array): void;
  /** How dark it is, 0 (day) to 1 (night): the light pools show more at night. */
  setNight(amount: number): void;
  /** Bollards red when raised, green when lowered (per closure of kind bollard, scene order). */
  setClosures(active: Uint8Array): void;
  centre: THREE.Vector3;
  size: number;
}

export function buildStaticScene(scene: THREE.Scene, geometry: SceneGeometry): StaticScene {
  const [minX, minY, maxX, maxY] = geometry.bounds;
  const cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
  const size = Math.max(maxX - minX, maxY - minY);
  const { layout } = geometry;

  const ground = new THREE.Mesh(new THREE.PlaneGeometry(size * 1.4, size * 1.4), new THREE.MeshLambertMaterial({ color: '#1a222b' }));
  ground.rotation.x = -Math.PI / 2;
  ground.position.copy(toScene(cx, cy, -0.05));
  ground.name = 'ground';
  scene.add(ground);

  // The walkable space: its rings filled even-odd (holes for what stands in it).
  scene.add(new THREE.Mesh(flatShapes(geometry.walkableRings, 0), new THREE.MeshLambertMaterial({ color: '#3a4653', side: THREE.DoubleSide })));
  const exits = new THREE.Mesh(flatShapes(geometry.exits.map((exit) => exit.polygon), 0.02), new THREE.MeshBasicMaterial({ color: '#2f8f5b', side: THREE.DoubleSide }));
  scene.add(exits);

  if (layout.water.length > 0) scene.add(new THREE.Mesh(flatShapes(layout.water, -0.02), new THREE.MeshLambertMaterial({ color: '#1d4f73', side: THREE.DoubleSide })));
  if (layout.waterLines.length > 0) scene.add(new THREE.LineSegments(polylineSegments(layout.waterLines, 0.01), new THREE.LineBasicMaterial({ color: '#2d78a8' })));
  if (layout.footways.length > 0) scene.add(new THREE.LineSegments(polylineSegments(layout.footways, 0.025), new THREE.LineBasicMaterial({ color: '#56606b' })));
  if (layout.roads.length > 0) scene.add(new THREE.LineSegments(polylineSegments(layout.roads.map((road) => road.points), 0.03), new THREE.LineBasicMaterial({ color: '#6b7785' })));
  if (layout.tramTracks.length > 0) scene.add(new THREE.LineSegments(polylineSegments(layout.tramTracks, 0.05), new THREE.LineBasicMaterial({ color: '#c9a54a' })));

  // Buildings and walls extruded to their heights, merged into one mesh (one draw call).
  const parts = geometry.obstacles.map((obstacle) => {
    const extruded = new THREE.ExtrudeGeometry(shapeOf(obstacle.polygon), { depth: obstacle.heightM ?? UNKNOWN_HEIGHT_M, bevelEnabled: false });
    extruded.rotateX(-Math.PI / 2);
    const flat = extruded.index === null ? extruded : extruded.toNonIndexed();
    flat.deleteAttribute('uv');
    return flat;
  });
  if (parts.length > 0) scene.add(new THREE.Mesh(mergeGeometries(parts), new THREE.MeshLambertMaterial({ color: '#8c96a3' })));

  // Street lights: one mesh of their polygons, a vertex colour per light (warm at full level).
  const nonIndexed = (geometry: THREE.BufferGeometry) => (geometry.index === null ? geometry : geometry.toNonIndexed());
  const lightParts = layout.streetLights.map((light) => nonIndexed(flatShapes([light.polygon], 0.04)));
  const lightStart: number[] = [];
  let lights: THREE.Mesh | null = null;
  if (lightParts.length > 0) {
    let vertices = 0;
    for (const part of lightParts) {
      part.deleteAttribute('uv');
      part.deleteAttribute('normal');
      lightStart.push(vertices);
      vertices += part.getAttribute('position').count;
    }
    lightStart.push(vertices);
    const merged = mergeGeometries(lightParts)!;
    merged.setAttribute('color', new THREE.Float32BufferAttribute(new Float32Array(vertices * 3), 3));
    lights = new THREE.Mesh(merged, new THREE.MeshBasicMaterial({ vertexColors: true, transparent: true, opacity: 0.55, blending: THREE.AdditiveBlending, depthWrite: false }));
    scene.add(lights);
  }
  const warm = new THREE.Color('#ffd27a');

  const bollardSpots = layout.closures.flatMap((closure, k) => (closure.at === null ? [] : [{ k, at: closure.at }]));
  const bollards = new THREE.InstancedMesh(new THREE.CylinderGeometry(1, 1, 2.4, 12), new THREE.MeshLambertMaterial({ color: '#ffffff' }), Math.max(1, bollardSpots.length));
  bollards.count = bollardSpots.length;
  const matrix = new THREE.Matrix4();
  bollardSpots.forEach((spot, i) => {
    bollards.setMatrixAt(i, matrix.makeTranslation(spot.at[0], 1.2, -spot.at[1]));
    bollards.setColorAt(i, new THREE.Color('#888888'));
  });
  if (bollardSpots.length > 0) scene.add(bollards);
  const raised = new THREE.Color('#e0524c'), lowered = new THREE.Color('#3fbf6f');

  return {
    ground,
    exits,
    centre: toScene(cx, cy),
    size,
    setLightLevels(levels) {
      if (lights === null) return;
      const colours = lights.geometry.getAttribute('color') as THREE.BufferAttribute;
      for (let k = 0; k < levels.length && k + 1 < lightStart.length; k++) {
        for (let v = lightStart[k]; v < lightStart[k + 1]; v++) colours.setXYZ(v, warm.r * levels[k], warm.g * levels[k], warm.b * levels[k]);
      }
      colours.needsUpdate = true;
    },
    setNight(amount) {
      if (lights !== null) (lights.material as THREE.MeshBasicMaterial).opacity = 0.15 + 0.6 * amount;
    },
    setClosures(active) {
      bollardSpots.forEach((spot, i) => bollards.setColorAt(i, active[spot.k] === 1 ? raised : lowered));
      if (bollards.instanceColor) bollards.instanceColor.needsUpdate = true;
    },
  };
}
