import { describe, expect, it } from 'vitest';
import {
  countPeople, createDensityLattice, createVoronoiScratch, forEachOccupiedSquare, nodeSquareDensity,
  VORONOI_DISC_SIDES, voronoiCellArea, voronoiDensity, voronoiDiscAreaM2,
} from '../../../engine/measurement/densityMethods.ts';
import type { DensityLattice } from '../../../engine/measurement/densityMethods.ts';
import { Rng } from '../../../engine/random/Rng.ts';
import type { PolygonM } from '../../../engine/scenario/Scenario.ts';

interface Crowd { xs: Float64Array; ys: Float64Array; n: number }

function crowdOf(points: [number, number][]): Crowd {
  return { xs: Float64Array.from(points, (p) => p[0]), ys: Float64Array.from(points, (p) => p[1]), n: points.length };
}

/** People on a square lattice of spacing a over [fromM, toM]², shifted by `offsetM` + a/2 so that nobody sits on a whole metre. */
function squareLattice(a: number, fromM: number, toM: number, offsetM = 0.0123): Crowd {
  const points: [number, number][] = [];
  for (let y = fromM + a / 2 + offsetM; y < toM; y += a) for (let x = fromM + a / 2 + offsetM; x < toM; x += a) points.push([x, y]);
  return crowdOf(points);
}

/** People on a hexagonal (triangular) lattice of spacing a over [fromM, toM]²: rows a √3/2 apart, every other row shifted by a/2. */
function hexagonalLattice(a: number, fromM: number, toM: number): Crowd {
  const points: [number, number][] = [];
  const rowM = (a * Math.sqrt(3)) / 2;
  for (let row = 0; fromM + 0.0123 + row * rowM < toM; row++) {
    const y = fromM + 0.0123 + row * rowM;
    for (let x = fromM + 0.0377 + (row % 2) * (a / 2); x < toM; x += a) points.push([x, y]);
  }
  return crowdOf(points);
}

/** Index of the person nearest (xM, yM). */
function nearest(crowd: Crowd, xM: number, yM: number): number {
  let best = 0;
  for (let i = 1; i < crowd.n; i++) if (Math.hypot(crowd.xs[i] - xM, crowd.ys[i] - yM) < Math.hypot(crowd.xs[best] - xM, crowd.ys[best] - yM)) best = i;
  return best;
}

function square(minM: number, maxM: number): PolygonM {
  return [[minM, minM], [maxM, minM], [maxM, maxM], [minM, maxM]];
}

/** Mean area-method density over the nodes col, row in [from, to]. */
function meanNodeDensity(lattice: DensityLattice, from: number, to: number): number {
  let sum = 0;
  let nodes = 0;
  for (let row = from; row <= to; row++) for (let col = from; col <= to; col++, nodes++) sum += nodeSquareDensity(lattice, col, row);
  return sum / nodes;
}

function standardDeviation(values: number[]): number {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
}

