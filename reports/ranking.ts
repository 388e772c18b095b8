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

/**
 * How many units have each verdict, counted one way for every view (HTML index, XLSX, 通报,
 * server). Among the tested: 合格, 不合格, 待核实 (a check could not run). The untested (no
 * score) are 待核实 too, never 不合格 and never counted as tested.
 */
/**
 * Not tested: no score and no verdict of its own (待核实). A unit whose homepage failed at the
 * crawl but whose monitoring samples vetoed it is decided (不合格), though it has no score.
 */
export const isUntested = (u: UnitResult) => u.score === null && !u.vetoed;

export function verdictCounts(units: UnitResult[]) {
  const tested = units.filter((u) => !isUntested(u));
  const count = (v: UnitResult['verdict']) => tested.filter((u) => u.verdict === v).length;
  const untested = units.length - tested.length;
  return {
    units: units.length,
    tested: tested.length,
    untested,
    pass: count('合格'),
    fail: count('不合格'),
    /** Tested, but a check could not run. */
    pending: count('待核实'),
    /** Everything that is 待核实: the tested ones above and the untested. */
    pendingAll: count('待核实') + untested,
    vetoed: tested.filter((u) => u.vetoed).length,
  };
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
