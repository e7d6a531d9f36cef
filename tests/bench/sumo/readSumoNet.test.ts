/**
 * The SUMO network importer's lane connections and right-of-way tables (bench/sumo/readSumoNet.ts)
 * on a small hand-written net: lanes renumbered over the car lanes, request bits read from the
 * right, movements aggregated from connections.
 */
import { describe, expect, it } from 'vitest';
import { readSumoNet } from '../../../bench/sumo/readSumoNet.ts';

/** W-E road (edge a, three lanes, the middle one for buses) and S-N road (b) into junction C; exits c (east) and d (north). */
const NET = `<net version="1.9">
  <edge id="a" from="W" to="C" priority="2">
    <lane id="a_0" index="0" speed="13.89" length="100" shape="-100,-6 0,-6"/>
    <lane id="a_1" index="1" speed="13.89" length="100" allow="bus" shape="-100,-3 0,-3"/>
    <lane id="a_2" index="2" speed="13.89" length="100" shape="-100,0 0,0"/>
  </edge>
  <edge id="b" from="S" to="C" priority="1"><lane id="b_0" index="0" speed="13.89" length="100" shape="0,-100 0,0"/></edge>
  <edge id="c" from="C" to="E" priority="2"><lane id="c_0" index="0" speed="13.89" length="100" shape="0,0 100,0"/></edge>
  <edge id="d" from="C" to="N" priority="1"><lane id="d_0" index="0" speed="13.89" length="100" shape="0,0 0,100"/></edge>
  <junction id="W" type="dead_end" x="-100" y="0" incLanes="" intLanes=""/>
  <junction id="S" type="dead_end" x="0" y="-100" incLanes="" intLanes=""/>
  <junction id="E" type="dead_end" x="100" y="0" incLanes="c_0" intLanes=""/>
  <junction id="N" type="dead_end" x="0" y="100" incLanes="d_0" intLanes=""/>
  <junction id="C" type="priority" x="0" y="0" incLanes="a_0 a_1 a_2 b_0" intLanes=":C_0_0 :C_1_0 :C_2_0">
    <request index="0" response="000" foes="100" cont="0"/>
    <request index="1" response="000" foes="100" cont="0"/>
    <request index="2" response="011" foes="011" cont="0"/>
  </junction>
  <connection from="a" to="c" fromLane="0" toLane="0" via=":C_0_0" dir="s" state="M"/>
  <connection from="a" to="d" fromLane="2" toLane="0" via=":C_1_0" dir="l" state="M"/>
  <connection from="b" to="d" fromLane="0" toLane="0" via=":C_2_0" dir="s" state="m"/>
</net>`;

describe('reading a SUMO network', () => {
  const net = readSumoNet(NET, 'tiny.net.xml');
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((id) => net.edges.get(id)!.link);

  it('keeps the lane-to-lane connections between car lanes, numbered over the car lanes', () => {
    expect(net.roads.links[a].lanes).toBe(2);
    expect(net.roads.connections).toEqual([
      { from: a, to: c, fromLane: 0, toLane: 0 },
      { from: a, to: d, fromLane: 1, toLane: 0 },
      { from: b, to: d, fromLane: 0, toLane: 0 },
    ]);
  });

  it('turns the junction request table into per-movement foes and yields, reading bits from the right', () => {
    expect(net.rightOfWayNodes).toBe(1);
    expect(net.roads.rightOfWay).toEqual([{
      node: net.nodeOfJunction.get('C'),
      movements: [[a, c], [a, d], [b, d]],
      // The minor through movement crosses a -> c and merges with a -> d, giving way to both.
      foes: [[2], [2], [0, 1]],
      yieldsTo: [[], [], [0, 1]],
      criticalGapS: 0,
    }]);
  });
});
