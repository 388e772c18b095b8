// Judging one unit: every check over its stored pages and probes, grouped, waived, masked and
// scored. `judge` is pure (the same input gives the same result); `judgeUnit` reads its input from
// the store and adds the unit's history, so an audit and `zwgk recheck` judge alike.
import type { GatheredProbes, MonitorWindow } from '../contract/probes.ts';
import type { EarlierLists, PeerReport } from '../contract/check.ts';
import { summarise, windowOf } from '../monitor/window.ts';
import { CHECKS, checksInOrder } from '../../checks/index.ts';
import { runScans } from '../../checks/support/page-scan.ts';
import type { ScanCheck } from '../../checks/define.ts';
import type { ExtractPool } from '../crawl/extract-pool.ts';
import { scanOnThreads } from './scan-pass.ts';
import { EVIDENCE_MAX, redact } from '../extract/personal-data.ts';
import type { Profile, UnitConfig, Waiver } from '../config/schema.ts';
import { scoreUnit } from '../score/score.ts';
import type { Store } from '../store/db.ts';
import { findingFingerprint } from './fingerprint.ts';
import { groupFindings } from './group-findings.ts';
import { withHistory } from './history.ts';
import { taskList } from './task-list.ts';
import type { Check, CheckContext, CheckOutcome, RawFinding } from '../contract/check.ts';
import type { CrawlSummary, PageRecord } from '../contract/page.ts';
import type { Finding, UnitResult } from '../contract/run.ts';

const failed = (err: unknown): CheckOutcome => ({
  status: 'error',
  reason: `检查程序出错：${(err as Error).message}`,
  findings: [],
});

/** The page-scanning checks, which share one pass over the pages (each text read once). */
export const SCANNERS = CHECKS.filter((c): c is ScanCheck => 'scan' in c);

/** Every check's outcome; `scanned`: the SCANNERS' outcomes, if the pages were scanned already. */
export function runChecks(ctx: CheckContext, scanned?: CheckOutcome[]): Map<string, CheckOutcome> {
  const outcomes = new Map<string, CheckOutcome>();
  const options = (c: Check) => ctx.profile.checkOptions?.[c.id];
  const scanners = SCANNERS;
  try {
    (
      scanned ??
      runScans(
        scanners.map((c) => c.scan),
        ctx,
      )
    ).forEach((o, i) => scanners[i].gathers || outcomes.set(scanners[i].id, o));
  } catch {
    // One failing scan must not take the others down: run them one by one to find it.
    for (const c of scanners) {
      try {
        outcomes.set(c.id, c.run(ctx, options(c)));
      } catch (err) {
        outcomes.set(c.id, failed(err));
      }
    }
  }
  for (const check of CHECKS) {
    if (outcomes.has(check.id)) continue;
    try {
      outcomes.set(check.id, check.run(ctx, options(check)));
    } catch (err) {
      // One failing check never sinks the unit: it is 无法检测, with the reason.
      outcomes.set(check.id, failed(err));
    }
  }
  return outcomes;
}

/**
 * Takes the findings an unexpired waiver covers out of the outcomes (they are shown apart and
 * not scored) and marks those whose waiver has expired. A check left with no findings passes.
 */
function applyWaivers(
  outcomes: Map<string, CheckOutcome>,
  waivers: Waiver[],
  unitId: string,
  asOf: string,
) {
  const waived: { check: string; finding: RawFinding; waiver: Waiver }[] = [];
  for (const [checkId, o] of outcomes) {
    const mine = waivers.filter((w) => w.check === checkId && w.unit === unitId);
    if (mine.length === 0) continue;
    o.findings = o.findings.filter((f) => {
      // The pattern may name the page or what the finding is about (a dead link's target); a
      // waiver with a fingerprint covers that one finding only.
      const fp = findingFingerprint(checkId, f);
      const matches = (re: RegExp) =>
        (f.pages ?? [f.url]).some((u) => re.test(u)) || re.test(f.key);
      const w = mine.find((x) =>
        x.fingerprint ? x.fingerprint === fp : matches(new RegExp(x.url)),
      );
      if (!w) return true;
      if (w.until >= asOf) {
        waived.push({ check: checkId, finding: f, waiver: w });
        return false;
      }
      (f as RawFinding & { waiverExpired?: string }).waiverExpired =
        `豁免已于 ${w.until} 到期（${w.reason}）`;
      return true;
    });
    if (o.status === 'fail' && o.findings.length === 0) o.status = 'pass';
  }
  return waived;
}

