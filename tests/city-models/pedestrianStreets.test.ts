/**
 * Pedestrian streets are roads with restricted access: placed in the bundled district, ordinary
 * traffic never drives into them (the zone is closed to all but emergency vehicles, and its
 * rising bollards are raised), while an ambulance dispatched to a casualty in the pedestrian
 * centre gets there, the bollards lowered for it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { placeScenario } from '../../city-models/scenario/placeScenario.ts';
import { createWorld, isRunOver, stepWorld, summarizeWorld, validateScenario } from '../../engine/index.ts';
import { EMERGENCY_CLASS } from '../../engine/vehicles/vehicleClasses.ts';

const districtText = readFileSync(new URL('../../city-models/default/district.geojson', import.meta.url), 'utf8');

describe('pedestrian streets in the default district', () => {
  const raw = {
    name: 'pedestrian streets', city: 'district.geojson', seed: 4, durationS: 400,
    geometry: { area: { around: { ref: 'square-main' }, radiusM: 80 }, exits: [{ id: 'tram', place: { ref: 'tram-platform-marche' } }] },
    traffic: {
      demand: [
        { id: 'littoral', from: { xy: [-600, -255] }, to: { xy: [600, -255] }, vehiclesPerHour: 600, fromS: 0, toS: 300 },
        { id: 'across', from: { xy: [-250, 400] }, to: { xy: [600, -255] }, vehiclesPerHour: 400, fromS: 0, toS: 300 },
      ],
      actions: [{ atS: 20, action: { kind: 'dispatchVehicle', vehicleClass: 'emergency', from: { xy: [-600, -255] }, to: { ref: 'ped-rue-du-marche' }, id: 'ambulance' } }],
    },
  };
  const placed = placeScenario(raw, districtText, 'district.geojson', 'streets.json').scenario as Record<string, any>;
  const closures = placed.traffic.closures as { id: string; kind: string; links: number[]; emergencyPass: boolean }[];

  it('closes the pedestrian streets to all but emergency vehicles, and puts their rising bollards on them', () => {
    const zone = closures.find((closure) => closure.id === 'pedestrian-streets')!;
    expect(zone.links.length).toBeGreaterThan(20);
    expect(zone.emergencyPass).toBe(true);
    const bollards = closures.filter((closure) => closure.kind === 'bollard');
    expect(bollards.length).toBeGreaterThanOrEqual(4);
    // Each bollard closes only links into the zone (a vehicle inside can always drive out).
    const zoneLinks = new Set(zone.links);
    for (const bollard of bollards) expect(bollard.links.every((link) => zoneLinks.has(link))).toBe(true);
  });

  it('keeps ordinary traffic out while an ambulance drives in to its casualty', () => {
    const world = createWorld(validateScenario(placed, 'streets.json'), 'streets.json');
    const zoneLinks = new Set(closures.find((closure) => closure.id === 'pedestrian-streets')!.links);
    let ordinaryInside = 0;
    let ambulanceInside = 0;
    while (!isRunOver(world)) {
      stepWorld(world);
      const vehicles = world.traffic!.vehicles;
      for (let v = 0; v < vehicles.count; v++) {
        if (!zoneLinks.has(vehicles.link[v])) continue;
        if (vehicles.vehicleClass[v] === EMERGENCY_CLASS) ambulanceInside++;
        else ordinaryInside++;
      }
    }
    const summary = summarizeWorld(world, 0);
    expect(ordinaryInside).toBe(0);
    expect(ambulanceInside).toBeGreaterThan(0);
    const ambulance = summary.traffic!.dispatched!.find((trip) => trip.id === 'ambulance')!;
    expect(ambulance.arriveS).not.toBeNull();
    expect(summary.traffic!.arrived).toBeGreaterThan(50);
  });
});
