import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import schema from '../../../scenarios/scenario.schema.json';
import { loadScenario, validateScenario } from '../../../engine/scenario/loadScenario.ts';
import type { PolygonM, Scenario } from '../../../engine/scenario/Scenario.ts';
import { ScenarioError, type ScenarioProblem } from '../../../engine/scenario/ScenarioError.ts';

const FILE = 'scenario.json';

/** An axis-aligned rectangle as a counter-clockwise polygon. */
function rect(x0: number, y0: number, x1: number, y1: number): PolygonM {
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
}

/** A 10 m x 4 m corridor with one exit at its east end and ten people at its west end. */
function minimalScenario(): Scenario {
  return {
    name: 'corridor',
    seed: 1,
    durationS: 60,
    geometry: {
      walkable: [rect(0, 0, 10, 4)],
      exits: [{ id: 'E1', polygon: rect(9, 0, 10, 4) }],
    },
    pedestrians: [{ id: 'G1', count: 10, spawn: { polygon: rect(1, 1, 3, 3) }, desiredSpeedMps: 1.34, goal: 'E1' }],
  };
}

/** A scenario that uses every field of the contract. */
function fullScenario(): Scenario & { $schema: string; description: string } {
  return {
    $schema: './scenario.schema.json',
    description: 'A room with a side corridor, using every field.',
    name: 'full',
    seed: 4294967295,
    durationS: 120,
    stepS: 0.05,
    geometry: {
      walkable: [rect(0, 0, 20, 10), rect(20, 4, 30, 6)],
      obstacles: [rect(8, 4, 9, 6)],
      exits: [
        { id: 'E1', polygon: rect(29, 4, 30, 6) },
        { id: 'E2', polygon: rect(0, 0, 1, 1), closeS: 60 },
      ],
      periodicX: { minXM: 0, maxXM: 20 },
    },
    pedestrians: [
      {
        id: 'G1',
        count: 50,
        spawn: { polygon: rect(1, 1, 7, 9) },
        startS: 0,
        preMovementS: { distribution: 'uniform', min: 0, max: 30 },
        desiredSpeedMps: { distribution: 'weidmannAge', minAgeYears: 20, maxAgeYears: 60 },
        goal: ['E1', 'E2'],
        radiusM: 0.2,
      },
      {
        id: 'G2',
        count: 2,
        spawn: { points: [[10, 2], [12, 2]] },
        preMovementS: 5,
        desiredSpeedMps: { distribution: 'normal', mean: 1.34, sd: 0.26, min: 0.5, max: 2 },
        goal: 'E1',
      },
    ],
    sources: [
      {
        id: 'S1',
        polygon: rect(15, 1, 18, 3),
        ratePerS: 2,
        fromS: 0,
        toS: 60,
        goal: 'E1',
        desiredSpeedMps: { distribution: 'uniform', min: 1, max: 1.5 },
        radiusM: 0.25,
      },
    ],
    measurementLines: [{ id: 'L1', from: [20, 4], to: [20, 6] }],
    measurementAreas: [{ id: 'A1', polygon: rect(10, 3, 12, 7), fromS: 10, toS: 70 }],
    model: { name: 'collisionFreeSpeed', timeGapS: 1, neighbourRepulsion: 8, neighbourRangeM: 0.1, wallRepulsion: 5, wallRangeM: 0.02 },
    navigation: { cellM: 0.1, exitChoice: 'congestion' },
    output: { trajectoryHz: 10 },
    stopWhenEmpty: false,
  };
}

/** Runs `load`, expects a ScenarioError naming the file, and returns its problems. */
function problemsOf(load: () => unknown): ScenarioProblem[] {
  let caught: unknown;
  try {
    load();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ScenarioError);
  const error = caught as ScenarioError;
  expect(error.fileName).toBe(FILE);
  expect(error.problems.length).toBeGreaterThan(0);
  for (const line of error.message.split('\n')) expect(line.startsWith(`${FILE}: `)).toBe(true);
  return error.problems;
}

/** Loads `scenario` (as JSON text) and returns the problems found. */
function problemsOfScenario(scenario: unknown): ScenarioProblem[] {
  return problemsOf(() => loadScenario(JSON.stringify(scenario), FILE));
}

function pathsOf(problems: ScenarioProblem[]): string[] {
  return problems.map((problem) => problem.path);
}