/** The shared platform a unit is hosted on (not owns), and what its owner was found to have. */
export interface HostedOn {
  id: string;
  /** The platform's name, if the units file gives one. */
  name?: string;
  /** Fingerprints of the owner's findings in this run: the same problem here is the template's. */
  ownerFingerprints: Set<string>;
}

/**
 * Marks the findings that belong to the shared platform rather than the hosted unit: those of
 * the profile's platform checks, and any the owner's own pages show too. Unless the profile
 * deducts them, they leave the outcomes (so they are not scored) and are returned to be listed
 * under 「平台问题」. An unreachable platform still leaves the unit untested.
 */
function takePlatform(outcomes: Map<string, CheckOutcome>, on: HostedOn, profile: Profile) {
  const taken: { check: string; finding: RawFinding }[] = [];
  for (const [checkId, o] of outcomes) {
    const isPlatform = (f: RawFinding) =>
      profile.platform.checks.includes(checkId) ||
      on.ownerFingerprints.has(findingFingerprint(checkId, f));
    const mine = o.findings.filter(isPlatform);
    if (mine.length === 0) continue;
    for (const f of mine) taken.push({ check: checkId, finding: f });
    if (profile.platform.deductHosted) continue;
    o.findings = o.findings.filter((f) => !isPlatform(f));
    if (o.status === 'fail' && o.findings.length === 0 && checkId !== 'site-availability') {
      o.status = 'pass';
      o.reason = '发现的问题属于集约化平台（见「平台问题」），由平台主办单位整改，不计入本单位得分';
    }
  }
  return taken;
}

export interface JudgeInput {
  unit: UnitConfig;
  profile: Profile;
  asOf: string;
  waivers: Waiver[];
  pages: PageRecord[];
  crawl: CrawlSummary | undefined;
  probes: GatheredProbes;
  /** The monitoring samples of the unit's homepage over the window, if any were taken. */
  monitor?: MonitorWindow;
  /** The column lists of the unit's previous crawl, if there was one. */
  earlier?: EarlierLists;
  /** The shared platform the unit is hosted on, if any. */
  platform?: HostedOn;
  /** Other units' 年度报告 of the run this unit's mostly repeats (peer-reports.ts). */
  peers?: PeerReport[];
  /** The pages already scanned by SCANNERS (scan-pass.ts) in this context, if they were. */
  scanned?: { ctx: CheckContext; outcomes: CheckOutcome[] };
}

/**
 * Reads a unit's crawl from the store, judges it, and sets it against the unit's history. With
 * a pool, the pages are scanned with their texts read on its threads too.
 */
export async function judgeUnit(
  store: Store,
  runId: string,
  unit: UnitConfig,
  profile: Profile,
  asOf: string,
  waivers: Waiver[] = [],
  platform?: HostedOn,
  pool?: ExtractPool,
  peers?: PeerReport[],
): Promise<UnitResult> {
  // The crawl's threads go (when no other unit's pages are being read) before the pages are
  // read back: the scan starts the one it needs afresh, and the rest is judged on this thread.
  await pool?.release();
  const row = store.units(runId).find((u) => u.unit_id === unit.id);
  const crawl = row?.crawl ? (JSON.parse(row.crawl) as CrawlSummary) : undefined;
  const input: JudgeInput = {
    unit,
    profile,
    asOf,
    waivers,
    pages: store.pages(runId, unit.id),
    crawl,
    probes: store.probes(runId, unit.id),
    monitor: monitorWindow(store, unit.id, asOf, profile.availability.monitorDays),
    platform,
    peers,
  };
  input.earlier = earlierLists(store, runId, unit.id, input.pages);
  if (pool) {
    const ctx = contextOf(input);
    // Any failure here (a scan that throws) leaves the scanning to the judge, which reports
    // such a check as 无法检测 on its own.
    const outcomes = await scanOnThreads(store, SCANNERS, ctx, pool).catch(() => undefined);
    if (outcomes) input.scanned = { ctx, outcomes };
    await pool.release();
  }
  return withHistory(store, runId, asOf, judge(input));
}

