// Scoring in the frame of 国办秘函〔2019〕19号: any veto → 不合格 whatever the points; otherwise
// each check deducts per finding (by severity, from the profile) up to its own weight, checks
// that do not apply are weighted out, and the total is scaled to 100. An `error` check leaves
// the score 待核实 rather than silently wrong. The weights are the profile's, not official.
import type { Profile } from '../config/schema.ts';
import type { CheckOutcome } from '../../checks/types.ts';

export interface Scored {
  perCheck: Map<string, { score: number; max: number }>;
  score: number;
  vetoed: boolean;
  pending: boolean;
  verdict: '合格' | '不合格' | '待核实';
}

export function scoreUnit(profile: Profile, outcomes: Map<string, CheckOutcome>): Scored {
  const perCheck = new Map<string, { score: number; max: number }>();
  let got = 0;
  let total = 0;
  let vetoed = false;
  let pending = false;
  for (const [id, o] of outcomes) {
    const rule = profile.checks[id] ?? { weight: 0, veto: false };
    if (o.status === 'not-applicable') {
      perCheck.set(id, { score: 0, max: 0 });
      continue;
    }
    if (o.status === 'error') pending = true;
    if (rule.veto && o.findings.some((f) => f.severity === 'veto')) vetoed = true;
    const deduction = o.findings.reduce((sum, f) => sum + (f.severity === 'veto' ? rule.weight : profile.severityDeduction[f.severity]), 0);
    const score = o.status === 'error' ? rule.weight : Math.max(0, rule.weight - Math.min(rule.weight, deduction));
    perCheck.set(id, { score: round(score), max: rule.weight });
    got += score;
    total += rule.weight;
  }
  // A vetoed unit keeps its points for information; the verdict is what the veto decides.
  const score = total > 0 ? round((got / total) * 100) : 0;
  const verdict = vetoed || score < 60 ? '不合格' : pending ? '待核实' : '合格';
  return { perCheck, score, vetoed, pending, verdict };
}

const round = (n: number) => Math.round(n * 10) / 10;
