/**
 * A minimal 2D preview of the default scenario on the bundled default district: the scenario is
 * placed in the district in the page (city-models, as the CLI does), the engine runs in the
 * page's main thread, and every animation frame draws the buildings, the walkable space, the
 * exits and one dot per person on a canvas. A stand-in until the 3D supervision centre (later
 * issue); the engine and city-models are used as is.
 */
import { createWorld, isWorldDone, stepWorld, validateScenario, type World } from '../engine/index.ts';
import { placeScenario } from '../city-models/scenario/placeScenario.ts';
import defaultScenario from '../scenarios/default.json';
import districtText from '../city-models/default/district.geojson?raw';

/** Simulated seconds per wall-clock second. */
const SPEED_UP = 2;
/** At most this many steps per frame, so a slow frame does not snowball. */
const MAX_STEPS_PER_FRAME = 20;

const canvas = document.querySelector<HTMLCanvasElement>('#view')!;
const status = document.querySelector<HTMLElement>('#status')!;
const context = canvas.getContext('2d')!;

const placed = placeScenario(defaultScenario, districtText, 'city-models/default/district.geojson', 'scenarios/default.json');
const world = createWorld(validateScenario(placed.scenario, 'scenarios/default.json'), 'scenarios/default.json');
const stopWhenEmpty = world.scenario.stopWhenEmpty ?? true;
let lastFrameMs = performance.now();
let owedSteps = 0;

function running(w: World): boolean {
  return w.clock.tick < w.durationTicks && !(stopWhenEmpty && w.clock.tick > 0 && isWorldDone(w));
}

function frame(nowMs: number): void {
  owedSteps += ((nowMs - lastFrameMs) / 1000) * SPEED_UP / world.clock.stepS;
  lastFrameMs = nowMs;
  let steps = 0;
  while (owedSteps >= 1 && steps < MAX_STEPS_PER_FRAME && running(world)) {
    stepWorld(world);
    owedSteps--;
    steps++;
  }
  if (steps === MAX_STEPS_PER_FRAME) owedSteps = 0;
  draw(world);
  const timeS = world.clock.tick * world.clock.stepS;
  status.textContent = `${world.scenario.name}: t = ${timeS.toFixed(1)} s, ${world.agents.count} people inside${running(world) ? '' : ' (finished)'}`;
  requestAnimationFrame(frame);
}

function draw(w: World): void {
  const widthPx = canvas.clientWidth * devicePixelRatio;
  const heightPx = canvas.clientHeight * devicePixelRatio;
  if (canvas.width !== widthPx || canvas.height !== heightPx) {
    canvas.width = widthPx;
    canvas.height = heightPx;
  }
  const [minX, minY, maxX, maxY] = w.space.bounds;
  const marginPx = 10 * devicePixelRatio;
  const scale = Math.min((widthPx - 2 * marginPx) / (maxX - minX), (heightPx - 2 * marginPx) / (maxY - minY));
  // y points north in the scenario and down on the canvas.
  const px = (x: number) => marginPx + (x - minX) * scale;
  const py = (y: number) => heightPx - marginPx - (y - minY) * scale;

  context.fillStyle = '#10151c';
  context.fillRect(0, 0, widthPx, heightPx);
  const ringsPath = new Path2D();
  for (const ring of w.space.rings) {
    ring.forEach(([x, y], k) => (k === 0 ? ringsPath.moveTo(px(x), py(y)) : ringsPath.lineTo(px(x), py(y))));
    ringsPath.closePath();
  }
  context.fillStyle = '#2a3440';
  context.fill(ringsPath, 'evenodd');
  context.fillStyle = '#2f8f5b';
  for (const exit of w.scenario.geometry.exits) {
    context.beginPath();
    exit.polygon.forEach(([x, y], k) => (k === 0 ? context.moveTo(px(x), py(y)) : context.lineTo(px(x), py(y))));
    context.fill();
  }
  context.fillStyle = '#ffcc66';
  const radiusPx = Math.max(1, 0.2 * scale);
  const { posXM, posYM, count } = w.agents;
  context.beginPath();
  for (let i = 0; i < count; i++) {
    const x = px(posXM[i]);
    const y = py(posYM[i]);
    context.moveTo(x + radiusPx, y);
    context.arc(x, y, radiusPx, 0, 2 * Math.PI);
  }
  context.fill();
}

requestAnimationFrame(frame);
