// What the 通报 and the 整改通知 say, computed from run.json alone (no layout here): the counts,
// the ranking, the most common problems, the vetoes, and the template variables. Tests compare
// the Word files against these and run.json.
import Handlebars from 'handlebars';
import { rankUnits, untestedReason, verdictCounts } from './ranking.ts';
import { SEVERITY_LABEL } from './render.ts';
import { showScore } from '../src/score/score.ts';
import { beijingDate, textDate } from '../src/time.ts';
import type { Paperwork } from '../src/config/paperwork.ts';
import type { Finding, RunJson, UnitResult } from '../src/contract/run.ts';

export interface RankingRow {
  rank: string;
  unit: string;
  score: string;
  verdict: string;
  vetoes: string;
}

export interface CommonProblem {
  check: string;
  name: string;
  units: number;
  findings: number;
  example: string;
}

export interface ProblemRow {
  check: string;
  severity: string;
  message: string;
  pages: string;
  evidence: string;
  basis: string;
  advice: string;
}

const hb = Handlebars.create();
const cache = new Map<string, Handlebars.TemplateDelegate>();

/** A template's text as paragraphs: a blank line starts a new one. */
export function fill(template: string, vars: Record<string, unknown>): string[] {
  let t = cache.get(template);
  // noEscape: this is Word text, not HTML; the library escapes XML itself.
  if (!t) cache.set(template, (t = hb.compile(template, { noEscape: true, strict: false })));
  return t(vars)
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, '').trim())
    .filter(Boolean);
}

/**
 * The deadline as a date: a fixed one, or so many days after the document's date (the date it
 * is signed, not the assessment date: a run re-rendered later would otherwise set a deadline
 * before the day the office signs it).
 */