describe('loadScenario on valid scenarios', () => {
  it('returns a minimal scenario unchanged', () => {
    const scenario = minimalScenario();
    expect(loadScenario(JSON.stringify(scenario), FILE)).toEqual(scenario);
  });

  it('accepts a scenario that uses every field of the contract, with $schema and description', () => {
    const scenario = fullScenario();
    expect(loadScenario(JSON.stringify(scenario, null, 2), FILE)).toEqual(scenario);
  });

  it('accepts a byte-order mark before the JSON text', () => {
    expect(loadScenario(`\uFEFF${JSON.stringify(minimalScenario())}`, FILE).name).toBe('corridor');
  });

  it('accepts a spawn area drawn on the outline of the room and against an obstacle', () => {
    const scenario = minimalScenario();
    scenario.geometry.obstacles = [rect(4, 0, 5, 2)];
    scenario.pedestrians = [
      { id: 'G1', count: 5, spawn: { polygon: rect(0, 0, 4, 4) }, desiredSpeedMps: 1.2, goal: 'E1' },
      { id: 'G2', count: 2, spawn: { points: [[0, 0], [4, 1]] }, desiredSpeedMps: 1.2, goal: 'E1' },
    ];
    expect(() => loadScenario(JSON.stringify(scenario), FILE)).not.toThrow();
  });

  it('accepts an L-shaped spawn area in an L-shaped room although its centroid lies outside it', () => {
    const room: PolygonM = [[0, 0], [10, 0], [10, 1], [1, 1], [1, 10], [0, 10]];
    const scenario = minimalScenario();
    scenario.geometry.walkable = [room];
    scenario.geometry.exits = [{ id: 'E1', polygon: rect(9, 0, 10, 1) }];
    scenario.pedestrians = [{ id: 'G1', count: 5, spawn: { polygon: room }, desiredSpeedMps: 1.2, goal: 'E1' }];
    expect(() => loadScenario(JSON.stringify(scenario), FILE)).not.toThrow();
  });

  it('validateScenario returns the very object it was given', () => {
    const scenario = minimalScenario();
    expect(validateScenario(scenario, FILE)).toBe(scenario);
  });
});

describe('loadScenario on text that is not a scenario object', () => {
  it('reports text that is not JSON at the root, with its line and column', () => {
    const problems = problemsOf(() => loadScenario('{\n  "name": "x",\n  "seed": }', FILE));
    expect(pathsOf(problems)).toEqual(['(root)']);
    expect(problems[0].message).toMatch(/^not valid JSON at line 3, column 11: /);
  });

  it('reports a trailing comma where it stands', () => {
    const problems = problemsOf(() => loadScenario('{"name": "x",\n}', FILE));
    expect(problems[0].message).toMatch(/at line 2, column 1/);
  });

  it('reports an empty file as such', () => {
    expect(problemsOf(() => loadScenario('  \n', FILE))[0].message).toMatch(/empty/);
  });

  it.each([
    ['null', 'null'],
    ['an array', '[]'],
    ['a number', '42'],
    ['a string', '"scenario"'],
  ])('reports %s at the root as not an object', (_kind, text) => {
    const problems = problemsOf(() => loadScenario(text, FILE));
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe('(root)');
    expect(problems[0].message).toMatch(/^expected an object, got /);
  });
});

