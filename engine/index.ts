/**
 * The Vigie engine's public entry points: load a scenario, build a world, step or run it.
 * Plain TypeScript with no DOM and no Node-only API: the same code runs in Node and in a browser.
 */
export type { Scenario } from './scenario/Scenario.ts';
export { loadScenario, validateScenario } from './scenario/loadScenario.ts';
export { parseScenarioJson } from './scenario/parseScenarioJson.ts';
export { ScenarioError } from './scenario/ScenarioError.ts';
export { createWorld } from './world/createWorld.ts';
export { buildWorld, type World } from './world/World.ts';
export { stepWorld, isWorldDone } from './step/stepWorld.ts';
export { runWorld, isRunOver, startRun, advanceRun, finishRun, type RunOptions, type RunSession } from './run/runWorld.ts';
export { AgentKind } from './agents/AgentStore.ts';
export type { PointM, PolygonM, PedestrianGroupSpec, TramLineSpec, TransitSpec } from './scenario/Scenario.ts';
export { summarizeWorld, type RunSummary } from './run/summary.ts';