/** The monitoring samples of the window before the assessment date; none taken: undefined. */
function monitorWindow(store: Store, unitId: string, asOf: string, days: number) {
  const { from, to } = windowOf(asOf, days);
  const samples = store.samples(unitId, from, to);
  return samples.length ? summarise(samples, from, to) : undefined;
}

/**
 * The previous crawl's lists of the pages that are lists now (only those are read back: the
 * artifacts of a whole earlier crawl are not loaded).
 */
function earlierLists(
  store: Store,
  runId: string,
  unitId: string,
  pages: PageRecord[],
): EarlierLists | undefined {
  const prev = store.previousCrawl(runId, unitId);
  if (!prev) return undefined;
  const now = new Set(
    pages
      .filter((p) => p.kind === 'page' && (p.artifacts?.listItems.length ?? 0) >= 3)
      .map((p) => p.url),
  );
  const lists: EarlierLists['lists'] = {};
  for (const p of store.pages(prev.runId, unitId))
    if (now.has(p.url) && p.artifacts) lists[p.url] = p.artifacts.listItems.filter((i) => i.date);
  const crawledOn = new Date(Date.parse(prev.startedAt) + 8 * 3600_000).toISOString().slice(0, 10);
  return { runId: prev.runId, crawledOn, lists };
}

/**
 * The pages by depth, then address: the crawl's order depends on which answer came first, and a
 * finding that names one page of many (its example, its fingerprint) must not change with it.
 */