describe('loadScenario on values that break the schema', () => {
  it('names a missing required field by its path', () => {
    const scenario: Partial<Scenario> = minimalScenario();
    delete scenario.seed;
    const problems = problemsOfScenario(scenario);
    expect(problems).toEqual([{ path: 'seed', message: 'required field is missing' }]);
  });

  it('names a missing field inside a list item by its full path', () => {
    const scenario = minimalScenario() as unknown as { geometry: { exits: Record<string, unknown>[] } };
    delete scenario.geometry.exits[0].polygon;
    expect(pathsOf(problemsOfScenario(scenario))).toEqual(['geometry.exits[0].polygon']);
  });

  it('says which type was expected and which value was found', () => {
    const problems = problemsOfScenario({ ...minimalScenario(), durationS: '60' });
    expect(problems).toEqual([{ path: 'durationS', message: 'expected a number, got "60"' }]);
  });

  it('reports a negative source rate with the bound it breaks', () => {
    const scenario = fullScenario();
    scenario.sources![0].ratePerS = -3;
    expect(problemsOfScenario(scenario)).toEqual([{ path: 'sources[0].ratePerS', message: 'expected a number >= 0, got -3' }]);
  });

  it('reports a seed that is not an unsigned 32-bit integer', () => {
    expect(problemsOfScenario({ ...minimalScenario(), seed: 1.5 })[0]).toEqual({ path: 'seed', message: 'expected an integer, got 1.5' });
    expect(problemsOfScenario({ ...minimalScenario(), seed: 4294967296 })[0].message).toBe('expected an integer <= 4294967295, got 4294967296');
  });

  it('reports a number too large for a double as not finite', () => {
    const text = JSON.stringify(minimalScenario()).replace('"durationS":60', '"durationS":1e400');
    expect(problemsOf(() => loadScenario(text, FILE))).toEqual([{ path: 'durationS', message: 'expected a finite number, got Infinity' }]);
  });

  it('catches a misspelt field and suggests the right name', () => {
    const scenario = { ...minimalScenario(), durationSec: 60 };
    const problems = problemsOfScenario(scenario);
    expect(problems).toEqual([{ path: 'durationSec', message: 'unknown field (did you mean "durationS"?)' }]);
  });

  it('rejects a point with three coordinates', () => {
    const scenario = minimalScenario();
    (scenario.geometry.walkable[0] as unknown[])[2] = [10, 4, 0];
    expect(problemsOfScenario(scenario)).toEqual([
      { path: 'geometry.walkable[0][2]', message: 'expected exactly 2 items, got 3' },
    ]);
  });

  it('gives one message for a speed that is neither a number nor a distribution', () => {
    const scenario = minimalScenario();
    (scenario.pedestrians![0] as { desiredSpeedMps: unknown }).desiredSpeedMps = 'fast';
    expect(problemsOfScenario(scenario)).toEqual([
      {
        path: 'pedestrians[0].desiredSpeedMps',
        message: 'expected a number > 0 and <= 10 or an object with "distribution", got "fast"',
      },
    ]);
  });

  it('reports a bad speed number against the number form only', () => {
    const scenario = minimalScenario();
    scenario.pedestrians![0].desiredSpeedMps = -1;
    expect(problemsOfScenario(scenario)).toEqual([{ path: 'pedestrians[0].desiredSpeedMps', message: 'expected a number > 0, got -1' }]);
  });

  it('reports a bad distribution name against the object form only, at the field', () => {
    const scenario = minimalScenario();
    (scenario.pedestrians![0] as { desiredSpeedMps: unknown }).desiredSpeedMps = { distribution: 'gauss', mean: 1.3 };
    expect(problemsOfScenario(scenario)).toEqual([
      {
        path: 'pedestrians[0].desiredSpeedMps.distribution',
        message: 'expected one of "normal", "uniform", "weidmannAge", got "gauss"',
      },
    ]);
  });

  it('asks for exactly one of polygon, points or network in a spawn place', () => {
    const both = minimalScenario();
    both.pedestrians![0].spawn = { polygon: rect(1, 1, 3, 3), points: [[1, 1]] } as never;
    expect(problemsOfScenario(both)).toEqual([
      { path: 'pedestrians[0].spawn', message: 'expected exactly one of "polygon", "points" or "network", got "polygon" and "points"' },
    ]);
    const neither = minimalScenario();
    neither.pedestrians![0].spawn = {} as never;
    expect(pathsOf(problemsOfScenario(neither))).toEqual(['pedestrians[0].spawn']);
  });

  it('reports a goal list holding a number at the item', () => {
    const scenario = minimalScenario();
    (scenario.pedestrians![0] as { goal: unknown }).goal = ['E1', 7];
    expect(problemsOfScenario(scenario)).toEqual([{ path: 'pedestrians[0].goal[1]', message: 'expected a string, got 7' }]);
  });
});

