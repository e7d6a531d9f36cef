// The engine's floors (docs/decisions/002-engine-floors.md): every import looks down or
// sideways, never up, and no files import each other (directly or in a cycle).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ENGINE = resolve(import.meta.dirname, '../../engine');

/** Floor of an engine file, from its path relative to engine/. */
function floorOf(file: string): number {
  if (file === 'scenario/Scenario.ts' || file === 'scenario/ScenarioError.ts' || file === 'scenario/scenarioText.ts') return 0;
  const top = file.split('/')[0];
  const floors: Record<string, number> = {
    random: 1, time: 1, agents: 1, geometry: 1, events: 1, memory: 1,
    spatial: 2, navigation: 2, measurement: 2, rules: 2, audit: 2,
    pedestrians: 3, network: 3, vehicles: 3, transit: 3, replay: 3, devices: 3, sensors: 3, responses: 3, world: 4, step: 5, scenario: 6, run: 6,
  };
  if (file === 'index.ts') return 7;
  if (!(top in floors)) throw new Error(`no floor for engine/${file}: add it to docs/decisions/002-engine-floors.md and this test`);
  return floors[top];
}

function engineFiles(dir = ENGINE): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return engineFiles(path);
    return entry.name.endsWith('.ts') ? [relative(ENGINE, path)] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(ENGINE, file), 'utf8');
  const targets: string[] = [];
  for (const match of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gm)) {
    const target = relative(ENGINE, resolve(dirname(join(ENGINE, file)), match[1]));
    if (!target.startsWith('..')) targets.push(target);
  }
  return targets;
}

describe('engine floors', () => {
  const files = engineFiles();
  const graph = new Map(files.map((file) => [file, importsOf(file)]));

  it('every engine file has a floor and imports only from its own floor or below', () => {
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      for (const target of targets) if (floorOf(target) > floorOf(file)) upward.push(`${file} (floor ${floorOf(file)}) -> ${target} (floor ${floorOf(target)})`);
    }
    expect(files.length).toBeGreaterThan(30);
    expect([...graph.values()].reduce((n, targets) => n + targets.length, 0)).toBeGreaterThan(80);
    expect(upward).toEqual([]);
  });

  it('has no import cycles', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'visiting');
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