function inReadingOrder(pages: PageRecord[]): PageRecord[] {
  return pages.sort((a, b) => a.depth - b.depth || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

/** What every check is given: the unit, its pages (by URL too), its homepage, crawl and probes. */
function contextOf(input: JudgeInput): CheckContext {
  const { unit, profile, asOf, crawl, probes, monitor, earlier, peers } = input;
  const pages = inReadingOrder(input.pages);
  const byUrl = new Map(pages.map((p) => [p.url, p]));
  const homepage = byUrl.get(unit.site) ?? (crawl ? byUrl.get(crawl.homepage.url) : undefined);
  return {
    unit,
    profile,
    asOf,
    pages,
    byUrl,
    homepage,
    crawl,
    probes,
    ...(monitor ? { monitor } : {}),
    ...(earlier ? { earlier } : {}),
    ...(peers?.length ? { peers } : {}),
  };
}

/** One unit's result from its pages and probes: pure, no store, no clock, no network. */
export function judge(input: JudgeInput): UnitResult {
  const { unit, profile, asOf, waivers, crawl } = input;
  const ctx = input.scanned?.ctx ?? contextOf(input);
  const outcomes = runChecks(ctx, input.scanned?.outcomes);
  // A scope that matches nothing found none of the unit's pages: nothing of it was measured.
  if (crawl?.scopeUnmatched) {
    for (const o of outcomes.values())
      Object.assign(o, { status: 'error', reason: crawl.scopeUnmatched, findings: [] });
  }
  groupFindings(outcomes);
  const waived = applyWaivers(outcomes, waivers, unit.id, asOf);
  const onPlatform = input.platform ? takePlatform(outcomes, input.platform, profile) : [];
  const platformIds = new Set(onPlatform.map((t) => t.finding));
  const scored = scoreUnit(profile, outcomes, profile.passMark);
  const result: UnitResult = {
    id: unit.id,
    name: unit.name,
    kind: unit.kind,
    site: unit.site,
    score: scored.score,
    vetoed: scored.vetoed,
    verdict: scored.verdict,
    pending: scored.pending,
    ...(scored.unmeasured.checks ? { unmeasured: scored.unmeasured } : {}),
    coverage: coverageOf(crawl),
    checks: [],
    findings: [],
    ...(input.platform
      ? {
          platform: {
            id: input.platform.id,
            ...(input.platform.name ? { name: input.platform.name } : {}),
            deducted: profile.platform.deductHosted,
          },
        }
      : {}),
  };
  const toFinding = (checkId: string, f: RawFinding) => findingOf(checkId, f, asOf);
  if (waived.length)
    result.waived = waived.map((w) => ({
      ...toFinding(w.check, w.finding),
      waiver: { reason: w.waiver.reason, by: w.waiver.by, until: w.waiver.until },
    }));
  for (const check of checksInOrder(Object.keys(profile.checks))) {
    const o = outcomes.get(check.id)!;
    const s = scored.perCheck.get(check.id)!;
    result.checks.push({
      id: check.id,
      name: check.name,
      category: profile.checks[check.id]?.category,
      ...(profile.checks[check.id]?.veto ? { veto: true } : {}),
      title: check.title,
      basis: check.basis,
      status: o.status,
      score: s.score,
      max: s.max,
      reason: o.reason && redact(o.reason, asOf),
      metrics: o.metrics,
      ...(o.details ? { details: redactDetails(o.details, asOf) } : {}),
    });
    for (const f of o.findings) {
      const expired = (f as RawFinding & { waiverExpired?: string }).waiverExpired;
      const finding = toFinding(check.id, f);
      if (expired) finding.waiverExpired = expired;
      if (platformIds.has(f)) finding.platform = input.platform!.id;
      result.findings.push(finding);
    }
  }
  // Not deducted: listed after the unit's own, each marked with its platform.
  if (!profile.platform.deductHosted)
    for (const t of onPlatform)
      result.findings.push({ ...toFinding(t.check, t.finding), platform: input.platform!.id });
  if (profile.checklistData)
    result.checklist = taskList(
      profile.checklistData,
      unit,
      result,
      outcomes.get('task-items'),
      (s) => redact(s, asOf),
    );
  return result;
}

/** A check's tables, every cell and title masked like a finding's strings. */
function redactDetails(
  details: NonNullable<CheckOutcome['details']>,
  asOf: string,
): NonNullable<CheckOutcome['details']> {
  const clean = (s: string) => redact(s, asOf);
  return details.map((d) => ({
    ...d,
    title: clean(d.title),
    header: d.header.map(clean),
    rows: d.rows.map((row) => ({
      cells: row.cells.map((c) =>
        typeof c.value === 'string' ? { ...c, value: clean(c.value) } : c,
      ),
    })),
  }));
}

/** What the crawl covered, as run.json says it. */
function coverageOf(crawl: CrawlSummary | undefined): UnitResult['coverage'] {
  return {
    pagesFetched: crawl?.pagesFetched ?? 0,
    pagesFailed: crawl?.pagesFailed ?? 0,
    linksChecked: crawl?.linksChecked ?? 0,
    limitHit: crawl?.limitHit ?? false,
    interrupted: crawl ? crawl.interrupted : true,
    ...(crawl?.pagesRendered ? { pagesRendered: crawl.pagesRendered } : {}),
    ...(crawl?.offsiteUnchecked ? { offsiteUnchecked: crawl.offsiteUnchecked } : {}),
    ...(crawl?.rechecked ? { rechecked: crawl.rechecked } : {}),
    ...(crawl?.browser ? { browser: crawl.browser } : {}),
  };
}

/** One way every finding leaves the judge: masked and capped, named by its check. */
function findingOf(checkId: string, f: RawFinding, asOf: string): Finding {
  const check = CHECKS.find((c) => c.id === checkId)!;
  const clean = (s: string) => redact(s, asOf);
  // Every string that leaves the judge is masked and capped here, whichever check wrote it:
  // the URLs shown too, and where a screenshot should point. A locate that held personal data
  // (a[href="tel:139…"]) is dropped rather than masked: masked, it would point at nothing, and
  // run.json had carried the number in it while the evidence was masked.
  const locate = f.locate && Object.values(f.locate).every((v) => clean(String(v)) === v);
  return {
    check: check.id,
    severity: f.severity,
    url: clean(f.url),
    message: clean(f.message),
    evidence: redact(f.evidence, asOf, EVIDENCE_MAX),
    advice: check.advice,
    basis: check.basis,
    fingerprint: findingFingerprint(check.id, f),
    pages: (f.pages ?? [f.url]).map(clean),
    ...(locate ? { locate: f.locate } : {}),
    ...(f.early ? { early: true as const } : {}),
  };
}
