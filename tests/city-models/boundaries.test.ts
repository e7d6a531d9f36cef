/**
 * city-models turns city data into plain geometry and graphs; it never imports the engine, and
 * uses no Node-only API (the browser app places scenarios in the default district with it).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../city-models');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

describe('city-models boundaries', () => {
  const files = sourceFiles(ROOT);

  it('never imports the engine', () => {
    const offenders = files.filter((file) => /from\s+'[./]*\/engine\//.test(readFileSync(file, 'utf8'))).map((file) => relative(ROOT, file));
    expect(files.length).toBeGreaterThan(15);
    expect(offenders).toEqual([]);
  });

  it('uses no Node-only module outside the scripts that write files', () => {
    const offenders = files
      .filter((file) => !file.endsWith('writeDefaultDistrict.ts'))
      .filter((file) => /from\s+'node:/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(offenders).toEqual([]);
  });
});