describe('loadScenario on scenarios that match the schema but do not make sense', () => {
  it('reports a goal naming an unknown exit and lists the known ones', () => {
    const scenario = fullScenario();
    scenario.pedestrians![1].goal = 'E9';
    const problems = problemsOfScenario(scenario);
    expect(problems).toEqual([{ path: 'pedestrians[1].goal', message: 'unknown exit "E9" (known: E1, E2)' }]);
    try {
      loadScenario(JSON.stringify(scenario), FILE);
    } catch (error) {
      expect((error as Error).message).toBe('scenario.json: pedestrians[1].goal: unknown exit "E9" (known: E1, E2)');
    }
  });

  it('reports an unknown exit in a goal list and in a source at their places', () => {
    const scenario = fullScenario();
    scenario.pedestrians![0].goal = ['E1', 'E3'];
    scenario.sources![0].goal = 'nowhere';
    expect(pathsOf(problemsOfScenario(scenario))).toEqual(['pedestrians[0].goal[1]', 'sources[0].goal']);
  });

  it('reports a self-intersecting polygon and names the two edges that cross', () => {
    const scenario = minimalScenario();
    scenario.geometry.walkable = [[[0, 0], [10, 4], [10, 0], [0, 4]]];
    const problems = problemsOfScenario(scenario);
    expect(pathsOf(problems)).toContain('geometry.walkable[0]');
    const problem = problems.find((p) => p.path === 'geometry.walkable[0]')!;
    expect(problem.message).toBe('self-intersecting: edge 0 from (0, 0) to (10, 4) crosses or touches edge 2 from (10, 0) to (0, 4)');
  });

  it('reports a polygon whose points all lie on one line as having zero area', () => {
    const scenario = minimalScenario();
    scenario.geometry.exits[0].polygon = [[10, 0], [10, 2], [10, 4]];
    expect(problemsOfScenario(scenario)).toEqual([
      { path: 'geometry.exits[0].polygon', message: 'zero area: all 3 points lie on one line' },
    ]);
  });

  it('reports a spawn area that reaches outside the walkable space', () => {
    const scenario = minimalScenario();
    scenario.pedestrians![0].spawn = { polygon: rect(8, 1, 12, 3) };
    const problems = problemsOfScenario(scenario);
    expect(pathsOf(problems)).toEqual(['pedestrians[0].spawn.polygon']);
    expect(problems[0].message).toMatch(/^spawn polygon is not inside walkable space: point 1 \(12, 1\) is outside every walkable polygon and exit/);
  });

  it('reports a spawn area whose centroid lies inside an obstacle', () => {
    const scenario = minimalScenario();
    scenario.geometry.obstacles = [rect(1.5, 1.5, 2.5, 2.5)];
    const problems = problemsOfScenario(scenario);
    expect(problems).toEqual([
      {
        path: 'pedestrians[0].spawn.polygon',
        message: 'spawn polygon is not inside walkable space: its centroid (2, 2) is inside obstacle geometry.obstacles[0]',
      },
    ]);
  });

  it('reports each spawn point outside walkable space at its index, and more points than people', () => {
    const scenario = minimalScenario();
    scenario.pedestrians![0] = { id: 'G1', count: 3, spawn: { points: [[1, 1], [-1, 1]] }, desiredSpeedMps: 1.2, goal: 'E1' };
    expect(problemsOfScenario(scenario)).toEqual([
      { path: 'pedestrians[0].spawn.points[1]', message: 'spawn point (-1, 1) is outside every walkable polygon and exit' },
      { path: 'pedestrians[0].count', message: 'count (3) is more than the 2 spawn points (one person per point)' },
    ]);
  });

  it('reports a source polygon outside walkable space', () => {
    const scenario = fullScenario();
    scenario.sources![0].polygon = rect(40, 40, 41, 41);
    expect(pathsOf(problemsOfScenario(scenario))).toEqual(['sources[0].polygon']);
  });

  it('reports duplicate ids within a kind but not across kinds', () => {
    const scenario = fullScenario();
    scenario.geometry.exits.push({ id: 'E1', polygon: rect(40, 40, 41, 41) });
    scenario.pedestrians![1].id = 'G1';
    scenario.sources![0].id = 'G2'; // a source may share a group's id: separate namespaces
    scenario.measurementLines!.push({ id: 'L1', from: [0, 1], to: [1, 1] });
    scenario.measurementAreas!.push({ id: 'A1', polygon: rect(1, 1, 2, 2) });
    const problems = problemsOfScenario(scenario);
    expect(pathsOf(problems)).toEqual([
      'geometry.exits[2].id',
      'pedestrians[1].id',
      'measurementLines[1].id',
      'measurementAreas[1].id',
    ]);
    expect(problems[0].message).toBe('duplicate exit id "E1" (already used by geometry.exits[0])');
  });

  it('reports time windows that end before they start', () => {
    const scenario = fullScenario();
    scenario.sources![0].fromS = 30;
    scenario.sources![0].toS = 10;
    scenario.measurementAreas![0].toS = 5;
    expect(problemsOfScenario(scenario)).toEqual([
      { path: 'sources[0].toS', message: 'toS (10) is before fromS (30)' },
      { path: 'measurementAreas[0].toS', message: 'toS (5) is before fromS (10)' },
    ]);
  });

  it('reports inconsistent distribution parameters', () => {
    const scenario = fullScenario();
    scenario.pedestrians![0].desiredSpeedMps = { distribution: 'weidmannAge', minAgeYears: 70, maxAgeYears: 95 };
    scenario.pedestrians![1].desiredSpeedMps = { distribution: 'normal', sd: 0.2, min: 2, max: 1 };
    scenario.pedestrians![0].preMovementS = { distribution: 'uniform', min: 10 };
    scenario.sources![0].desiredSpeedMps = { distribution: 'uniform', min: 1 };
    expect(problemsOfScenario(scenario)).toEqual([
      {
        path: 'pedestrians[0].desiredSpeedMps.maxAgeYears',
        message: "expected an age within 5..90 years (the range of Weidmann's speed-by-age curve), got 95",
      },
      { path: 'pedestrians[0].preMovementS.max', message: 'required by the uniform distribution' },
      { path: 'pedestrians[1].desiredSpeedMps', message: 'min (2) is greater than max (1)' },
      { path: 'sources[0].desiredSpeedMps.max', message: 'required by the uniform distribution' },
    ]);
  });

  it('reports exits that overlap, but not exits that only touch', () => {
    const scenario = minimalScenario();
    scenario.geometry.exits = [
      { id: 'A', polygon: [[9, 0], [10, 0], [10, 2], [9, 2]] },
      { id: 'B', polygon: [[9, 0], [10, 0], [10, 2], [9, 2]] },
      { id: 'C', polygon: [[9.5, 0.5], [10.5, 0.5], [10.5, 1.5], [9.5, 1.5]] },
      { id: 'D', polygon: [[9, 2], [10, 2], [10, 4], [9, 4]] },
    ];
    const problems = problemsOfScenario(scenario).filter((p) => p.message.includes('overlaps'));
    expect(problems).toEqual([
      { path: 'geometry.exits[1].polygon', message: 'overlaps exit "A" (geometry.exits[0]); exits must not overlap' },
      { path: 'geometry.exits[2].polygon', message: 'overlaps exit "A" (geometry.exits[0]); exits must not overlap' },
    ]);
  });

  it('reports Weidmann ages given in the wrong order', () => {
    const scenario = fullScenario();
    scenario.pedestrians![0].desiredSpeedMps = { distribution: 'weidmannAge', minAgeYears: 60, maxAgeYears: 20 };
    expect(problemsOfScenario(scenario)).toEqual([
      { path: 'pedestrians[0].desiredSpeedMps', message: 'minAgeYears (60) is greater than maxAgeYears (20)' },
    ]);
  });

  it('reports an empty periodic band and a counting line of zero length', () => {
    const scenario = fullScenario();
    scenario.geometry.periodicX = { minXM: 5, maxXM: 5 };
    scenario.measurementLines![0].to = [20, 4];
    expect(problemsOfScenario(scenario)).toEqual([
      { path: 'geometry.periodicX', message: 'minXM (5) must be less than maxXM (5)' },
      { path: 'measurementLines[0]', message: 'zero length: from and to are the same point (20, 4)' },
    ]);
  });

  it('reports every problem at once, each on its own line of the message', () => {
    const scenario = fullScenario();
    scenario.pedestrians![1].goal = 'E9';
    scenario.geometry.obstacles = [[[8, 4], [9, 6], [9, 4], [8, 6]]];
    scenario.sources![0].fromS = 30;
    scenario.sources![0].toS = 10;
    scenario.measurementLines![0].from = [20, 6];
    let message = '';
    try {
      loadScenario(JSON.stringify(scenario), FILE);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'scenario.json: geometry.obstacles[0]: self-intersecting: edge 0 from (8, 4) to (9, 6) crosses or touches edge 2 from (9, 4) to (8, 6)',
      'scenario.json: pedestrians[1].goal: unknown exit "E9" (known: E1, E2)',
      'scenario.json: sources[0].toS: toS (10) is before fromS (30)',
      'scenario.json: measurementLines[0]: zero length: from and to are the same point (20, 6)',
    ]);
  });

  it('reports every schema problem at once', () => {
    const scenario = { ...minimalScenario(), name: '', durationS: 0, stopWhenEmpty: 'yes' };
    expect(pathsOf(problemsOfScenario(scenario))).toEqual(['name', 'durationS', 'stopWhenEmpty']);
  });

  it('keeps a long list of problems short, counting the rest', () => {
    const scenario = minimalScenario();
    scenario.pedestrians = Array.from({ length: 150 }, (_, i) => ({ id: `G${i}`, count: 1, spawn: { polygon: rect(1, 1, 2, 2) }, desiredSpeedMps: 1, goal: 'E9' }));
    const problems = problemsOfScenario(scenario);
    expect(problems).toHaveLength(100);
    expect(problems[99]).toEqual({ path: '(root)', message: '51 more problems not listed' });
  });
});

