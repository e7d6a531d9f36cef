/**
 * Runs a scenario file in a simulation worker thread (createNodeWorker) and prints, as one JSON
 * object on stdout, what the worker test checks: the load result, the summary after stepping to
 * the end, a snapshot taken after 20 steps (with the typed-array classes it arrived as), and the
 * load result of an invalid scenario. Usage: node runInWorker.mjs SCENARIO.json
 */
import { readFileSync } from 'node:fs';
import { createNodeWorker } from '../../../workers/createNodeWorker.ts';

const file = process.argv[2];
const text = readFileSync(file, 'utf8');
const worker = createNodeWorker();
const call = <T>(promise: T): Promise<Awaited<T>> => Promise.race([promise, worker.failure]) as Promise<Awaited<T>>;
try {
  const loaded = await call(worker.api.load(text, file));
  const firstStep = await call(worker.api.step(20));
  const snapshot = await call(worker.api.snapshot());
  let progress = firstStep;
  while (!progress.done) progress = await call(worker.api.step(500));
  const summary = await call(worker.api.summary());
  const invalid = await call(worker.api.load('{"name": "x", "seed": -1, "durationS": 10, "geometry": {"walkable": [], "exits": []}}', 'bad.json'));
  const result = {
    loaded,
    firstStep,
    snapshot: {
      timeS: snapshot.timeS,
      count: snapshot.count,
      classes: [snapshot.ids, snapshot.x, snapshot.y].map((array) => array.constructor.name),
      ids: [...snapshot.ids],
      x: [...snapshot.x],
      y: [...snapshot.y],
    },
    summary,
    invalid,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await worker.terminate();
}