describe('area method on a lattice (classic N/|A| in a 2 m x 2 m square, PedPy/JPSreport method A)', () => {
  it('gives exactly 1/a² in every square for a square lattice of spacing a when 2/a is a whole number', () => {
    // Hand count: with a = 0.5 each 1 m cell holds 4 people, so each 2 m square 16 (16/4 = 4 = 1/0.5²); with a = 1, 4/4 = 1.
    for (const a of [0.5, 1.0]) {
      const crowd = squareLattice(a, -5, 15);
      const lattice = createDensityLattice(0, 0, 10, 10);
      countPeople(lattice, crowd.xs, crowd.ys, crowd.n, null);
      for (let row = 1; row <= 9; row++) for (let col = 1; col <= 9; col++) expect(nodeSquareDensity(lattice, col, row)).toBe(1 / (a * a));
    }
  });

  it('gives 1/a² on average over many squares for a square lattice of spacing 0.7 m', () => {
    const a = 0.7;
    const crowd = squareLattice(a, -5, 75);
    const lattice = createDensityLattice(0, 0, 70, 70);
    countPeople(lattice, crowd.xs, crowd.ys, crowd.n, null);
    expect(meanNodeDensity(lattice, 1, 69)).toBeCloseTo(1 / (a * a), 1);
    expect(Math.abs(meanNodeDensity(lattice, 1, 69) * a * a - 1)).toBeLessThan(0.01);
  });

  it('re-counts after people move, zeroing the cells they left, and ignores people outside the lattice', () => {
    const lattice = createDensityLattice(0, 0, 4, 3);
    expect([lattice.columns, lattice.rows, lattice.nodeColumns, lattice.nodeRows]).toEqual([4, 3, 5, 4]);
    const xs = new Float64Array([0.5, 0.6, 3.5, -1, 4, Number.NaN, 2.5]);
    const ys = new Float64Array([0.5, 0.4, 2.5, 1, 1, 1, 3]);
    countPeople(lattice, xs, ys, xs.length, null);
    // (4, 1) and (2.5, 3) lie on the far edges, outside the half-open cells; (-1, 1) and NaN are outside too.
    expect(lattice.occupiedCount).toBe(2);
    expect(lattice.counts[0]).toBe(2);
    expect(lattice.counts[2 * 4 + 3]).toBe(1);
    expect(lattice.counts.reduce((s, v) => s + v, 0)).toBe(3);
    expect(nodeSquareDensity(lattice, 0, 0)).toBe(2 / 4);
    expect(nodeSquareDensity(lattice, 1, 1)).toBe(2 / 4);
    expect(nodeSquareDensity(lattice, 4, 3)).toBe(1 / 4);
    expect(nodeSquareDensity(lattice, 2, 2)).toBe(0);

    xs.set([1.5, 1.5, 1.5]);
    ys.set([2.5, 2.5, 2.5]);
    countPeople(lattice, xs, ys, 3, null);
    expect(lattice.counts[0]).toBe(0);
    expect(lattice.counts[2 * 4 + 3]).toBe(0);
    expect(lattice.counts[2 * 4 + 1]).toBe(3);
    expect(lattice.counts.reduce((s, v) => s + v, 0)).toBe(3);

    countPeople(lattice, xs, ys, 3, (i) => i !== 1);
    expect(lattice.counts[2 * 4 + 1]).toBe(2);
    expect(lattice.counts.reduce((s, v) => s + v, 0)).toBe(2);
  });

  it('refuses a lattice with no cell size, naming the bad value', () => {
    expect(() => createDensityLattice(0, 0, 10, 10, 0)).toThrow(RangeError);
    expect(() => createDensityLattice(0, 0, 10, 10, 0)).toThrow(/cellM .* got 0/);
    expect(() => createDensityLattice(0, 0, Number.NaN, 10)).toThrow(/maxXM/);
  });

  it('divides a square of 2 x 2 cells by its area whatever the cell size', () => {
    const lattice = createDensityLattice(0, 0, 2, 2, 0.5);
    countPeople(lattice, [0.1, 0.6, 0.6], [0.1, 0.1, 0.6], 3, null);
    expect(nodeSquareDensity(lattice, 1, 1)).toBe(3 / 1);
  });

  it('visits every node whose square holds someone once, with the density nodeSquareDensity gives', () => {
    const rng = new Rng(11);
    const lattice = createDensityLattice(0, 0, 12, 9);
    const n = 40;
    const xs = Float64Array.from({ length: n }, () => rng.uniform(-1, 13));
    const ys = Float64Array.from({ length: n }, () => rng.uniform(-1, 10));
    for (let round = 0; round < 3; round++) {
      countPeople(lattice, xs, ys, n, null);
      const seen = new Map<string, number>();
      forEachOccupiedSquare(lattice, (col, row, densityPerM2) => {
        const key = `${col},${row}`;
        expect(seen.has(key), `node ${key} visited twice`).toBe(false);
        expect(densityPerM2).toBe(nodeSquareDensity(lattice, col, row));
        seen.set(key, densityPerM2);
      });
      const expected: string[] = [];
      for (let row = 0; row < lattice.nodeRows; row++) for (let col = 0; col < lattice.nodeColumns; col++) if (nodeSquareDensity(lattice, col, row) > 0) expected.push(`${col},${row}`);
      expect([...seen.keys()].sort()).toEqual(expected.sort());
      for (let i = 0; i < n; i++) xs[i] += 0.7;
    }
  });
});

