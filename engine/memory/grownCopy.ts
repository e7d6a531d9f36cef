/**
 * Growing struct-of-arrays stores: a typed array of the same kind with room for `length`
 * elements, the old ones copied to its front (the rest `fill`, zero by default). Used when a
 * store doubles its capacity (never per step).
 */
export type GrowableArray = Uint8Array | Uint16Array | Int16Array | Int32Array | Float32Array | Float64Array;

export function grownCopy<T extends GrowableArray>(old: T, length: number, fill = 0): T {
  const next = new (old.constructor as new (n: number) => T)(length);
  if (fill !== 0) next.fill(fill);
  next.set(old);
  return next;
}
