/**
 * A vehicle meeting a row of bollards (or a barrier line), with the cannon-es rigid-body engine:
 * stopped or not, at what speed it hits, how far it gets past the line, how hard it decelerates.
 * For the hostile-vehicle scenario on the promenade and for the incidents of vehicles forcing a
 * closed zone.
 *
 * Model. The vehicle is a box of its class's mass and size, driving straight at the row at the
 * impact speed (no braking: the worst case the ratings assume). Each bollard is a post on a
 * spring-damper anchored in the ground (the foundation and the post bending): it absorbs energy
 * and gives way (its anchorage fails) when pushed past FAILURE_DEFLECTION_M. The rating follows
 * the vehicle security barrier standards (IWA 14-1:2013, PAS 68:2013; e.g. "V/7200[N3C]/48/90":
 * a 7,200 kg truck at 48 km/h, head on, stopped): a post rated for mass m_r at speed v_r stores
 * E_r = 1/2 m_r v_r^2 at its design deflection d, so its stiffness is k = 2 E_r / d^2;
 * damping 10 % of critical.
 * Contact between the vehicle and the posts is cannon-es's (inelastic, no restitution).
 *
 * What this is not: a crash simulation (no crumple zone, no vehicle deformation, no occupant);
 * it tells whether the kinetic energy exceeds what the row can take, and how the vehicle's speed
 * falls while the posts hold, in the same frame and units as the rest of the twin.
 * Deterministic: fixed steps (world.step(dt)), no profiling, no clock.
 */
import { Body, Box, Cylinder, Spring, Vec3, World } from 'cannon-es';

/** A rated post's design deflection under its rated impact, m. */
export const MAX_DEFLECTION_M = 1.0;
/** Beyond this deflection the post's anchorage gives way, m (a 25 % margin over the design). */
export const FAILURE_DEFLECTION_M = 1.25;
/** Physics step, s. */
const PHYSICS_STEP_S = 0.001;
/** Simulated time after first contact, s. */
const AFTER_CONTACT_S = 1.5;

/** A bollard row's rating: the test vehicle mass and speed it stops (IWA 14-1 / PAS 68). */
export interface BollardRating {
  massKg: number;
  speedKph: number;
}

/** The vehicle at impact. */
export interface ImpactVehicle {
  massKg: number;
  lengthM: number;
  widthM: number;
  speedMps: number;
  /** Lateral offset of the vehicle's centre from the row's centre, m. */
  offsetM?: number;
}

/** What happened. */
export interface ImpactResult {
  /** True when the vehicle came to rest before the posts gave way. */
  stopped: boolean;
  /** Speed at first contact, m/s. */
  impactSpeedMps: number;
  /** Speed at the end (0 when stopped), m/s. */
  residualSpeedMps: number;
  /** How far the vehicle's front got past the row's line, m. */
  penetrationM: number;
  /** Peak deceleration, in g. */
  peakDecelerationG: number;
  /** Posts that gave way. */
  postsFailed: number;
  /** Posts the vehicle touched. */
  postsHit: number;
}

/**
 * Simulates a vehicle driving head-on into a row of posts across its path at x = 0 (posts at
 * y = (k - (count - 1) / 2) * spacingM), starting 0.5 m before it.
 */
export function simulateBollardImpact(vehicle: ImpactVehicle, rating: BollardRating, postCount = 5, spacingM = 1.4): ImpactResult {
  const world = new World({ gravity: new Vec3(0, 0, 0) });
  world.defaultContactMaterial.restitution = 0;
  world.defaultContactMaterial.friction = 0;
  const car = new Body({ mass: vehicle.massKg, shape: new Box(new Vec3(vehicle.lengthM / 2, vehicle.widthM / 2, 0.75)) });
  const startFrontM = -0.5;
  car.position.set(startFrontM - vehicle.lengthM / 2, vehicle.offsetM ?? 0, 0);
  car.velocity.set(vehicle.speedMps, 0, 0);
  car.linearDamping = 0;
  car.angularDamping = 0;
  // Planar motion along x: the test is head on.
  car.angularFactor.set(0, 0, 0);
  car.linearFactor.set(1, 1, 0);
  world.addBody(car);

  // Each post is rated on its own (as rated bollards are tested): it stores the rated energy at
  // its design deflection, and gives way beyond FAILURE_DEFLECTION_M.
  const ratedEnergyJ = 0.5 * rating.massKg * (rating.speedKph / 3.6) ** 2;
  const stiffness = (2 * ratedEnergyJ) / (MAX_DEFLECTION_M * MAX_DEFLECTION_M);
  const postMassKg = 150;
  const damping = 0.1 * 2 * Math.sqrt(stiffness * postMassKg);
  const posts: { body: Body; spring: Spring; anchor: Body; failed: boolean; hit: boolean }[] = [];
  for (let k = 0; k < postCount; k++) {
    const y = (k - (postCount - 1) / 2) * spacingM;
    const body = new Body({ mass: postMassKg, shape: new Cylinder(0.1, 0.1, 1.5, 8) });
    body.quaternion.setFromEuler(Math.PI / 2, 0, 0);
    body.position.set(0.1, y, 0);
    body.angularFactor.set(0, 0, 0);
    body.linearFactor.set(1, 0, 0);
    world.addBody(body);
    const anchor = new Body({ mass: 0, position: new Vec3(0.1, y, 0) });
    anchor.collisionResponse = false;
    world.addBody(anchor);
    posts.push({ body, anchor, spring: new Spring(body, anchor, { restLength: 0, stiffness, damping }), failed: false, hit: false });
    body.addEventListener('collide', () => {
      posts[k].hit = true;
    });
  }

  let impactSpeedMps = -1;
  let peakDecelerationMps2 = 0;
  let previousSpeed = vehicle.speedMps;
  let afterContactSteps = 0;
  const maxSteps = Math.ceil((2 / Math.max(vehicle.speedMps, 0.5) + AFTER_CONTACT_S) / PHYSICS_STEP_S);
  for (let step = 0; step < maxSteps; step++) {
    for (const post of posts) {
      if (post.failed) continue;
      post.spring.applyForce();
      if (post.body.position.x - post.anchor.position.x > FAILURE_DEFLECTION_M) post.failed = true;
    }
    world.step(PHYSICS_STEP_S);
    const speed = car.velocity.x;
    if (impactSpeedMps < 0 && posts.some((post) => post.hit)) impactSpeedMps = previousSpeed;
    if (impactSpeedMps >= 0) {
      peakDecelerationMps2 = Math.max(peakDecelerationMps2, (previousSpeed - speed) / PHYSICS_STEP_S);
      afterContactSteps++;
      if (afterContactSteps * PHYSICS_STEP_S > AFTER_CONTACT_S || speed <= 0.01) break;
    }
    previousSpeed = speed;
  }
  const residualSpeedMps = Math.max(0, car.velocity.x);
  const frontM = car.position.x + vehicle.lengthM / 2;
  return {
    stopped: residualSpeedMps <= 0.05 && posts.every((post) => !post.failed || !post.hit),
    impactSpeedMps: Math.max(0, impactSpeedMps),
    residualSpeedMps,
    penetrationM: Math.max(0, frontM),
    peakDecelerationG: peakDecelerationMps2 / 9.81,
    postsFailed: posts.filter((post) => post.failed).length,
    postsHit: posts.filter((post) => post.hit).length,
  };
}
