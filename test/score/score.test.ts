import { describe, expect, it } from 'vitest';
import type { Profile } from '../../src/config/schema.ts';
import { scoreUnit } from '../../src/score/score.ts';
import { profile as defaultProfile } from '../helpers/context.ts';
import type { CheckOutcome } from '../../src/contract/check.ts';

// A hand-made profile whose answers are easy to compute: weights 10 + 40 + 30 + 20 = 100.
const profile: Profile = {
  ...defaultProfile(),
  severityDeduction: { error: 2, warning: 0.5, info: 0 },
  checks: {
    'site-availability': { weight: 10, veto: true },
    fresh: { weight: 40, veto: true },
    identity: { weight: 30, veto: false },
    links: { weight: 20, veto: false },
  },
};
const f = (severity: 'veto' | 'error' | 'warning' | 'info') => ({
  severity,
  url: 'u',
  message: 'm',
  evidence: 'e',
  key: Math.random().toString(),
});
const many = (n: number, s: 'error' | 'warning' = 'error') => ({
  status: 'fail' as const,
  findings: Array.from({ length: n }, () => f(s)),
});
const outcomes = (o: Record<string, CheckOutcome>) =>
  new Map(
    Object.entries({
      'site-availability': { status: 'pass', findings: [] },
      fresh: { status: 'pass', findings: [] },
      identity: { status: 'pass', findings: [] },
      links: { status: 'pass', findings: [] },
      ...o,
    } as Record<string, CheckOutcome>),
  );

describe('scoreUnit', () => {
  it('gives 100 and 合格 when everything passes', () => {
    expect(scoreUnit(profile, outcomes({}))).toMatchObject({
      score: 100,
      vetoed: false,
      verdict: '合格',
    });
  });

  it('makes any veto 不合格 whatever the points', () => {
    const s = scoreUnit(profile, outcomes({ fresh: { status: 'fail', findings: [f('veto')] } }));
    expect(s).toMatchObject({ vetoed: true, verdict: '不合格', score: 60 });
  });

  it('does not veto on a veto-severity finding of a check the profile does not make single-veto', () => {
    expect(
      scoreUnit(profile, outcomes({ links: { status: 'fail', findings: [f('veto')] } })),
    ).toMatchObject({
      vetoed: false,
      score: 80,
    });
  });

  it("caps a check's deductions at its own weight", () => {
    const s = scoreUnit(profile, outcomes({ identity: many(20) }));
    expect(s.perCheck.get('identity')).toEqual({ score: 0, max: 30 });
    expect(s.score).toBe(70);
  });

  it('weights out a check that does not apply instead of scoring it zero', () => {
    const s = scoreUnit(
      profile,
      outcomes({ links: { status: 'not-applicable', findings: [] }, identity: many(2, 'warning') }),
    );
    expect(s.score).toBe(Math.round((79 / 80) * 1000) / 10);
  });

  it('gives no points for a check that could not run: scored over the rest, verdict 待核实', () => {
    const s = scoreUnit(
      profile,
      outcomes({ identity: { status: 'error', findings: [] }, links: many(5) }),
    );
    expect(s.perCheck.get('identity')).toEqual({ score: null, max: 30 });
    expect(s).toMatchObject({
      score: Math.round((60 / 70) * 1000) / 10,
      verdict: '待核实',
      pending: true,
      unmeasured: { checks: 1, weight: 30 },
    });
  });

  it('is 不合格 without the unmeasured checks when even full marks on them would stay under 60', () => {
    const s = scoreUnit(
      profile,
      outcomes({ links: { status: 'error', findings: [] }, fresh: many(20), identity: many(15) }),
    );
    // Measured 10 of 80; with the 20 unmeasured points at most 30 of 100.
    expect(s).toMatchObject({ score: 12.5, verdict: '不合格' });
  });

  it('has no score when the homepage could not be used: nothing was measured to rank it by', () => {
    const errors = { status: 'error' as const, findings: [] };
    // The homepage failed: every other check could not run; the availability finding decides.
    const unreached = (severity: Parameters<typeof f>[0]) =>
      scoreUnit(
        profile,
        outcomes({
          'site-availability': { status: 'fail', findings: [f(severity)] },
          fresh: errors,
          identity: errors,
          links: errors,
        }),
      );
    const down = unreached('error');
    // Not reached at the moment of the crawl: 待核实, never 不合格 (nor counted as vetoed).
    expect(down).toMatchObject({ score: null, vetoed: false, verdict: '待核实' });
    // Unless the monitoring samples of the window vetoed it (≥ 5% failed): decided, unscored.
    const sampled = unreached('veto');
    expect(sampled).toMatchObject({ score: null, vetoed: true, verdict: '不合格', pending: false });
    const blocked = scoreUnit(
      profile,
      outcomes({ 'site-availability': errors, fresh: errors, identity: errors, links: errors }),
    );
    expect(blocked).toMatchObject({ score: null, vetoed: false, verdict: '待核实', pending: true });
  });

  it('calls a score under 60 不合格', () => {
    const s = scoreUnit(profile, outcomes({ identity: many(15), links: many(10) }));
    expect(s.score).toBe(50);
    expect(s.verdict).toBe('不合格');
  });
});
