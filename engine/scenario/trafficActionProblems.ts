/**
 * Semantic checks of `traffic.actions` (part of pass 3 of scenario loading, see
 * semanticProblems.ts): each action has the fields of its kind and no others, and names signals,
 * phases, closures and nodes that exist; a green wave runs along signals with one common cycle; a
 * dispatched trip's id is unique. The same checks run again when an action is applied at run time
 * (engine/vehicles/actuation.ts), where a route is also needed.
 */
import type { TrafficAction, TrafficSpec } from './Scenario.ts';
import { quote } from './scenarioText.ts';

/** The fields each action kind takes besides `kind` (the optional ones marked with ?). */
const FIELDS: Record<TrafficAction['kind'], string[]> = {
  forceAllRed: ['signal'],
  forcePhase: ['signal', 'phase'],
  resumePlan: ['signal'],
  setGreenWave: ['signals', 'speedKph'],
  setClosure: ['closure', 'active'],
  dispatchVehicle: ['vehicleClass', 'from', 'to', 'id?'],
  setEmergencyPriority: ['enabled'],
};

/** Phases of every signal plan (engine/vehicles/SignalPlans.ts builds two). */
const PHASES_PER_SIGNAL = 2;

export function checkTrafficActions(traffic: TrafficSpec, report: (path: string, message: string) => void): void {
  const signals = traffic.signals ?? [];
  const nodeCount = traffic.roads.nodes.length;
  const closureIds = (traffic.closures ?? []).map((closure) => closure.id);
  const tripIds = new Map<string, string>((traffic.demand ?? []).map((demand, i) => [demand.id, `traffic.demand[${i}]`]));
  (traffic.actions ?? []).forEach((entry, i) => {
    const at = `traffic.actions[${i}].action`;
    const action = entry.action as TrafficAction & Record<string, unknown>;
    const fields = FIELDS[action.kind];
    const names = fields.map((field) => field.replace('?', ''));
    for (const field of fields) {
      if (!field.endsWith('?') && action[field] === undefined) report(`${at}.${field}`, `a ${action.kind} action needs "${field}" (it takes: ${names.join(', ')})`);
    }
    for (const key of Object.keys(action)) {
      if (key !== 'kind' && !names.includes(key)) report(`${at}.${key}`, `a ${action.kind} action takes no "${key}" (it takes: ${names.join(', ')})`);
    }
    const signal = (value: unknown, path: string): boolean => {
      if (typeof value !== 'number' || value < signals.length) return true;
      report(path, signals.length === 0 ? `expected the index of a signal in traffic.signals, but there are none; found ${value}` : `expected the index of a signal in traffic.signals (0 to ${signals.length - 1}), found ${value}`);
      return false;
    };
    const node = (value: unknown, path: string): void => {
      if (typeof value === 'number' && value >= nodeCount) report(path, `expected the index of a node (0 to ${nodeCount - 1}), found ${value}`);
    };
    switch (action.kind) {
      case 'forceAllRed':
      case 'resumePlan':
        signal(action.signal, `${at}.signal`);
        break;
      case 'forcePhase':
        signal(action.signal, `${at}.signal`);
        if (typeof action.phase === 'number' && action.phase >= PHASES_PER_SIGNAL) report(`${at}.phase`, `expected a phase of the signal (0 to ${PHASES_PER_SIGNAL - 1}), found ${action.phase}`);
        break;
      case 'setGreenWave': {
        const list = action.signals ?? [];
        const known = list.every((s, k) => signal(s, `${at}.signals[${k}]`));
        list.forEach((s, k) => {
          if (list.indexOf(s) < k) report(`${at}.signals[${k}]`, `signal ${s} appears twice in the corridor (already at signals[${list.indexOf(s)}])`);
        });
        if (known && list.length > 1) {
          const cycleS = (s: number) => signals[s].cycleS ?? 60;
          list.forEach((s, k) => {
            if (cycleS(s) !== cycleS(list[0])) report(`${at}.signals[${k}]`, `signal ${s} has a ${cycleS(s)} s cycle, signal ${list[0]} ${cycleS(list[0])} s: a green wave needs one common cycle`);
          });
        }
        break;
      }
      case 'setClosure':
        if (typeof action.closure === 'string' && !closureIds.includes(action.closure)) report(`${at}.closure`, `unknown closure ${quote(action.closure)} (${closureIds.length === 0 ? 'traffic.closures is empty' : `known: ${closureIds.map(quote).join(', ')}`})`);
        break;
      case 'dispatchVehicle': {
        node(action.from, `${at}.from`);
        node(action.to, `${at}.to`);
        if (action.from !== undefined && action.from === action.to) report(`${at}.to`, `the trip ends where it starts (node ${action.from})`);
        if (action.id !== undefined) {
          const first = tripIds.get(action.id);
          if (first !== undefined) report(`${at}.id`, `duplicate trip id ${quote(action.id)} (already used by ${first})`);
          else tripIds.set(action.id, at);
        }
        break;
      }
      case 'setEmergencyPriority':
        break;
    }
  });
}
