/**
 * The field teams' map: a top-down 2D plan of the area (walkable space, roads) with the teams'
 * bases, the team and emergency vehicles on the road now, the latest alerts and the place picked
 * for a dispatch. A click on the map picks the place. Drawn on a small canvas, redrawn with
 * each snapshot over the still plan drawn once.
 */
import type { SceneGeometry } from '../../workers/simulationApi.ts';
import type { MovingFrame } from '../scene/agents.ts';

export interface TeamMap {
  draw(frame: MovingFrame, alerts: { x: number; y: number }[], place: [number, number] | null): void;
}

export function buildTeamMap(canvas: HTMLCanvasElement, geometry: SceneGeometry, onPick: (place: [number, number]) => void): TeamMap {
  const [minX, minY, maxX, maxY] = geometry.bounds;
  const context = canvas.getContext('2d')!;
  const scale = Math.min(canvas.width / (maxX - minX), canvas.height / (maxY - minY));
  const px = (x: number) => (x - minX) * scale;
  const py = (y: number) => canvas.height - (y - minY) * scale;
  const { layout } = geometry;
  const emergency = layout.vehicleClasses.indexOf('emergency');
  const hostile = layout.vehicleClasses.indexOf('hostile');

  canvas.addEventListener('click', (event) => {
    const box = canvas.getBoundingClientRect();
    const x = ((event.clientX - box.left) * canvas.width) / box.width, y = ((event.clientY - box.top) * canvas.height) / box.height;
    onPick([minX + x / scale, minY + (canvas.height - y) / scale]);
  });

  // The still part (walkable space, roads) drawn once into a buffer canvas; each redraw copies it.
  const background = document.createElement('canvas');
  background.width = canvas.width;
  background.height = canvas.height;
  const still = background.getContext('2d')!;
  still.fillStyle = '#0d1218';
  still.fillRect(0, 0, canvas.width, canvas.height);
  still.fillStyle = '#2a3440';
  still.beginPath();
  for (const ring of geometry.walkableRings) ring.forEach(([x, y], k) => (k === 0 ? still.moveTo(px(x), py(y)) : still.lineTo(px(x), py(y))));
  still.fill('evenodd');
  still.strokeStyle = '#6b7785';
  still.lineWidth = 1;
  for (const road of layout.roads) {
    still.beginPath();
    road.points.forEach(([x, y], k) => (k === 0 ? still.moveTo(px(x), py(y)) : still.lineTo(px(x), py(y))));
    still.stroke();
  }

  return {
    draw(frame, alerts, place) {
      context.drawImage(background, 0, 0);
      for (const alert of alerts) {
        context.fillStyle = '#e0524c';
        context.fillRect(px(alert.x) - 2, py(alert.y) - 2, 4, 4);
      }
      for (const team of layout.teams) {
        context.fillStyle = '#7fd3ff';
        context.fillRect(px(team.base[0]) - 4, py(team.base[1]) - 4, 8, 8);
        context.fillText(team.team, px(team.base[0]) + 6, py(team.base[1]) + 3);
      }
      for (let k = 0; k < frame.vehicleCount; k++) {
        const cls = frame.vehicleClass[k];
        if (cls !== emergency && cls !== hostile) continue;
        context.fillStyle = cls === hostile ? '#ff3b30' : '#f2f6ff';
        context.beginPath();
        context.arc(px(frame.vehicleX[k]), py(frame.vehicleY[k]), 4, 0, 2 * Math.PI);
        context.fill();
      }
      if (place !== null) {
        context.strokeStyle = '#ffcc66';
        context.lineWidth = 2;
        context.beginPath();
        context.arc(px(place[0]), py(place[1]), 7, 0, 2 * Math.PI);
        context.stroke();
      }
    },
  };
}
