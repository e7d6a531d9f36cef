/**
 * audit.json's list of false alarms (bin/falseAlarmList.ts): only false alarms, in the order
 * given, every one when there are few, an even sample across runs and rules when there are more
 * than the cap, with the number left out.
 */
import { describe, expect, it } from 'vitest';
import type { ScoredAlarm } from '../../engine/audit/scoreAudit.ts';
import { listFalseAlarms, MAX_LISTED_FALSE_ALARMS } from '../../bin/falseAlarmList.ts';

/** `n` alarms of each of `seeds` runs; every third a detection, the others false alarms put down to sitters. */
function alarms(seeds: number, n: number): ScoredAlarm[] {
  return Array.from({ length: seeds * n }, (_v, k): ScoredAlarm => {
    const seed = 1 + Math.floor(k / n), i = k % n;
    const falseAlarm = i % 3 !== 0;
    return {
      id: `rule#${i}`, rule: i < n / 2 ? 'loitering' : 'person-on-ground', timeS: i * 0.5, x: i, y: seed, truth: [], seed,
      outcome: falseAlarm ? 'false alarm' : 'detection', incident: falseAlarm ? null : 'fall-1', cause: falseAlarm ? 'behaviour:sitting' : null,
    };
  });
}

describe('listFalseAlarms', () => {
  it('lists every false alarm, and only false alarms, in the order given when there are few', () => {
    const all = alarms(2, 30);
    all[1] = { ...all[1], x: undefined, y: undefined };
    const list = listFalseAlarms(all);
    expect(list.total).toBe(40);
    expect(list.leftOut).toBe(0);
    expect(list.maxListed).toBe(MAX_LISTED_FALSE_ALARMS);
    expect(list.list[0]).toEqual({ seed: 1, timeS: 0.5, rule: 'loitering', x: null, y: null, cause: 'behaviour:sitting' });
    expect(list.list.map((a) => `${a.seed}/${a.timeS}`)).toEqual(all.filter((a) => a.outcome === 'false alarm').map((a) => `${a.seed}/${a.timeS}`));
  });

  it('keeps an even share of every run and rule when there are more than the cap, and counts the rest', () => {
    const all = alarms(4, 300);
    const list = listFalseAlarms(all, 100);
    expect(list.total).toBe(800);
    expect(list.list.length).toBe(100);
    expect(list.leftOut).toBe(700);
    for (const seed of [1, 2, 3, 4]) expect(list.list.filter((a) => a.seed === seed).length).toBe(25);
    // Half the false alarms are the loitering rule's: so are about half of those listed.
    expect(Math.abs(list.list.filter((a) => a.rule === 'loitering').length - 50)).toBeLessThanOrEqual(4);
    expect(new Set(list.list.map((a) => `${a.seed}/${a.timeS}`)).size).toBe(100);
    expect(listFalseAlarms(all, 100)).toEqual(list);
  });
});
