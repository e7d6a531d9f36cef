/** An append-only Float64 series that doubles its buffer when full (amortised, not per step). */
export interface GrowableSeries {
  values: Float64Array;
  length: number;
}

/** An empty series. */
export function createSeries(capacity = 64): GrowableSeries {
  return { values: new Float64Array(capacity), length: 0 };
}

/** Appends a value. */
export function pushSeries(series: GrowableSeries, value: number): void {
  if (series.length === series.values.length) {
    const next = new Float64Array(series.values.length * 2);
    next.set(series.values);
    series.values = next;
  }
  series.values[series.length++] = value;
}

/** A plain-array copy of the values (for output). */
export function seriesToArray(series: GrowableSeries): number[] {
  return Array.from(series.values.subarray(0, series.length));
}
