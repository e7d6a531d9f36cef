/**
 * The hypervision panel: the actuators of the simulated city, each button a command sent to the
 * worker (the API's `command`: carried out in the simulation at once and written to the event
 * log as a command from `operator` and its actuator's acknowledgement). Pedestrian zone (all its
 * rising bollards and the pedestrian-street restriction together, or one bollard), road
 * closures and gates across roads, exits and
 * doors, street lights (all, or those in a zone of the rules file), traffic lights (all red,
 * back to plan), PTZ cameras (turn to the selected place), public address (a zone to exits) and
 * the field teams (dispatch to the selected place). Only what the scenario has is shown.
 */
import type { SceneLayout } from '../../workers/viewerData.ts';

/** What the panel needs from the page. */
export interface HypervisionHost {
  /** Sends a command; resolves to the message to show (what the actuator did, or why not). */
  send(action: Record<string, unknown>, place?: [number, number]): Promise<string>;
  /** The place picked on the map or from an alert (null: none yet). */
  place(): [number, number] | null;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text = ''): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text) node.textContent = text;
  return node;
}

function inside(x: number, y: number, polygon: [number, number][]): boolean {
  let odd = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i], [xj, yj] = polygon[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
  }
  return odd;
}

/** Fills `container` with the panel for `layout` and the scenario's exits; returns a function that shows the actuators' state. */
export function buildHypervision(container: HTMLElement, layout: SceneLayout, exitIds: string[], host: HypervisionHost): { showState(closureActive: Uint8Array, exitOpen: Uint8Array): void } {
  const result = element('p', { id: 'command-result', class: 'result' });
  const run = async (action: Record<string, unknown>, place?: [number, number]) => {
    result.textContent = '…';
    result.textContent = await host.send(action, place);
  };
  const section = (title: string): HTMLElement => {
    const box = element('section');
    box.append(element('h3', {}, title));
    container.append(box);
    return box;
  };
  const button = (box: HTMLElement, label: string, id: string, onClick: () => void): HTMLButtonElement => {
    const b = element('button', { type: 'button', id }, label);
    b.addEventListener('click', onClick);
    box.append(b);
    return b;
  };
  const needPlace = (): [number, number] | null => {
    const place = host.place();
    if (place === null) result.textContent = 'pick a place first: click the ground, the map or an alert';
    return place;
  };

  const closureState = new Map<string, HTMLElement>();
  /** One toggle per closure (raise it when lowered, lower it when raised) with its state. */
  const closureToggles = (box: HTMLElement, closures: SceneLayout['closures']) => {
    const list = element('ul', { class: 'states' });
    for (const closure of closures) {
      const item = element('li');
      const state = element('span', { class: 'state' }, '?');
      closureState.set(closure.id, state);
      const toggle = element('button', { type: 'button', class: 'small', 'data-closure': closure.id }, closure.id);
      toggle.addEventListener('click', () => void run({ action: 'closure.set', closure: closure.id, active: state.textContent !== 'raised' }));
      item.append(toggle, ' ', state);
      list.append(item);
    }
    box.append(list);
  };
  const bollards = layout.closures.filter((closure) => closure.kind === 'bollard' || closure.id === 'pedestrian-streets');
  if (bollards.length > 0) {
    const box = section('Pedestrian zone');
    const all = async (active: boolean) => {
      result.textContent = '…';
      const answers: string[] = [];
      for (const closure of bollards) answers.push(await host.send({ action: 'closure.set', closure: closure.id, active }));
      result.textContent = `${active ? 'raised' : 'lowered'}: ${answers.length} closures (${answers[answers.length - 1]})`;
    };
    button(box, 'Close bollards', 'close-bollards', () => void all(true));
    button(box, 'Lower bollards', 'lower-bollards', () => void all(false));
    closureToggles(box, bollards);
  }

  // Other closures: road closures, gates and barriers across a road (raised: closed to traffic).
  const others = layout.closures.filter((closure) => !bollards.includes(closure));
  if (others.length > 0) {
    closureToggles(section('Road closures and gates'), others);
  }

  const exitState = new Map<string, HTMLElement>();
  if (exitIds.length > 0) {
    const box = section('Exits and doors');
    const list = element('ul', { class: 'states' });
    for (const exit of exitIds) {
      const item = element('li');
      const state = element('span', { class: 'state' }, '?');
      exitState.set(exit, state);
      const toggle = element('button', { type: 'button', class: 'small', 'data-exit': exit }, exit);
      toggle.addEventListener('click', () => void run({ action: state.textContent === 'open' ? 'exit.close' : 'exit.open', exit }));
      item.append(toggle, ' ', state);
      list.append(item);
    }
    box.append(list);
  }

  if (layout.streetLights.length > 0) {
    const box = section('Street lights');
    const groups: { label: string; ids: string[] }[] = [{ label: 'all', ids: layout.streetLights.map((light) => light.id) }];
    for (const zone of layout.zones) {
      const ids = layout.streetLights.filter((light) => {
        const [x, y] = light.polygon.reduce(([sx, sy], [px, py]) => [sx + px / light.polygon.length, sy + py / light.polygon.length], [0, 0]);
        return inside(x, y, zone.polygon);
      }).map((light) => light.id);
      if (ids.length > 0) groups.push({ label: zone.id, ids });
    }
    const group = element('select', { id: 'light-group' });
    groups.forEach((g, k) => group.add(new Option(`${g.label} (${g.ids.length})`, String(k))));
    box.append(group);
    for (const [label, level] of [['on', 1], ['dim', 0.3], ['off', 0]] as const) {
      button(box, label, `lights-${label}`, () => void run({ action: 'lights.set', lights: groups[Number(group.value)].ids, level }));
    }
  }

  if (layout.signals.length > 0) {
    const box = section('Traffic lights');
    const signal = element('select', { id: 'signal' });
    for (const s of layout.signals) signal.add(new Option(`#${s.index} at ${s.x.toFixed(0)}, ${s.y.toFixed(0)}`, String(s.index)));
    box.append(signal);
    button(box, 'All red', 'signal-all-red', () => void run({ action: 'signal.allRed', signal: Number(signal.value) }));
    button(box, 'Back to plan', 'signal-resume', () => void run({ action: 'signal.resume', signal: Number(signal.value) }));
  }

  const ptz = layout.cameras.filter((camera) => camera.kind === 'ptz');
  if (ptz.length > 0) {
    const box = section('PTZ cameras');
    const camera = element('select', { id: 'ptz' });
    for (const c of ptz) camera.add(new Option(c.id, c.id));
    box.append(camera);
    button(box, 'Turn to the place', 'ptz-point', () => {
      const place = needPlace();
      if (place) void run({ action: 'camera.point', camera: camera.value }, place);
    });
  }

  if (layout.zones.length > 0 && exitIds.length > 0) {
    const box = section('Public address');
    const zone = element('select', { id: 'pa-zone' });
    for (const z of layout.zones) zone.add(new Option(z.id, z.id));
    const goal = element('select', { id: 'pa-goal' });
    for (const exit of exitIds) goal.add(new Option(`to ${exit}`, exit));
    box.append(zone, goal);
    button(box, 'Announce', 'pa-send', () => void run({ action: 'publicAddress', zone: zone.value, goal: [goal.value] }));
  }

  if (layout.teams.length > 0) {
    const box = section('Field teams');
    const team = element('select', { id: 'team' });
    layout.teams.forEach((t, k) => team.add(new Option(`${t.team} (${t.vehicleClass})`, String(k))));
    box.append(team);
    button(box, 'Dispatch to the place', 'dispatch', () => {
      const place = needPlace();
      const t = layout.teams[Number(team.value)];
      if (place) void run({ action: 'dispatch', team: t.team, base: t.base, vehicleClass: t.vehicleClass }, place);
    });
  }

  container.append(result);
  const closureIds = layout.closures.map((closure) => closure.id);
  return {
    showState(closureActive, exitOpen) {
      closureIds.forEach((id, k) => {
        const state = closureState.get(id);
        if (state) state.textContent = closureActive[k] === 1 ? 'raised' : 'lowered';
      });
      exitIds.forEach((id, k) => {
        const state = exitState.get(id);
        if (state) state.textContent = exitOpen[k] === 1 ? 'open' : 'closed';
      });
    },
  };
}
