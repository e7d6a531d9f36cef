/**
 * Writes `city-models/default/district.geojson`, the bundled default district, from
 * `defaultDistrictGeoJson` (one feature per line). Run it after changing the district:
 *
 *   npx tsx city-models/generate/writeDefaultDistrict.ts
 *
 * A test compares the file with a fresh regeneration, so a stale file fails the suite.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDistrictGeoJsonText } from './defaultDistrict.ts';

const target = resolve(dirname(fileURLToPath(import.meta.url)), '../default/district.geojson');
const text = defaultDistrictGeoJsonText();
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, text);
console.log(`wrote ${relative(process.cwd(), target)} (${text.split('\n').length - 3} features, ${(text.length / 1024).toFixed(0)} KiB)`);
