#!/usr/bin/env node
// The `vigie` command: runs the TypeScript CLI without a build step. tsx is registered as a
// loader first (a runtime dependency), then the CLI module is imported and runs.
import { register } from 'tsx/esm/api';

register();
await import('./cli.ts');
