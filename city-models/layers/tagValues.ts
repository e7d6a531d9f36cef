/**
 * Reading OpenStreetMap tag values: lengths (`height`, `width`), speeds (`maxspeed`), counts
 * (`lanes`, `building:levels`) and yes/no flags, following the OSM wiki's conventions (metres by
 * default, `m`, `ft`, `'` and `"` units; `mph`; zone values such as `FR:urban`).
 */

const FEET_M = 0.3048;
const INCH_M = 0.0254;

/** A length in metres from a tag value, or undefined when it cannot be read or is not positive. */
export function parseLengthM(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim().replace(',', '.');
  const feetInches = /^(\d+(?:\.\d+)?)'\s*(?:(\d+(?:\.\d+)?)")?$/.exec(text);
  if (feetInches) return positive(Number(feetInches[1]) * FEET_M + Number(feetInches[2] ?? 0) * INCH_M);
  const match = /^(\d+(?:\.\d+)?|\.\d+)\s*(m|metres?|meters?|ft|feet|km)?$/i.exec(text);
  if (!match) return undefined;
  const number = Number(match[1]);
  const unit = (match[2] ?? 'm').toLowerCase();
  if (unit === 'ft' || unit === 'feet') return positive(number * FEET_M);
  if (unit === 'km') return positive(number * 1000);
  return positive(number);
}

/** Zone speed limits written as `CC:zone` (OSM wiki "Key:maxspeed", implicit values), km/h. */
const ZONE_SPEEDS_KPH: Record<string, number> = {
  'FR:urban': 50, 'FR:rural': 80, 'FR:zone30': 30, 'FR:walk': 6, 'FR:motorway': 130, 'FR:living_street': 20,
  'MC:urban': 50, 'DE:urban': 50, 'DE:rural': 100, 'DE:living_street': 7, 'IT:urban': 50, 'ES:urban': 50, 'BE:urban': 50, 'CH:urban': 50,
};

/** A speed limit in km/h from a `maxspeed` value, or undefined. */
export function parseSpeedKph(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text in ZONE_SPEEDS_KPH) return ZONE_SPEEDS_KPH[text];
  if (/:zone:?30$/i.test(text) || /:zone30$/i.test(text)) return 30;
  if (/:zone:?20$/i.test(text)) return 20;
  if (text === 'walk') return 6;
  const match = /^(\d+(?:\.\d+)?)\s*(mph|km\/h|kmh|kph)?$/i.exec(text);
  if (!match) return undefined;
  const number = Number(match[1]);
  return positive(match[2]?.toLowerCase() === 'mph' ? number * 1.609344 : number);
}

/** A non-negative count (`lanes`, `building:levels`), or undefined. Takes the first of `a;b` lists. */
export function parseCount(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const first = value.split(';')[0].trim().replace(',', '.');
  if (!/^\d+(?:\.\d+)?$/.test(first)) return undefined;
  return Number(first);
}

/** True for `yes`, `true`, `1`. */
export function isYes(value: string | undefined): boolean {
  return value === 'yes' || value === 'true' || value === '1';
}

/** True for `no`, `false`, `0`. */
export function isNo(value: string | undefined): boolean {
  return value === 'no' || value === 'false' || value === '0';
}

function positive(value: number): number | undefined {
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