export function deadlineOf(paperwork: Paperwork): string {
  if (typeof paperwork.deadline === 'string') return paperwork.deadline;
  const d = new Date(`${signedOn(paperwork)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + paperwork.deadline);
  return d.toISOString().slice(0, 10);
}

/** The unit's own problems: a hosted unit's copies of its platform's are the owner's to fix. */
const own = (u: UnitResult) => u.findings.filter((f) => !f.platform);
const vetoFindings = (u: UnitResult) => own(u).filter((f) => f.severity === 'veto');

/** Why a unit is vetoed, in its findings' words (one per problem). */
export function vetoReasons(u: UnitResult): string {
  const reasons = [...new Set(vetoFindings(u).map((f) => f.message.replace(/[。；]+$/, '')))];
  return reasons.length ? `${reasons.join('；')}。` : '';
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function cityVars(
  run: RunJson,
  paperwork: Paperwork,
  passMark: number,
): Record<string, unknown> {
  const { ranked } = rankUnits(run.units);
  const scores = ranked.map((u) => u.score);
  return {
    year: run.asOf.slice(0, 4),
    asOf: textDate(run.asOf),
    issuer: paperwork.issuer,
    deadline: textDate(deadlineOf(paperwork)),
    contact: paperwork.contact,
    ...verdictCounts(run.units),
    average: scores.length ? round1(scores.reduce((a, b) => a + b, 0) / scores.length) : '—',
    best: scores.length ? round1(Math.max(...scores)) : '—',
    worst: scores.length ? round1(Math.min(...scores)) : '—',
    passMark,
  };
}

export function unitVars(
  run: RunJson,
  unit: UnitResult,
  paperwork: Paperwork,
): Record<string, unknown> {
  return {
    ...cityVars(run, paperwork, 0),
    unit: unit.name,
    score:
      unit.score !== null
        ? `${showScore(unit.score)}分`
        : unit.vetoed
          ? '未评分（单项否决）'
          : '无法检测',
    verdict: unit.verdict,
    problems: own(unit).length,
    vetoReasons: vetoReasons(unit),
    untestedReason: unit.score === null ? untestedReason(unit).replace(/。$/, '') : '',
  };
}

/** Tested units by rank, then those that could not be tested (never ranked, never a 0). */
export function rankingRows(run: RunJson): RankingRow[] {
  const { ranked, untested } = rankUnits(run.units);
  return [
    ...ranked.map((u, i) => ({
      rank: String(i + 1),
      unit: u.name,
      score: showScore(u.score),
      verdict: u.verdict,
      vetoes: vetoReasons(u) || '无',
    })),
    ...untested.map((u) => ({
      rank: '—',
      unit: u.name,
      score: '无法检测',
      verdict: u.verdict,
      vetoes: vetoReasons(u) || untestedReason(u),
    })),
  ];
}

/** Units per score band: 「90分及以上」, 「80—90分」, …, 「60分以下」. */
export function scoreBands(run: RunJson, bands: number[]): { label: string; units: number }[] {
  const scores = rankUnits(run.units).ranked.map((u) => u.score);
  const sorted = [...bands].sort((a, b) => b - a);
  const rows = sorted.map((low, i) => ({
    label: i === 0 ? `${low}分及以上` : `${low}分至${sorted[i - 1]}分`,
    units: scores.filter((s) => s >= low && (i === 0 || s < sorted[i - 1])).length,
  }));
  const last = sorted[sorted.length - 1];
  rows.push({ label: `${last}分以下`, units: scores.filter((s) => s < last).length });
  return rows;
}

/** The checks that found problems in the most units: how many units each, and an example. */
export function commonProblems(run: RunJson, top: number): CommonProblem[] {
  const byCheck = new Map<string, CommonProblem>();
  for (const u of run.units) {
    const names = new Map(u.checks.map((c) => [c.id, c.name]));
    for (const f of own(u)) {
      const p = byCheck.get(f.check) ?? {
        check: f.check,
        name: names.get(f.check) ?? f.check,
        units: 0,
        findings: 0,
        example: `${u.name}：${f.message}`,
      };
      p.findings++;
      byCheck.set(f.check, p);
    }
    for (const id of new Set(own(u).map((f) => f.check))) byCheck.get(id)!.units++;
  }
  return [...byCheck.values()]
    .sort((a, b) => b.units - a.units || b.findings - a.findings)
    .slice(0, top);
}

const pagesOf = (f: Finding) => f.pages ?? [f.url];
/** Evidence in a printed table is cut here; the HTML report and the 整改清单 carry it whole. */
const EVIDENCE_CHARS = 150;
const cut = (t: string) =>
  [...t].length > EVIDENCE_CHARS ? `${[...t].slice(0, EVIDENCE_CHARS).join('')}…` : t;

/** A unit's problems as its notice lists them: one row per distinct problem. */
export function problemRows(unit: UnitResult): ProblemRow[] {
  const names = new Map(unit.checks.map((c) => [c.id, c.name]));
  return own(unit).map((f) => {
    const pages = pagesOf(f);
    return {
      check: names.get(f.check) ?? f.check,
      severity: SEVERITY_LABEL[f.severity] ?? f.severity,
      message: f.message,
      pages: pages.length > 1 ? `${pages[0]}\n等 ${pages.length} 个页面` : pages[0],
      evidence: cut(f.evidence),
      basis: f.basis,
      advice: f.advice,
    };
  });
}

/** Per unit: its problem count by check, for the 通报's annex. */
export function annexRows(run: RunJson): string[][] {
  const rows = rankingRows(run);
  const byName = new Map(run.units.map((u) => [u.name, u]));
  return rows.map((r, i) => {
    const u = byName.get(r.unit)!;
    const names = new Map(u.checks.map((c) => [c.id, c.name]));
    const counts = new Map<string, number>();
    for (const f of own(u)) counts.set(f.check, (counts.get(f.check) ?? 0) + 1);
    const main = [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([id, n]) => `${names.get(id) ?? id} ${n} 项`)
      .join('；');
    return [String(i + 1), r.unit, r.score, r.verdict, String(own(u).length), main || '无'];
  });
}

/** The date under the signature: the configured one, or today in Beijing. */
export const signedOn = (paperwork: Paperwork) => paperwork.date ?? beijingDate();
