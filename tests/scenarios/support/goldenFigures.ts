/**
 * Golden figures (SUMO TextTest / Turf REGEN style): the key results of a run, rounded, compared
 * with a file under tests/fixtures/golden/. A model change that moves them must be deliberate:
 * rerun with REGEN=1 and review the diff.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RunSummary } from '../../../engine/index.ts';

/** The rounded key figures of a summary, plus any extra ones. */
export function goldenFigures(summary: RunSummary, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    spawned: summary.pedestrians.spawned,
    exited: summary.pedestrians.exited,
    evacuationTimeS: summary.pedestrians.evacuationTimeS,
    meanTravelTimeS: Math.round(summary.pedestrians.meanTravelTimeS! * 10) / 10,
    exits: Object.fromEntries(Object.entries(summary.exits).map(([id, e]) => [id, e.count])),
    lineCrossings: Object.fromEntries(Object.entries(summary.lines).map(([id, l]) => [id, l.crossings])),
    areaMaxDensityPerM2: Object.fromEntries(Object.entries(summary.areas).map(([id, a]) => [id, Math.round(a.maxDensityPerM2 * 100) / 100])),
    ...extra,
  };
}

/** The golden file's figures (rewritten first from `figures` when REGEN=1). */
export function goldenFile(name: string, figures: Record<string, unknown>): unknown {
  const path = resolve(import.meta.dirname, '../../fixtures/golden', name);
  if (process.env.REGEN === '1') {
    writeFileSync(`${path}.tmp`, `${JSON.stringify(figures, null, 2)}\n`);
    renameSync(`${path}.tmp`, path);
  }
  return JSON.parse(readFileSync(path, 'utf8'));
}
