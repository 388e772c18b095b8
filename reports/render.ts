// Renders run.json into single self-contained HTML files (inline CSS, no external assets):
// they are opened from disk on government intranets. Handlebars' {{ }} escapes everything that
// came from a crawled page; only our own CSS is inserted raw.
import Handlebars from 'handlebars';
import { SEVERITY_ORDER, type Severity } from '../src/contract/check.ts';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rankUnits, showScore, untestedReason, verdictCounts } from './ranking.ts';
import { beijingTime } from '../src/time.ts';
import type { CheckResult, Finding, RunJson, UnitResult } from '../src/contract/run.ts';

const here = dirname(fileURLToPath(import.meta.url));
const css = readFileSync(join(here, 'style.css'), 'utf8');
const hb = Handlebars.create();

export const SEVERITY_LABEL: Record<string, string> = {
  veto: '否决',
  error: '严重',
  warning: '一般',
  info: '提示',
};
export const STATUS_LABEL: Record<string, string> = {
  pass: '通过',
  fail: '未通过',
  error: '无法检测',
  'not-applicable': '不适用',
};
const LIMIT_LABEL: Record<string, string> = {
  pages: '页面数',
  depth: '层级',
  time: '时间',
  links: '链接检查数',
};

hb.registerHelper('severityLabel', (s: string) => SEVERITY_LABEL[s] ?? s);
hb.registerHelper('statusLabel', (s: string) => STATUS_LABEL[s] ?? s);
hb.registerHelper('limitLabel', (s: string) => LIMIT_LABEL[s] ?? s);
// A check by its Chinese name, as a unit reads it (its id is for the tool, not the report).
hb.registerHelper(
  'checkName',
  (id: string, checks: { id: string; name: string }[] | undefined) =>
    checks?.find((c) => c.id === id)?.name ?? id,
);
hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
hb.registerHelper('safeUrl', (u: string) => (/^https?:\/\//i.test(u ?? '') ? u : '#'));
hb.registerHelper('points', (score: number | null, max: unknown) =>
  showScore(score, typeof max === 'number' ? max : undefined),
);
hb.registerHelper('bjTime', (iso: string | null) => (iso ? beijingTime(iso) : '—'));
hb.registerHelper('isNull', (v: unknown) => v === null || v === undefined);

const unitTemplate = hb.compile(readFileSync(join(here, 'templates/unit.hbs'), 'utf8'), {
  strict: false,
});
const indexTemplate = hb.compile(readFileSync(join(here, 'templates/index.hbs'), 'utf8'));

const CAPTION: Record<string, string> = {
  element: '截图：红框为问题所在位置',
  hidden: '截图：红框内是页面上被隐藏的内容，截图时已将其显示出来',
  page: '截图：问题所在页面的顶部（问题无法在画面中定位）',
};

export interface FindingRow {
  severity: Severity;
  isNew: boolean;
  firstSeen?: string;
  waiverExpired?: string;
  message: string;
  evidence: string;
  urls: string[];
  firstUrls: string[];
  moreUrls: string[];
  /** Pages past those listed in the HTML: the 整改清单's 涉及页面 sheet lists every one. */
  unlisted: number;
  /** Pages besides the first three. */
  others?: number;
  /** The first screenshot among the row's findings (embedded once in the report's CSS). */
  shot?: Shot;
  shotShows?: Finding['screenshotShows'];
}

/**
 * Pages a row lists in the HTML report: a problem on 5,000 pages is read from the spreadsheet,
 * not from 5,000 links in a page the unit opens in a browser.
 */
const LISTED = 100;

/**
 * One row per problem with the pages it appears on: a grouped finding brings its pages, and
 * findings that read alike (the same message and evidence) share a row.
 */
export function groupFindings(
  findings: Finding[],
  shotOf: (f: Finding) => Shot | undefined = () => undefined,
): FindingRow[] {
  const rows = new Map<string, FindingRow>();
  const seen = new Map<FindingRow, Set<string>>();
  for (const f of findings) {
    const key = `${f.severity}\u0000${f.message}\u0000${f.evidence}`;
    const row = rows.get(key) ?? {
      severity: f.severity,
      isNew: f.change === 'new',
      firstSeen: f.change === 'open' ? f.firstSeen : undefined,
      waiverExpired: f.waiverExpired,
      message: f.message,
      evidence: f.evidence,
      urls: [],
      firstUrls: [],
      moreUrls: [],
      unlisted: 0,
    };
    const has = seen.get(row) ?? new Set<string>();
    seen.set(row, has);
    for (const u of f.pages ?? [f.url]) {
      if (has.has(u)) continue;
      has.add(u);
      row.urls.push(u);
    }
    if (!row.shot) {
      row.shot = shotOf(f);
      row.shotShows = f.screenshotShows;
    }
    rows.set(key, row);
  }
  return [...rows.values()]
    .map((r) => ({
      ...r,
      firstUrls: r.urls.slice(0, 3),
      moreUrls: r.urls.slice(3, LISTED),
      unlisted: Math.max(0, r.urls.length - LISTED),
      others: Math.max(0, r.urls.length - 3),
    }))
    .sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
}

export interface Shot {
  cls: string;
  width: number;
  height: number;
}

/**
 * Screenshots live beside run.json; they are embedded so the report opens from anywhere. Each
 * picture goes into the report's CSS once, as a class, because several findings often share one
 * (the footer) and a data: URI per <img> would repeat it.
 */
function shotReader(baseDir: string | undefined): {
  of: (f: Finding) => Shot | undefined;
  css: () => string;
} {
  const seen = new Map<string, Shot & { uri: string }>();
  const of = (f: Finding): Shot | undefined => {
    if (!baseDir || !f.screenshot || f.screenshot.includes('..')) return undefined;
    const known = seen.get(f.screenshot);
    if (known) return known;
    const file = join(baseDir, f.screenshot);
    if (!existsSync(file)) return undefined;
    const png = readFileSync(file);
    if (png.subarray(1, 4).toString() !== 'PNG') return undefined;
    const shot = {
      cls: `shot-${seen.size}`,
      width: png.readUInt32BE(16),
      height: png.readUInt32BE(20),
      uri: `data:image/png;base64,${png.toString('base64')}`,
    };
    seen.set(f.screenshot, shot);
    return shot;
  };
  return {
    of,
    css: () =>
      [...seen.values()].map((s) => `.${s.cls}{background-image:url(${s.uri})}`).join('\n'),
  };
}

export function renderUnit(
  run: RunJson,
  unit: UnitResult,
  opts: { baseDir?: string } = {},
): string {
  const shots = shotReader(opts.baseDir);
  // One picture per place: the first row that has it shows it, the rows after point back to it.
  const shown = new Set<string>();
  const placeShot = (row: FindingRow) => {
    if (!row.shot) return row;
    const first = !shown.has(row.shot.cls);
    shown.add(row.shot.cls);
    return {
      ...row,
      shotFirst: first,
      shotCaption: CAPTION[row.shotShows ?? ''] ?? '截图：问题所在页面',
    };
  };
  // A hosted unit's copies of its platform's problems are listed apart (平台问题).
  const own = unit.findings.filter((f) => !f.platform);
  const onPlatform = unit.findings.filter((f) => f.platform);
  const checkName = new Map(unit.checks.map((c) => [c.id, c.name]));
  const platformRows = [...new Set(onPlatform.map((f) => f.check))].flatMap((id) =>
    groupFindings(onPlatform.filter((f) => f.check === id)).map((r) => ({
      ...r,
      checkName: checkName.get(id) ?? id,
    })),
  );
  const byCheck = new Map<string, Finding[]>();
  for (const f of own) byCheck.set(f.check, [...(byCheck.get(f.check) ?? []), f]);
  const failing = unit.checks
    .filter((c) => byCheck.has(c.id))
    .map((check) => ({
      check,
      advice: byCheck.get(check.id)![0].advice,
      rows: groupFindings(byCheck.get(check.id)!, shots.of).map(placeShot),
    }));
  const judged = (c: CheckResult) => c.status === 'pass' || c.status === 'fail';
  // Veto items are counted as 19号 counts them, one per veto reason (check); the rest per problem.
  const severityCounts = SEVERITY_ORDER.map((severity) => {
    const of = own.filter((f) => f.severity === severity);
    return {
      severity,
      label: SEVERITY_LABEL[severity],
      count: severity === 'veto' ? new Set(of.map((f) => f.check)).size : of.length,
    };
  }).filter((x) => x.count > 0);
  const nFail = unit.checks.filter((c) => c.status === 'fail').length;
  const nPass = unit.checks.filter((c) => c.status === 'pass').length;
  return unitTemplate({
    css,
    shotCss: shots.css(),
    run,
    unit,
    failing,
    passing: unit.checks.filter((c) => c.status === 'pass' && !byCheck.has(c.id)),
    ...taskModel(unit),
    notJudged: unit.checks.filter((c) => !judged(c)),
    vetoLines: vetoSummary(unit),
    // 预警: what a single-veto measure reached short of its veto line (a failure share near 5%…).
    warningLines: unit.findings.filter((f) => f.early && !f.platform).map((f) => f.message),
    severityCounts,
    categories: categoriesOf(unit),
    checkSummary:
      `共 ${unit.checks.length} 项检查：通过 ${nPass} 项，未通过 ${nFail} 项，无法检测或不适用 ` +
      `${unit.checks.length - nPass - nFail} 项`,
    incomplete: run.status !== 'complete',
    ownCount: own.length,
    platformRows,
    platformId: unit.platform?.name ?? unit.platform?.id,
    platformDeducted: unit.platform?.deducted,
  });
}

/** A category's points over the checks that ran; one whose checks all could not run: 无法检测. */
function categoriesOf(unit: UnitResult) {
  const categories = new Map<
    string,
    { name: string; score: number | null; max: number; unmeasured: number }
  >();
  for (const c of unit.checks) {
    if (!c.category || c.max === 0) continue;
    const cat = categories.get(c.category) ?? {
      name: c.category,
      score: null,
      max: 0,
      unmeasured: 0,
    };
    if (c.score === null) cat.unmeasured++;
    else {
      cat.score = (cat.score ?? 0) + c.score;
      cat.max += c.max;
    }
    categories.set(c.category, cat);
  }
  return [...categories.values()].map((c) => ({
    ...c,
    score: c.score === null ? null : Math.round(c.score * 10) / 10,
  }));
}

/** The task list: the unit's items as rows, counts by status, the others in one line. */
function taskModel(unit: UnitResult) {
  const list = unit.checklist ?? [];
  const mine = list.filter((i) => i.status !== '不适用' || (i.checks.length > 0 && !i.responsible));
  const others = list.filter((i) => !mine.includes(i));
  const order = ['未达标', '待核实', '人工核查', '达标', '不适用'] as const;
  const counts = order
    .map((st) => ({ st, n: mine.filter((i) => i.status === st).length }))
    .filter((c) => c.n > 0)
    .map((c) => `${c.st} ${c.n} 项`)
    .join('，');
  return {
    tasks: mine,
    taskCounts: counts,
    tasksOthers: others.map((i) => `${i.id} ${i.title}`).join('；'),
  };
}

/** One line per check with veto findings: its first message, and how many there are in all. */
function vetoSummary(unit: UnitResult): string[] {
  const byCheck = new Map<string, Finding[]>();
  for (const f of unit.findings)
    if (f.severity === 'veto' && !f.platform)
      byCheck.set(f.check, [...(byCheck.get(f.check) ?? []), f]);
  return [...byCheck.values()].map(
    (fs) => `${fs[0].message}${fs.length > 1 ? `（共 ${fs.length} 处）` : ''}`,
  );
}

export function renderIndex(run: RunJson): string {
  const { ranked, untested } = rankUnits(run.units);
  const sorted = [...ranked, ...untested];
  const rows = ranked.map((unit, i) => ({
    rank: i + 1,
    unit,
    vetoes: vetoSummary(unit),
    failing: unit.checks
      .filter((c) => c.status === 'fail')
      .map((c) => c.name)
      .join('、'),
  }));
  // Units × checks: each cell the check's status, and how many findings.
  const checks = run.units[0]?.checks ?? [];
  const heat = sorted.map((unit) => ({
    name: unit.name,
    id: unit.id,
    cells: checks.map((c) => {
      const r = unit.checks.find((x) => x.id === c.id);
      const n = unit.findings.filter((f) => f.check === c.id && !f.platform).length;
      const veto = unit.findings.some(
        (f) => f.check === c.id && f.severity === 'veto' && !f.platform,
      );
      return {
        cls: r ? (veto ? 'h-veto' : `h-${r.status}`) : 'h-not-applicable',
        label: n ? String(n) : r?.status === 'pass' ? '✓' : r?.status === 'error' ? '?' : '–',
        title: `${c.name}：${STATUS_LABEL[r?.status ?? 'not-applicable']}`,
      };
    }),
  }));
  const bins = [
    ['90–100', 90, 101],
    ['80–89', 80, 90],
    ['70–79', 70, 80],
    ['60–69', 60, 70],
    ['60 以下', 0, 60],
  ] as const;
  const counts: { label: string; n: number }[] = bins.map(([label, lo, hi]) => ({
    label,
    n: ranked.filter((u) => u.score >= lo && u.score < hi).length,
  }));
  if (untested.length) counts.push({ label: '无法评分', n: untested.length });
  const maxBin = Math.max(1, ...counts.map((c) => c.n));
  const distribution = counts.map((c) => ({ ...c, width: Math.round((c.n / maxBin) * 100) }));
  return indexTemplate({
    css,
    run,
    rows,
    untested: untested.map((unit) => ({ unit, reason: untestedReason(unit) })),
    heatChecks: checks.map((c) => c.name),
    heat,
    distribution,
    passed: verdictCounts(run.units).pass,
    failed: verdictCounts(run.units).fail,
    pending: verdictCounts(run.units).pendingAll,
    incomplete: run.status !== 'complete',
  });
}