describe('the scenario schema', () => {
  it('keeps $ref out of oneOf branches, which the error rewriting relies on', () => {
    const refsInBranches: string[] = [];
    const walk = (node: unknown, path: string, inBranch: boolean): void => {
      if (Array.isArray(node)) node.forEach((child, i) => walk(child, `${path}/${i}`, inBranch));
      else if (typeof node === 'object' && node !== null) {
        for (const [key, child] of Object.entries(node)) {
          if (key === '$ref' && inBranch) refsInBranches.push(path);
          walk(child, `${path}/${key}`, inBranch || key === 'oneOf' || key === 'anyOf');
        }
      }
    };
    walk(schema, '#', false);
    expect(refsInBranches).toEqual([]);
  });

  it('describes every property it declares', () => {
    const undescribed: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) node.forEach((child, i) => walk(child, `${path}/${i}`));
      else if (typeof node === 'object' && node !== null) {
        const properties = (node as { properties?: Record<string, unknown> }).properties;
        if (properties !== undefined) {
          for (const [name, property] of Object.entries(properties)) {
            const described = typeof property === 'object' && property !== null && ('description' in property || '$ref' in property);
            if (!described) undescribed.push(`${path}/properties/${name}`);
          }
        }
        for (const [key, child] of Object.entries(node)) walk(child, `${path}/${key}`);
      }
    };
    walk(schema, '#');
    expect(undescribed).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Fuzzing: whatever the input, the loader returns a scenario or throws a ScenarioError.

/** NOTE: fast-check seeds itself from Math.random, which tests/setup.ts forbids: pass a seed. */
const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20240611);

/** Loads, and fails on anything thrown that is not a well-formed ScenarioError. */
function loadsOrReports(load: () => unknown): void {
  try {
    load();
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw new Error(`threw something else than a ScenarioError: ${String(error)}`);
    if (error.problems.length === 0) throw new Error('ScenarioError without problems');
    for (const problem of error.problems) {
      if (typeof problem.path !== 'string' || typeof problem.message !== 'string') throw new Error('malformed problem');
      if (problem.message.startsWith('internal error')) throw new Error(`internal error: ${problem.message}`);
    }
    if (!error.message.startsWith(`${FILE}: `)) throw new Error(`message does not start with the file name: ${error.message}`);
  }
}

type Json = unknown;
type Key = string | number;

/** Every path (list of keys) to a node of a JSON value, the root included. */
function nodePaths(value: Json, prefix: Key[] = [], out: Key[][] = []): Key[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((child, i) => nodePaths(child, [...prefix, i], out));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) nodePaths(child, [...prefix, key], out);
  }
  return out;
}

