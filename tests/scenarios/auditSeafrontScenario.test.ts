/**
 * The bundled audit scenario (scenarios/audit-seafront.json, issue 6): a fireworks evening on
 * the default district with its cameras, rules, random incidents, a firing-area perimeter and
 * benign confounders, audited over one run in this thread.
 */
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../bin/loadScenarioFile.ts';
import { readScenarioFile } from '../../bin/readScenarioFile.ts';
import { scoreAudit } from '../../engine/audit/scoreAudit.ts';
import { auditRun } from '../../engine/run/auditRun.ts';
import { loadRules } from '../../engine/rules/loadRules.ts';
import { ROOT } from '../bin/support/vigie.ts';

describe('the seafront audit scenario', () => {
  const path = join(ROOT, 'scenarios/audit-seafront.json');
  const scenario = loadScenarioFile(path);
  const rulesPath = join(dirname(path), scenario.rules!);
  const rules = loadRules(readScenarioFile(rulesPath, 'rules file'), rulesPath);

  it('audits its rules against falls, bags, fires and entries into the firing area, and shows who the rules flag', () => {
    const run = auditRun(scenario, path, rules, scenario.seed);
    expect(run.cameras).toBe(26);
    expect(run.incidents.some((incident) => incident.type === 'wrongWay')).toBe(true);
    expect(run.incidents.some((incident) => incident.type === 'fall')).toBe(true);
    expect(run.incidents.some((incident) => incident.type === 'intrusion')).toBe(true);
    const score = scoreAudit([run], scenario.audit!);
    // People sitting or lying on the beach are what the person-on-ground rule flags.
    const causes = score.byRule['person-on-ground'].causes;
    expect((causes['behaviour:sitting'] ?? 0) + (causes['behaviour:lying'] ?? 0)).toBeGreaterThan(0.8 * score.byRule['person-on-ground'].falseAlarms);
    expect(score.byGroup.lying.ratioToAverage).toBeGreaterThan(1);
    expect(score.byGroup.sitting.ratioToAverage).toBeGreaterThan(1);
    expect(score.byRule.intrusion.recall.value).toBeGreaterThan(0.8);
    expect(score.privacy.seen.value).toBeGreaterThan(0.8);
  });
});
