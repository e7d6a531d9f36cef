// Worker-thread shim: a worker whose entry is a .ts file does not inherit tsx, and
// `execArgv: ['--import', 'tsx']` fails on Node 20; so register tsx here, then load the entry.
import { register } from 'tsx/esm/api';

register();
await import('./simulationWorker.ts');