function nodeAt(root: Json, path: Key[]): Json {
  return path.reduce<Json>((node, key) => (node as Record<Key, Json>)[key], root);
}

/** Values chosen to sit on or past the edges of the schema and of the semantic checks. */
const trickyValues: Json[] = [
  -1, 0, -0, 0.5, 1e308, -1e308, 2 ** 53, 4294967296, 2000001, 1e-300, '', 'E1', 'E9', '__proto__', 'constructor',
  [], {}, null, true, [0, 0], [[0, 0], [0, 0], [0, 0]], [[0, 0], [1, 1], [1, 0], [0, 1]], [[100, 100], [101, 100], [101, 101]],
  { distribution: 'normal' }, { distribution: 'weidmannAge', minAgeYears: 100 }, { polygon: [] }, { points: [[0, 0]] },
];

/** One random change to a scenario: which node (`pick`, modulo the node count) and what to do. */
interface Mutation {
  kind: 'replace' | 'tricky' | 'number' | 'delete' | 'duplicate';
  pick: number;
  value: Json;
  tricky: Json;
  /** For `number`: a finite number put in place of a number, which mostly keeps the schema happy. */
  number: number;
}

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('replace', 'tricky', 'number', 'delete', 'duplicate'),
  pick: fc.nat(),
  value: fc.jsonValue({ maxDepth: 3 }),
  tricky: fc.constantFrom(...trickyValues),
  number: fc.oneof(fc.integer({ min: -20, max: 40 }), fc.double({ noNaN: true, noDefaultInfinity: true })),
});