describe('Voronoi method (Steffen and Seyfried 2010, Physica A 389, eq. 7)', () => {
  it('gives exactly 1/a² for a square lattice of spacing a whose square cells lie inside the cut-off disc', () => {
    // Each cell is the a x a square around its person; the cells tile the plane, so Σ|V_i ∩ A|/|V_i| = |A|/a².
    // The squares lie inside the 24-gon when a/√2 < cutoff cos(π/24).
    const scratch = createVoronoiScratch();
    for (const a of [0.5, 0.7, 1.0]) {
      expect(a / Math.SQRT2).toBeLessThan(Math.cos(Math.PI / VORONOI_DISC_SIDES));
      const crowd = squareLattice(a, -5, 15);
      expect(voronoiDensity(crowd.xs, crowd.ys, crowd.n, square(0, 10), 1, scratch, null)).toBeCloseTo(1 / (a * a), 6);
      const middle = nearest(crowd, 5, 5);
      expect(voronoiCellArea(crowd.xs[middle], crowd.ys[middle], crowd.xs, crowd.ys, crowd.n, 1, scratch)).toBeCloseTo(a * a, 9);
    }
  });

  it('gives 2/(√3 a²) for a hexagonal lattice, as does the area method on average', () => {
    // A hexagonal lattice of spacing a has one person per rhombus of area √3 a²/2; its Voronoi cells are hexagons of circumradius a/√3.
    const scratch = createVoronoiScratch();
    for (const a of [0.6, 1.0]) {
      const expected = 2 / (Math.sqrt(3) * a * a);
      const crowd = hexagonalLattice(a, -5, 65);
      expect(voronoiDensity(crowd.xs, crowd.ys, crowd.n, square(0, 10), 1, scratch, null)).toBeCloseTo(expected, 6);
      const middle = nearest(crowd, 5, 5);
      expect(voronoiCellArea(crowd.xs[middle], crowd.ys[middle], crowd.xs, crowd.ys, crowd.n, 1, scratch)).toBeCloseTo((Math.sqrt(3) * a * a) / 2, 9);
      const lattice = createDensityLattice(0, 0, 60, 60);
      countPeople(lattice, crowd.xs, crowd.ys, crowd.n, null);
      expect(Math.abs(meanNodeDensity(lattice, 1, 59) / expected - 1)).toBeLessThan(0.02);
    }
  });

  it('gives 1/a² over a concave (L-shaped) measurement area, whichever way its ring turns', () => {
    const a = 0.7;
    const crowd = squareLattice(a, -5, 15);
    const lShape: PolygonM = [[0, 0], [10, 0], [10, 4], [4, 4], [4, 10], [0, 10]];
    const scratch = createVoronoiScratch();
    expect(voronoiDensity(crowd.xs, crowd.ys, crowd.n, lShape, 1, scratch, null)).toBeCloseTo(1 / (a * a), 6);
    expect(voronoiDensity(crowd.xs, crowd.ys, crowd.n, [...lShape].reverse(), 1, scratch, null)).toBeCloseTo(1 / (a * a), 6);
  });

  it('gives a lone person a disc-shaped cell, so one person in an area holding the disc is 1/|A|', () => {
    // Cut-off disc of radius r (JPSreport's cut-off): a lone person spreads 1/(π r²) over it, approximated by a 24-gon.
    const scratch = createVoronoiScratch();
    const crowd = crowdOf([[3, 4], [30, 40]]);
    expect(voronoiCellArea(3, 4, crowd.xs, crowd.ys, crowd.n, 1, scratch)).toBeCloseTo(voronoiDiscAreaM2(1), 12);
    expect(Math.abs(voronoiDiscAreaM2(1) / Math.PI - 1)).toBeLessThan(0.012);
    expect(voronoiDensity(crowd.xs, crowd.ys, crowd.n, square(0, 10), 1, scratch, null)).toBeCloseTo(1 / 100, 12);
    // On the area's edge, half of the (symmetric) 24-gon lies inside.
    const onEdge = crowdOf([[0, 5]]);
    expect(voronoiDensity(onEdge.xs, onEdge.ys, onEdge.n, square(0, 10), 1, scratch, null)).toBeCloseTo(0.5 / 100, 12);
    expect(voronoiDensity(onEdge.xs, onEdge.ys, onEdge.n, square(0, 10), 1, scratch, () => false)).toBe(0);
  });

  it('agrees with the area method within 10 % on a random uniform crowd and scatters less over small squares', () => {
    // Steffen and Seyfried (2010), sec. 4: the Voronoi density fluctuates less than the classic N/|A|.
    const rng = new Rng(2024);
    const sideM = 60;
    const n = 2 * sideM * sideM;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xs[i] = sideM * rng.next();
      ys[i] = sideM * rng.next();
    }
    const scratch = createVoronoiScratch();
    const lattice = createDensityLattice(0, 0, sideM, sideM);
    countPeople(lattice, xs, ys, n, null);
    const voronoi = voronoiDensity(xs, ys, n, square(10, 50), 1, scratch, null);
    const area = meanNodeDensity(lattice, 11, 49);
    expect(Math.abs(voronoi / area - 1)).toBeLessThan(0.1);
    expect(Math.abs(area / 2 - 1)).toBeLessThan(0.1);

    const voronoiSquares: number[] = [];
    const areaSquares: number[] = [];
    for (let row = 10; row <= 50; row += 2) {
      for (let col = 10; col <= 50; col += 2) {
        const small: PolygonM = [[col - 1, row - 1], [col + 1, row - 1], [col + 1, row + 1], [col - 1, row + 1]];
        voronoiSquares.push(voronoiDensity(xs, ys, n, small, 1, scratch, null));
        areaSquares.push(nodeSquareDensity(lattice, col, row));
      }
    }
    expect(standardDeviation(voronoiSquares)).toBeLessThan(0.8 * standardDeviation(areaSquares));
  });

  it('shares each person out whole: over an area holding every disc the density is N/|A|, and it adds up over a partition', () => {
    // Σ_i |V_i ∩ A|/|V_i| = N when A holds every cell (Steffen and Seyfried 2010, eq. 7); the shares of two disjoint areas add up.
    const rng = new Rng(5);
    const n = 300;
    const xs = Float64Array.from({ length: n }, () => 2 + 8 * rng.next());
    const ys = Float64Array.from({ length: n }, () => 2 + 8 * rng.next());
    const scratch = createVoronoiScratch();
    expect(voronoiDensity(xs, ys, n, square(0, 12), 1, scratch, null) * 144).toBeCloseTo(n, 9);
    const lShape: PolygonM = [[0, 0], [12, 0], [12, 5], [5, 5], [5, 12], [0, 12]];
    const corner: PolygonM = [[5, 5], [12, 5], [12, 12], [5, 12]];
    const inL = voronoiDensity(xs, ys, n, lShape, 1, scratch, null) * (144 - 49);
    const inCorner = voronoiDensity(xs, ys, n, corner, 1, scratch, null) * 49;
    expect(inL + inCorner).toBeCloseTo(n, 9);
    expect(inCorner).toBeGreaterThan(0.3 * n);
  });

  it('finds the same neighbours through its bucket grid as a search over everyone', () => {
    // A tiny square around a person lies inside its cell alone, so the density there is 1/|V_i|.
    const rng = new Rng(9);
    const n = 400;
    const xs = Float64Array.from({ length: n }, () => 10 * rng.next());
    const ys = Float64Array.from({ length: n }, () => 10 * rng.next());
    const scratch = createVoronoiScratch();
    const brute = createVoronoiScratch();
    for (let i = 0; i < n; i += 7) {
      const h = 1e-4;
      const tiny: PolygonM = [[xs[i] - h, ys[i] - h], [xs[i] + h, ys[i] - h], [xs[i] + h, ys[i] + h], [xs[i] - h, ys[i] + h]];
      const cellAreaM2 = voronoiCellArea(xs[i], ys[i], xs, ys, n, 1, brute);
      expect(voronoiDensity(xs, ys, n, tiny, 1, scratch, null) * cellAreaM2, `person ${i}`).toBeCloseTo(1, 6);
    }
  });

  it('counts only the people the filter includes, and nobody far from the area', () => {
    const crowd = squareLattice(1, -5, 15);
    const scratch = createVoronoiScratch();
    const everyone = voronoiDensity(crowd.xs, crowd.ys, crowd.n, square(0, 10), 1, scratch, null);
    expect(voronoiDensity(crowd.xs, crowd.ys, crowd.n, square(0, 10), 1, scratch, () => true)).toBe(everyone);
    expect(voronoiDensity(crowd.xs, crowd.ys, crowd.n, square(100, 110), 1, scratch, null)).toBe(0);
    expect(voronoiDensity(crowd.xs, crowd.ys, crowd.n, [[0, 0], [1, 0], [2, 0]], 1, scratch, null)).toBe(0);
  });
});
