/**
 * Starting a simulation in a Node worker thread: the parent gets a comlink proxy of the
 * simulation API (every method returns a promise) and a function that ends the worker.
 */
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { SimulationApi } from './simulationApi.ts';

/** A running simulation worker, owned by the caller, who must call `terminate`. */
export interface NodeSimulationWorker {
  api: Comlink.Remote<SimulationApi>;
  /**
   * Rejects if the worker fails (an uncaught error, or an exit before `terminate`); it never
   * resolves. Race calls against it so a crashed worker does not leave them waiting forever.
   */
  failure: Promise<never>;
  /** Releases the proxy and stops the thread. */
  terminate(): Promise<void>;
}

/** Starts a worker thread serving a fresh simulation API. */
export function createNodeWorker(): NodeSimulationWorker {
  const worker = new Worker(new URL('./simulationWorker.mjs', import.meta.url));
  const api = Comlink.wrap<SimulationApi>(nodeEndpoint(worker));
  let terminating = false;
  const failure = new Promise<never>((_resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!terminating) reject(new Error(`simulation worker exited with code ${code}`));
    });
  });
  failure.catch(() => {}); // observed by whoever races it; never an unhandled rejection
  return {
    api,
    failure,
    async terminate() {
      terminating = true;
      api[Comlink.releaseProxy]();
      await worker.terminate();
    },
  };
}
