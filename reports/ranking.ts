// One ranking for every view (city report, workbook, 通报): tested units by verdict and score;
// units that could not be tested are listed apart and never ranked among them.
import type { UnitResult } from '../src/contract/run.ts';

export interface Ranking {
  ranked: (UnitResult & { score: number })[];
  untested: UnitResult[];
}

export function rankUnits(units: UnitResult[]): Ranking {
  const ranked = units
    .filter((u): u is UnitResult & { score: number } => u.score !== null)
    .sort((a, b) => Number(a.vetoed) - Number(b.vetoed) || b.score - a.score);
  return { ranked, untested: units.filter((u) => u.score === null) };
}

/** Why a unit has no score, in a few words: its availability check's finding or reason. */
export function untestedReason(u: UnitResult): string {
  const veto = u.findings.find((f) => f.check === 'site-availability');
  if (veto) return veto.message;
  return (
    u.checks.find((c) => c.id === 'site-availability')?.reason ?? '首页无法检测，各项检查未能运行'
  );
}

export { showScore } from '../src/score/score.ts';
