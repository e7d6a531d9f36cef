/**
 * The scenarios the app bundles (`?scenario=ID`), with the city and the rules each needs, and
 * the benchmark's crowd: the default district with its pedestrian groups scaled to about
 * `?people=N` people (`?scenario=crowd`).
 */
import type { CityInput, RulesInput } from '../workers/simulationApi.ts';
import { scaleCrowd } from './crowdScaling.ts';
import defaultScenario from '../scenarios/default.json';
import auditParkScenario from '../scenarios/audit-park.json';
import auditSeafrontScenario from '../scenarios/audit-seafront.json';
import marketTramScenario from '../scenarios/market-tram.json';
import pedestrianZoneScenario from '../scenarios/pedestrian-zone.json';
import districtText from '../city-models/default/district.geojson?raw';
import safeCityTemplates from '../scenarios/rules/safe-city-templates.json?raw';
import seafrontAuditRules from '../scenarios/rules/seafront-audit.json?raw';

/** A scenario the page can load: its file name (for messages), its JSON, its city and rules. */
export interface Bundled {
  id: string;
  label: string;
  file: string;
  scenario: unknown;
  city?: CityInput;
  rules?: RulesInput;
}

const district: CityInput = { text: districtText, fileName: 'city-models/default/district.geojson' };

export const BUNDLED: Bundled[] = [
  { id: 'default', label: 'Default district: leaving the seafront', file: 'scenarios/default.json', scenario: defaultScenario, city: district },
  { id: 'pedestrian-zone', label: 'Pedestrian zone: deliveries and a hostile vehicle', file: 'scenarios/pedestrian-zone.json', scenario: pedestrianZoneScenario, city: district },
  { id: 'market-tram', label: 'Market, cars and trams', file: 'scenarios/market-tram.json', scenario: marketTramScenario, city: district },
  { id: 'audit-seafront', label: 'Fireworks evening: 26 cameras and live rules', file: 'scenarios/audit-seafront.json', scenario: auditSeafrontScenario, city: district, rules: { text: seafrontAuditRules, fileName: 'scenarios/rules/seafront-audit.json' } },
  { id: 'audit-park', label: 'Park: cameras, rules, scripted incidents', file: 'scenarios/audit-park.json', scenario: auditParkScenario, rules: { text: safeCityTemplates, fileName: 'scenarios/rules/safe-city-templates.json' } },
];

/** The default district's scenario with its pedestrian groups scaled to about `people` people in all. */
export function crowdScenario(people: number): Bundled {
  const scenario = scaleCrowd(defaultScenario as { name: string; pedestrians: { count: number }[] }, people);
  return { id: 'crowd', label: scenario.name, file: 'scenarios/default.json (scaled)', scenario, city: district };
}

/** The scenario `?scenario=ID&people=N` asks for (the default one for an unknown id). */
export function chosenScenario(params: URLSearchParams): Bundled {
  const id = params.get('scenario') ?? 'default';
  if (id === 'crowd') return crowdScenario(Math.max(1, Math.min(200_000, Number(params.get('people') ?? 10_000) || 10_000)));
  return BUNDLED.find((entry) => entry.id === id) ?? BUNDLED[0];
}
