// Child-process entry for the worker test: registers tsx, then runs runInWorker.ts.
// NOTE: the worker wiring runs in a child process because comlink draws its message ids from
// Math.random, which tests/setup.ts makes throw inside vitest processes.
import { register } from 'tsx/esm/api';

register();
await import('./runInWorker.ts');
