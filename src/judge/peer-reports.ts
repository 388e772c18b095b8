// 年报雷同 between units (run-level): each unit's newest 年度报告 as the annual-report-copy check
// named it, its sentences (numbers and the unit's name blanked) indexed once, and for each unit
// the other units of the run whose same-year report holds at least `maxShare` of its sentences.
// Only those units are judged again, with these reports as their `peers`: the check decides.
import type { Profile, UnitConfig } from '../config/schema.ts';
import type { PeerReport } from '../contract/check.ts';
import type { Store } from '../store/db.ts';
import { reportSentences } from '../../checks/annual-report-copy.ts';

export function peerReports(
  store: Store,
  runId: string,
  units: UnitConfig[],
  profile: Profile,
): Map<string, PeerReport[]> {
  const maxShare =
    (profile.checkOptions?.['annual-report-copy'] as { maxShare?: number } | undefined)?.maxShare ??
    0.9;
  const reports: PeerReport[] = [];
  for (const unit of units) {
    const check = store.result(runId, unit.id)?.checks.find((c) => c.id === 'annual-report-copy');
    const report = check?.metrics?.report as { year: number; url: string } | undefined;
    const text = report && store.pageText(runId, unit.id, report.url);
    if (!report || !text) continue;
    const sentences = [...new Set(reportSentences(text, unit.name))];
    reports.push({ unitId: unit.id, name: unit.name, ...report, sentences });
  }
  // Sentence → the reports that have it: pairs are counted only where they share something.
  const holders = new Map<string, number[]>();
  reports.forEach((r, i) => {
    for (const s of r.sentences) holders.set(s, [...(holders.get(s) ?? []), i]);
  });
  const peers = new Map<string, PeerReport[]>();
  reports.forEach((r, i) => {
    const shared = new Map<number, number>();
    for (const s of r.sentences)
      for (const j of holders.get(s)!) if (j !== i) shared.set(j, (shared.get(j) ?? 0) + 1);
    const close = [...shared]
      .filter(([j, n]) => reports[j].year === r.year && n / r.sentences.length >= maxShare)
      .map(([j]) => reports[j]);
    if (close.length) peers.set(r.unitId, close);
  });
  return peers;
}
