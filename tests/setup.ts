// Determinism guard: the engine must draw all randomness from the world's seeded generator.
// matter-js does the same so that its regression outputs can be compared byte for byte.
Math.random = () => {
  throw new Error('Math.random is forbidden: use the world random streams (engine/random/Rng.ts)');
};
