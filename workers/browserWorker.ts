/**
 * Web Worker entry of the browser app (viz/): serves the simulation API to the page through
 * comlink, so the engine steps off the page's main thread (the same API the Node workers serve).
 */
import { exposeSimulation } from './exposeSimulation.ts';

exposeSimulation(self as unknown as Parameters<typeof exposeSimulation>[0]);
