/**
 * Semantic checks of a road network's explicit lane connections and right-of-way tables
 * (`traffic.roads.connections`, `traffic.roads.rightOfWay`; part of pass 3 of scenario loading,
 * see semanticProblems.ts): links and lanes that exist, movements that lead through their node,
 * indices within the node's movement list, and a movement that gives way only to its foes.
 */
import type { TrafficSpec } from './Scenario.ts';

type Report = (path: string, message: string) => void;

/** Checks `roads.connections` and `roads.rightOfWay` (links already checked to name nodes that exist). */
export function checkRoadRules(traffic: TrafficSpec, report: Report): void {
  const links = traffic.roads.links;
  const linkIndex = (value: number, path: string): boolean => {
    if (value < links.length) return true;
    report(path, `expected the index of a link (0 to ${links.length - 1}), found ${value}`);
    return false;
  };
  const lanesOf = (link: number): number => Math.max(1, Math.round(links[link].lanes ?? 1));
  (traffic.roads.connections ?? []).forEach((c, i) => {
    const at = `traffic.roads.connections[${i}]`;
    if (!linkIndex(c.from, `${at}.from`) || !linkIndex(c.to, `${at}.to`)) return;
    if (links[c.to].from !== links[c.from].to) report(`${at}.to`, `link ${c.to} starts at node ${links[c.to].from}, not where link ${c.from} ends (node ${links[c.from].to})`);
    if (c.fromLane >= lanesOf(c.from)) report(`${at}.fromLane`, `expected a lane of link ${c.from} (0 to ${lanesOf(c.from) - 1}), found ${c.fromLane}`);
    if (c.toLane >= lanesOf(c.to)) report(`${at}.toLane`, `expected a lane of link ${c.to} (0 to ${lanesOf(c.to) - 1}), found ${c.toLane}`);
  });
  const seenNodes = new Map<number, number>();
  (traffic.roads.rightOfWay ?? []).forEach((rules, i) => {
    const at = `traffic.roads.rightOfWay[${i}]`;
    if (rules.node >= traffic.roads.nodes.length) {
      report(`${at}.node`, `expected the index of a node (0 to ${traffic.roads.nodes.length - 1}), found ${rules.node}`);
      return;
    }
    const before = seenNodes.get(rules.node);
    if (before !== undefined) report(`${at}.node`, `node ${rules.node} already has its right of way in traffic.roads.rightOfWay[${before}]`);
    seenNodes.set(rules.node, i);
    rules.movements.forEach(([from, to], k) => {
      const path = `${at}.movements[${k}]`;
      if (!linkIndex(from, `${path}[0]`) || !linkIndex(to, `${path}[1]`)) return;
      if (links[from].to !== rules.node) report(`${path}[0]`, `link ${from} does not lead into node ${rules.node} (it ends at node ${links[from].to})`);
      if (links[to].from !== rules.node) report(`${path}[1]`, `link ${to} does not leave node ${rules.node} (it starts at node ${links[to].from})`);
    });
    const count = rules.movements.length;
    for (const field of ['foes', 'yieldsTo'] as const) {
      if (rules[field].length !== count) report(`${at}.${field}`, `expected one list per movement (${count}), found ${rules[field].length}`);
      rules[field].forEach((list, k) => list.forEach((other, j) => {
        if (other >= count) report(`${at}.${field}[${k}][${j}]`, `expected the index of a movement of this node (0 to ${count - 1}), found ${other}`);
        else if (other === k) report(`${at}.${field}[${k}][${j}]`, `movement ${k} cannot conflict with itself`);
        else if (field === 'yieldsTo' && !(rules.foes[k] ?? []).includes(other)) report(`${at}.${field}[${k}][${j}]`, `movement ${k} gives way to movement ${other}, which is not among its foes`);
      }));
    }
  });
}
