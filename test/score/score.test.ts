import { describe, expect, it } from 'vitest';
import type { CheckOutcome } from '../../checks/types.ts';
import type { Profile } from '../../src/config/schema.ts';
import { scoreUnit } from '../../src/score/score.ts';
import { profile as defaultProfile } from '../helpers/context.ts';

// A hand-made profile whose answers are easy to compute: weights 50 + 30 + 20 = 100.
const profile: Profile = {
  ...defaultProfile(),
  severityDeduction: { error: 2, warning: 0.5, info: 0 },
  checks: { avail: { weight: 50, veto: true }, identity: { weight: 30, veto: false }, links: { weight: 20, veto: false } },
};
const f = (severity: 'veto' | 'error' | 'warning' | 'info') => ({ severity, url: 'u', message: 'm', evidence: 'e', key: Math.random().toString() });
const many = (n: number, s: 'error' | 'warning' = 'error') => ({ status: 'fail' as const, findings: Array.from({ length: n }, () => f(s)) });
const outcomes = (o: Record<string, CheckOutcome>) =>
  new Map(Object.entries({ avail: { status: 'pass', findings: [] }, identity: { status: 'pass', findings: [] }, links: { status: 'pass', findings: [] }, ...o } as Record<string, CheckOutcome>));

describe('scoreUnit', () => {
  it('gives 100 and 合格 when everything passes', () => {
    expect(scoreUnit(profile, outcomes({}))).toMatchObject({ score: 100, vetoed: false, verdict: '合格' });
  });

  it('makes any veto 不合格 whatever the points', () => {
    const s = scoreUnit(profile, outcomes({ avail: { status: 'fail', findings: [f('veto')] } }));
    expect(s).toMatchObject({ vetoed: true, verdict: '不合格', score: 50 });
  });

  it('does not veto on a veto-severity finding of a check the profile does not make single-veto', () => {
    expect(scoreUnit(profile, outcomes({ links: { status: 'fail', findings: [f('veto')] } }))).toMatchObject({ vetoed: false, score: 80 });
  });

  it("caps a check's deductions at its own weight", () => {
    const s = scoreUnit(profile, outcomes({ identity: many(20) }));
    expect(s.perCheck.get('identity')).toEqual({ score: 0, max: 30 });
    expect(s.score).toBe(70);
  });

  it('weights out a check that does not apply instead of scoring it zero', () => {
    const s = scoreUnit(profile, outcomes({ links: { status: 'not-applicable', findings: [] }, identity: many(2, 'warning') }));
    expect(s.score).toBe(Math.round((79 / 80) * 1000) / 10);
  });

  it('marks the score 待核实 when a check could not run', () => {
    expect(scoreUnit(profile, outcomes({ identity: { status: 'error', findings: [] } })).verdict).toBe('待核实');
  });

  it('calls a score under 60 不合格', () => {
    const s = scoreUnit(profile, outcomes({ identity: many(15), links: many(10) }));
    expect(s.score).toBe(50);
    expect(s.verdict).toBe('不合格');
  });
});
