// Where a finding stands between the office and a unit: the unit's answer, the office's decision
// and what the latest run still finds; and the disputes the office accepted, as waivers.
import type { Waiver } from '../config/schema.ts';
import type { Answer, ServerStore } from './server-store.ts';

/** Disputes the office accepted, as waivers of exactly those findings, for a year from the decision. */
export function acceptedDisputes(store: ServerStore): Waiver[] {
  return store
    .answers()
    .filter((a) => a.status === 'disputed' && a.decision === 'accepted' && a.decided_at)
    .map((a) => ({
      check: a.check_id,
      unit: a.unit_id,
      url: '.*',
      fingerprint: a.fingerprint,
      reason: `单位不认可（${a.note}），经市政务公开办审核认可`,
      by: `市政务公开办（${a.decided_by}，${a.decided_at!.slice(0, 10)}）`,
      until: new Date(Date.parse(a.decided_at!) + 365 * 86_400_000).toISOString().slice(0, 10),
    }));
}

/** A unit's latest run and the findings it still has. */
export interface LatestRun {
  runId: string;
  present: Set<string>;
}

export function latestRun(store: ServerStore, unitId: string): LatestRun | undefined {
  const latest = store.unitRuns(unitId)[0];
  if (!latest) return undefined;
  return {
    runId: latest.runId,
    present: new Set(store.unitResult(latest.runId, unitId)?.findings.map((f) => f.fingerprint)),
  };
}

/** Where a unit's answer to a finding stands after the latest run (read once per page, not per finding). */
export function findingState(
  answer: Answer | undefined,
  fingerprint: string,
  latest: LatestRun | undefined,
): string {
  const present = latest?.present.has(fingerprint);
  if (!answer) return present ? '待整改' : '已关闭';
  if (answer.status === 'disputed' && answer.decision === 'accepted')
    return '不认可，办公室已认可（列为已豁免）';
  if (answer.status === 'disputed' && answer.decision === 'rejected' && present)
    return '不认可，办公室已驳回，仍需整改';
  if (!present) return answer.status === 'fixed' ? '已关闭（复查未再发现）' : '已关闭';
  if (answer.run_id !== latest!.runId)
    return answer.status === 'fixed'
      ? '重新打开（复查仍发现此问题）'
      : '不认可（复查仍发现，待办公室审核）';
  return answer.status === 'fixed' ? '已整改，待复查' : '不认可，待办公室审核';
}
