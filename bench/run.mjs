// `npm run bench`: registers tsx (no build step, as bin/vigie.mjs does), then runs bench.ts.
import { register } from 'tsx/esm/api';

register();
await import('./bench.ts');
