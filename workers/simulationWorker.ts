/**
 * Node worker-thread entry: serves the simulation API to the parent thread through comlink's
 * node adapter. Started by `simulationWorker.mjs` (which registers tsx first); see
 * createNodeWorker.ts for the parent side.
 */
import { parentPort } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { exposeSimulation } from './exposeSimulation.ts';

if (parentPort === null) throw new Error('simulationWorker.ts must run in a worker thread (see createNodeWorker.ts)');
exposeSimulation(nodeEndpoint(parentPort));
