// Scoring in the frame of 国办秘函〔2019〕19号: any veto → 不合格 whatever the points; otherwise
// each check deducts per finding (by severity, from the profile) up to its own weight, and the
// total is scaled to 100. The weights are the profile's, not official.
//
// A number is never shown for what was not measured: a check that could not run (`error`) earns
// no points and is left out like one that does not apply, and the verdict says 待核实 unless the
// measured part already decides it. A unit whose homepage could not be used (down, blocked, not a
// page) has no score at all: its checks did not run, so there is nothing to rank it by.
import type { Profile } from '../config/schema.ts';
import type { CheckOutcome } from '../contract/check.ts';

export interface Scored {
  /** A check's points, or null when it could not run (max is its weight either way). */
  perCheck: Map<string, { score: number | null; max: number }>;
  /** Null when the unit could not be tested. */
  score: number | null;
  vetoed: boolean;
  pending: boolean;
  verdict: '合格' | '不合格' | '待核实';
  /** The weight of the checks that could not run, and how many they are. */
  unmeasured: { checks: number; weight: number };
}

export function scoreUnit(
  profile: Profile,
  outcomes: Map<string, CheckOutcome>,
  passMark = 60,
): Scored {
  const perCheck = new Map<string, { score: number | null; max: number }>();
  let got = 0;
  let total = 0;
  let vetoed = false;
  const unmeasured = { checks: 0, weight: 0 };
  for (const [id, o] of outcomes) {
    const rule = profile.checks[id] ?? { weight: 0, veto: false };
    if (o.status === 'not-applicable') {
      perCheck.set(id, { score: 0, max: 0 });
      continue;
    }
    if (rule.veto && o.findings.some((f) => f.severity === 'veto')) vetoed = true;
    if (o.status === 'error') {
      perCheck.set(id, { score: null, max: rule.weight });
      unmeasured.checks++;
      unmeasured.weight += rule.weight;
      continue;
    }
    const deduction = o.findings.reduce(
      (sum, f) =>
        sum + (f.severity === 'veto' ? rule.weight : profile.severityDeduction[f.severity]),
      0,
    );
    const score = Math.max(0, rule.weight - Math.min(rule.weight, deduction));
    perCheck.set(id, { score: round(score), max: rule.weight });
    got += score;
    total += rule.weight;
  }
  const pending = unmeasured.checks > 0;
  const untested = outcomes.get('site-availability')?.status !== 'pass' || total === 0;
  // A vetoed unit keeps its points for information; the verdict is what the veto decides.
  const score = untested ? null : round((got / total) * 100);
  // Below the pass mark even if every unmeasured check had earned full points: decided.
  const best =
    total + unmeasured.weight > 0
      ? ((got + unmeasured.weight) / (total + unmeasured.weight)) * 100
      : 100;
  // A unit that could not be tested is 待核实, never 不合格: one moment's failure to reach its
  // homepage is no verdict (19号 vetoes unavailability only over sampled visits).
  // Monitoring samples can veto a unit whose homepage failed at the crawl: decided, unscored.
  const verdict =
    score === null
      ? vetoed
        ? '不合格'
        : '待核实'
      : vetoed
        ? '不合格'
        : best < passMark
          ? '不合格'
          : pending
            ? '待核实'
            : score < passMark
              ? '不合格'
              : '合格';
  return {
    perCheck,
    score,
    vetoed,
    pending: (pending || score === null) && !(vetoed && score === null),
    verdict,
    unmeasured,
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** A score as a person reads it: the number, or 无法检测 where nothing was measured. */
export const showScore = (score: number | null | undefined, max?: number): string =>
  score === null || score === undefined
    ? '无法检测'
    : max === undefined
      ? String(score)
      : `${score}/${max}`;

/** The same for a sentence: 「71.5 分」, or 「无法评分」. */
export const scoreLabel = (score: number | null | undefined): string =>
  score === null || score === undefined ? '无法评分' : `${score} 分`;
