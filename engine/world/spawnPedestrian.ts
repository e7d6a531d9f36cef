/**
 * Creating one pedestrian: a new id in the world's records, a slot in the agent store, a desired
 * speed drawn from its population's distribution and an optional pre-movement time.
 */
import { addAgent, AgentKind } from '../agents/AgentStore.ts';
import { sampleDesiredSpeedMps } from '../pedestrians/desiredSpeed.ts';
import type { Rng } from '../random/Rng.ts';
import { POSTURE_STANDING, type PedestrianGroupSpec } from '../scenario/Scenario.ts';
import { tickAtOrAfter } from '../time/Clock.ts';
import { recordSpawn } from './AgentRecords.ts';
import { addSceneTarget, PARCEL_STAY_S, SCENE_OBJECT } from '../sensors/sceneTargets.ts';

/** Where a courier sets their parcel down: this far to their east, m. */
const PARCEL_OFFSET_M = 0.6;
import { REDUCED_MOBILITY_SPEED, type World } from './World.ts';
import { addCompanionGroup, drawGroupSize, joinCompanionGroup } from '../pedestrians/companions.ts';

/** Spawns a pedestrian of population `populationIndex` at (x, y); returns its slot. */
export function spawnPedestrian(world: World, populationIndex: number, xM: number, yM: number): number {
  const population = world.populations[populationIndex];
  const tick = world.clock.tick;
  const id = recordSpawn(world.records, populationIndex, tick);
  const slot = addAgent(world.agents, id, AgentKind.pedestrian, xM, yM);
  const agents = world.agents;
  agents.group[slot] = populationIndex;
  // A gathering group walks to its meeting point first (engine/step/phases/gather.ts).
  const gathering = population.gathering;
  // A social group (companions.ts): the first member starts it; the others join it.
  const companions = world.pedestrianModel.companions;
  let companionGroup = -1;
  if (population.socialGroups !== null && companions !== null) {
    if (population.openGroupLeft > 0) {
      companionGroup = population.openGroup;
      population.openGroupLeft--;
    } else {
      const size = drawGroupSize(population.socialGroups, world.random.placement.next());
      if (size > 1) {
        companionGroup = addCompanionGroup(companions);
        population.openGroup = companionGroup;
        population.openGroupLeft = size - 1;
      }
    }
    joinCompanionGroup(companions, id, companionGroup);
    population.lastSpawnXM = xM;
    population.lastSpawnYM = yM;
  }
  // Among several meeting points, each person takes one at random (one field each, in order);
  // a group's members take their first member's.
  const joining = companionGroup >= 0 && companions!.speedMps[companionGroup] > 0;
  agents.field[slot] = gathering === null ? population.fieldIndex
    : joining ? companions!.field[companionGroup]
      : gathering.field + (gathering.points.length > 1 ? world.random.placement.int(gathering.points.length) : 0);
  agents.radiusM[slot] = population.radiusM;
  // Reduced mobility (a share of the group): a speed from RiMEA's range for impaired walkers.
  const reduced = population.reducedMobilityShare > 0 && world.random.speeds.next() < population.reducedMobilityShare;
  let speed = sampleDesiredSpeedMps(world.random.speeds, reduced ? REDUCED_MOBILITY_SPEED : population.speed);
  if (companionGroup >= 0) {
    // A group walks at its slowest member's pace (the first member's speed is lowered too when it is faster).
    if (joining) speed = Math.min(speed, companions!.speedMps[companionGroup]);
    companions!.speedMps[companionGroup] = speed;
    companions!.field[companionGroup] = agents.field[slot];
    if (joining) slowGroupTo(world, companionGroup, speed);
  }
  agents.desiredSpeedMps[slot] = speed;
  // People sitting or lying stay where they are placed unless the group says when they get up;
  // people who gather until a moment take their pre-movement time after it (gather.ts).
  const stays = population.preMovement === undefined && population.posture !== POSTURE_STANDING;
  const waitS = stays ? Infinity : gathering !== null && gathering.untilTick >= 0 ? 0 : samplePreMovementS(world.random.preMovement, population.preMovement);
  // Clamped to just past the end of the run (a huge lognormal draw must not overflow Int32).
  agents.walkFromTick[slot] = waitS > 0 ? Math.min(tick + tickAtOrAfter(world.clock, waitS), world.durationTicks + 1) : tick;
  // A social group without a gathering sets off together, when its first member does.
  if (companionGroup >= 0 && gathering === null) {
    if (joining && companions!.leaveTick[companionGroup] >= 0) agents.walkFromTick[slot] = Math.max(tick, companions!.leaveTick[companionGroup]);
    else companions!.leaveTick[companionGroup] = agents.walkFromTick[slot];
  }
  // A courier's parcel, set down beside them (sceneTargets.ts): the cameras can see it.
  if (population.behaviour === 'delivery' && world.sensors !== null) {
    const stepS = world.clock.stepS;
    addSceneTarget(world.sensors.scene, SCENE_OBJECT, xM + PARCEL_OFFSET_M, yM, tick * stepS, agents.walkFromTick[slot] * stepS + PARCEL_STAY_S, `agent/${id}`);
  }
  return slot;
}

/**
 * Pre-movement time in seconds: fixed, or drawn from U(min, max), a truncated normal, or a
 * lognormal whose `mean` and `sd` are those of the underlying normal (NIST TN 1822 uses
 * Lognormal(4.586, 0.967) and U(10, 100) s; RiMEA test 5 uses U(10, 100) s).
 */
export function samplePreMovementS(rng: Rng, spec: PedestrianGroupSpec['preMovementS']): number {
  if (spec === undefined) return 0;
  if (typeof spec === 'number') return spec;
  const minS = spec.min ?? 0;
  const maxS = spec.max ?? Infinity;
  switch (spec.distribution) {
    case 'uniform':
      return rng.uniform(minS, Number.isFinite(maxS) ? maxS : minS);
    case 'normal': {
      for (let attempt = 0; attempt < 100; attempt++) {
        const v = (spec.mean ?? 0) + (spec.sd ?? 0) * rng.normal();
        if (v >= minS && v <= maxS) return v;
      }
      return Math.min(Math.max(spec.mean ?? 0, minS), maxS);
    }
    case 'lognormal': {
      const v = Math.exp((spec.mean ?? 0) + (spec.sd ?? 0) * rng.normal());
      return Math.min(Math.max(v, minS), maxS);
    }
  }
}

/** Lowers the desired speed of group `g`'s members already present to `speedMps` (a slower member joined). */
function slowGroupTo(world: World, g: number, speedMps: number): void {
  const { agents } = world;
  const groupOfId = world.pedestrianModel.companions!.groupOfId;
  for (let i = 0; i < agents.count; i++) {
    const id = agents.id[i];
    if (id < groupOfId.length && groupOfId[id] === g && agents.desiredSpeedMps[i] > speedMps) agents.desiredSpeedMps[i] = speedMps;
  }
}
