export {};
// Determinism guard: the engine must draw all randomness from the world's seeded generator.
// matter-js does the same so that its regression outputs can be compared byte for byte.
// NOTE: bignumber.js (under @turf/turf's polygon clipping) seeds itself with Math.random when
// first imported, which decides nothing in our results; it is loaded before the guard is set.
// graphology draws one random byte at import to prefix its generated edge keys ("geid_N_");
// city-models never uses those keys (its compact graphs number nodes and edges in insertion order).
await import('@turf/turf');
await import('graphology');
// The browser tests (tests/e2e/) drive Chromium through playwright-core, whose protocol client
// draws Math.random for its own ids; the engine runs in the browser there, not in this process.
if (!(globalThis as { __vitest_worker__?: { filepath?: string } }).__vitest_worker__?.filepath?.includes('/tests/e2e/')) {
  Math.random = () => {
    throw new Error('Math.random is forbidden: use the world random streams (engine/random/Rng.ts)');
  };
}
