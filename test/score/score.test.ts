import { describe, expect, it } from 'vitest';
import type { CheckOutcome } from '../../checks/types.ts';
import { scoreUnit } from '../../src/score/score.ts';
import { profile } from '../helpers/context.ts';

const f = (severity: 'veto' | 'error' | 'warning' | 'info') => ({ severity, url: 'u', message: 'm', evidence: 'e', key: Math.random().toString() });
const outcomes = (o: Record<string, CheckOutcome>) => {
  const all: Record<string, CheckOutcome> = {};
  for (const id of Object.keys(profile().checks)) all[id] = { status: 'pass', findings: [] };
  return new Map(Object.entries({ ...all, ...o }));
};

describe('scoreUnit', () => {
  it('gives 100 and 合格 when everything passes', () => {
    expect(scoreUnit(profile(), outcomes({}))).toMatchObject({ score: 100, vetoed: false, verdict: '合格' });
  });

  it('makes any veto 不合格 whatever the points', () => {
    const s = scoreUnit(profile(), outcomes({ 'homepage-freshness': { status: 'fail', findings: [f('veto')] } }));
    expect(s).toMatchObject({ vetoed: true, verdict: '不合格', score: 90 });
  });

  it('caps a check\'s deductions at its own weight', () => {
    const s = scoreUnit(profile(), outcomes({ 'site-identity': { status: 'fail', findings: Array.from({ length: 20 }, () => f('error')) } }));
    expect(s.perCheck.get('site-identity')).toEqual({ score: 0, max: 10 });
    expect(s.score).toBe(90);
  });

  it('weights out a check that does not apply instead of scoring it zero', () => {
    const s = scoreUnit(profile(), outcomes({ 'column-freshness': { status: 'not-applicable', findings: [] }, ipv6: { status: 'fail', findings: [f('error')] } }));
    // 2 points lost out of the 85 that apply.
    expect(s.score).toBe(Math.round((83 / 85) * 1000) / 10);
  });

  it('marks the score 待核实 when a check could not run', () => {
    expect(scoreUnit(profile(), outcomes({ ipv6: { status: 'error', findings: [] } })).verdict).toBe('待核实');
  });

  it('calls a score under 60 不合格', () => {
    const many = (n: number) => ({ status: 'fail' as const, findings: Array.from({ length: n }, () => f('error')) });
    const s = scoreUnit(profile(), outcomes({ 'broken-links': many(10), 'column-presence': many(10), 'site-identity': many(10) }));
    expect(s.score).toBe(55);
    expect(s.verdict).toBe('不合格');
  });
});
