/**
 * Renumbering the nodes of part of a compact graph: the nodes kept get new indices in the order
 * they are first met, with their positions, as a scenario's network or road network takes them.
 */
import type { CompactGraph, XY } from '../CityModel.ts';

/** The kept nodes' positions, and the function that gives a graph node its new index. */
export function subgraphNodes(graph: CompactGraph): { nodes: XY[]; indexOf: Map<number, number>; nodeOf: (node: number) => number } {
  const nodes: XY[] = [];
  const indexOf = new Map<number, number>();
  const nodeOf = (node: number): number => {
    let k = indexOf.get(node);
    if (k === undefined) {
      k = nodes.length;
      indexOf.set(node, k);
      nodes.push([graph.nodeXY[2 * node], graph.nodeXY[2 * node + 1]]);
    }
    return k;
  };
  return { nodes, indexOf, nodeOf };
}
