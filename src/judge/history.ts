// A unit's findings against its previous run: each finding new or still open (by fingerprint),
// what was fixed since, when each problem was first seen, and the score trend.
import type { Store } from '../store/db.ts';
import type { UnitResult } from '../contract/run.ts';

export function withHistory(
  store: Store,
  runId: string,
  asOf: string,
  result: UnitResult,
): UnitResult {
  const earlier = store
    .previousResults(runId, result.id)
    .map((r) => ({ ...r, unit: JSON.parse(r.result) as UnitResult }));
  if (earlier.length === 0) {
    return {
      ...result,
      findings: result.findings.map((f) => ({ ...f, firstSeen: asOf })),
      history: undefined,
    };
  }
  const prev = earlier[0];
  const before = new Map(prev.unit.findings.map((f) => [f.fingerprint, f]));
  const now = new Set(result.findings.map((f) => f.fingerprint));
  const findings = result.findings.map((f) => {
    const old = before.get(f.fingerprint);
    return {
      ...f,
      change: old ? ('open' as const) : ('new' as const),
      firstSeen: old ? (old.firstSeen ?? prev.asOf) : asOf,
    };
  });
  return {
    ...result,
    findings,
    history: {
      previousRunId: prev.runId,
      previousAsOf: prev.asOf,
      previousScore: prev.unit.score,
      newCount: findings.filter((f) => f.change === 'new').length,
      openCount: findings.filter((f) => f.change === 'open').length,
      fixed: prev.unit.findings
        .filter((f) => !now.has(f.fingerprint))
        .map(({ change: _c, ...f }) => f),
      trend: [
        ...earlier
          .slice(0, 5)
          .reverse()
          .map((e) => ({
            runId: e.runId,
            asOf: e.asOf,
            score: e.unit.score,
            verdict: e.unit.verdict,
          })),
        { runId, asOf, score: result.score, verdict: result.verdict },
      ],
    },
  };
}