/** Applies one mutation to a random node of `root` (in place, except at the root) and returns the result. */
function mutate(root: Json, mutation: Mutation): Json {
  const allPaths = nodePaths(root);
  const numberPaths = allPaths.filter((path) => typeof nodeAt(root, path) === 'number');
  const paths = mutation.kind === 'number' && numberPaths.length > 0 ? numberPaths : allPaths;
  const path = paths[mutation.pick % paths.length];
  const replacement =
    mutation.kind === 'tricky' ? structuredClone(mutation.tricky) : mutation.kind === 'number' ? mutation.number : mutation.value;
  if (path.length === 0) return mutation.kind === 'delete' || mutation.kind === 'duplicate' ? root : replacement;
  const parent = nodeAt(root, path.slice(0, -1)) as Record<Key, Json> & Json[];
  const key = path[path.length - 1];
  switch (mutation.kind) {
    case 'replace':
    case 'tricky':
    case 'number':
      parent[key] = replacement;
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      break;
    case 'duplicate':
      if (Array.isArray(parent)) parent.push(structuredClone(parent[Number(key)]));
      else parent[key] = structuredClone(parent);
      break;
  }
  return root;
}

describe('loadScenario under fuzzing', () => {
  it('returns or throws a ScenarioError for any JSON value, given as a value or as text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        loadsOrReports(() => validateScenario(value, FILE));
        loadsOrReports(() => loadScenario(JSON.stringify(value) ?? 'null', FILE));
      }),
      { seed: FUZZ_SEED, numRuns: 2000 },
    );
  });

  it('returns or throws a ScenarioError for random mutations of a valid scenario', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }), (full, mutations) => {
        let scenario: Json = full ? fullScenario() : minimalScenario();
        for (const mutation of mutations) scenario = mutate(scenario, mutation);
        loadsOrReports(() => validateScenario(scenario, FILE));
      }),
      { seed: FUZZ_SEED, numRuns: 4000 },
    );
  });

  it('returns or throws a ScenarioError for damaged scenario text', () => {
    const text = JSON.stringify(fullScenario(), null, 2);
    fc.assert(
      fc.property(fc.nat(text.length), fc.nat(text.length), fc.string({ maxLength: 3 }), (start, length, insert) => {
        loadsOrReports(() => loadScenario(text.slice(0, start) + insert + text.slice(start + length % 8), FILE));
        loadsOrReports(() => loadScenario(text.slice(0, start), FILE));
      }),
      { seed: FUZZ_SEED, numRuns: 1000 },
    );
  });

  it('returns or throws a ScenarioError for very deep nesting and for a value that is not text', () => {
    loadsOrReports(() => loadScenario('['.repeat(100_000) + ']'.repeat(100_000), FILE));
    loadsOrReports(() => loadScenario('['.repeat(100_000), FILE));
    loadsOrReports(() => loadScenario(null as unknown as string, FILE));
    let deep: Json = 1;
    for (let i = 0; i < 100_000; i++) deep = { name: deep };
    loadsOrReports(() => validateScenario(deep, FILE));
  });
});
