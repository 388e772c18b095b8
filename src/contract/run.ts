// The shapes of run.json (the contract in docs/DESIGN.md), with a few additive fields
// (verdict, pending, title/basis per check, incomplete) that reports use.
import type { CheckStatus, DetailTable, Locate, Severity } from './check.ts';

export interface CheckResult {
  id: string;
  name: string;
  /** The profile's category (单项否决, 信息发布, 政策解读 …). */
  category?: string;
  /** A single-veto check (the profile's `veto`): its warnings are 预警, shown apart. */
  veto?: boolean;
  title: string;
  basis: string;
  status: CheckStatus;
  /** Null when the check could not run: no points are shown for what was not measured. */
  score: number | null;
  max: number;
  reason?: string;
  metrics?: Record<string, unknown>;
  details?: DetailTable[];
}

export interface Finding {
  check: string;
  severity: Severity;
  url: string;
  message: string;
  evidence: string;
  advice: string;
  basis: string;
  fingerprint: string;
  /** Every page where this problem appears (one for a problem of the page itself); always
   *  written, absent only in runs stored before it existed. */
  pages?: string[];
  /** The assessment date of the first run that found this problem (history). */
  firstSeen?: string;
  /** Against the unit's previous run: new, or still open. */
  change?: 'new' | 'open';
  /** An expired waiver that covered this finding: it is open again. */
  waiverExpired?: string;
  /** Where on the page the screenshot points (browser mode). */
  locate?: Locate;
  /** The screenshot of the problem, relative to run.json's folder (browser mode). */
  screenshot?: string;
  /** What the screenshot shows: the element outlined, a hidden element revealed, or the page top. */
  screenshotShows?: 'element' | 'hidden' | 'page';
  /**
   * Only on a hosted unit's copy of a problem of the shared platform it publishes on (its
   * template, its host): the platform's id. Charged to the platform's owner, shown here.
   */
  platform?: string;
  /** 预警: a single-veto measure past its warning line, short of the veto (shown apart, alerted). */
  early?: true;
}

export interface WaivedFinding extends Finding {
  waiver: { reason: string; by: string; until: string };
}

export interface UnitHistory {
  previousRunId: string;
  previousAsOf: string;
  previousScore: number | null;
  newCount: number;
  openCount: number;
  /** Findings of the previous run that this run no longer finds. */
  fixed: Finding[];
  /** Scores of this unit's last runs (up to six), oldest first, this one last. */
  trend: { runId: string; asOf: string; score: number | null; verdict: string }[];
}

export type Verdict = '合格' | '不合格' | '待核实';

export interface UnitResult {
  id: string;
  name: string;
  kind: string;
  site: string;
  /** Null when the unit could not be tested (its homepage was down, blocked or not a page). */
  score: number | null;
  vetoed: boolean;
  verdict: Verdict;
  /** Some check could not run: the score is not final until someone looks. */
  pending: boolean;
  /** The checks that could not run and their weight, left out of the score. */
  unmeasured?: { checks: number; weight: number };
  coverage: {
    pagesFetched: number;
    pagesFailed: number;
    linksChecked: number;
    limitHit: false | string;
    interrupted?: boolean;
    /** Pages read in Chromium after their scripts ran. */
    pagesRendered?: number;
    /** How the browser served this unit, or why it did not. */
    browser?: string;
    /** Off-site links not checked because this machine reaches no outside network. */
    offsiteUnchecked?: { links: number; reason: string };
    /** Dead links and pages fetched once more after a pause before being reported. */
    rechecked?: { tried: number; recovered: number };
    /** The `zwgk worker` (host:pid) that crawled and judged the unit, in a run on workers. */
    worker?: string;
  };
  checks: CheckResult[];
  findings: Finding[];
  /** The shared platform the unit's site is hosted on, and whether its problems count here. */
  platform?: { id: string; name?: string; deducted: boolean };
  /** Findings an accepted, unexpired waiver covers: shown apart, not scored. */
  waived?: WaivedFinding[];
  history?: UnitHistory;
  /** The assessment's task list, item by item, as far as checks and the site can tell. */
  checklist?: ChecklistEntry[];
}

export type ChecklistStatus = '达标' | '未达标' | '待核实' | '人工核查' | '不适用';

/** One task of the list for one unit. */
export interface ChecklistEntry {
  id: string;
  section: string;
  title: string;
  requirement: string;
  status: ChecklistStatus;
  checks: string[];
  findings: number;
  /** Why this status (责任单位 not this unit; what the site showed; what was searched). */
  why?: string;
  /** The list's 责任单位 and this unit's part in it (牵头, 责任单位, 有关单位). */
  responsible?: string;
  /** The office's 备注: the 整改要求 when 未达标. */
  remark?: string;
  deadline?: string;
  /** Pages the site showed for it (column, articles, attachments). */
  found?: { title: string; url: string; date?: string }[];
  searched?: string;
  /** Its row in the 工作台账, when the report server adds it (人工核查 and 待核实 items). */
  ledger?: { status: string; label: string; note: string; at: string; officeNote?: string };
}

export interface RunJson {
  runId: string;
  asOf: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'complete' | 'interrupted';
  /** `rules`: the hash of the rule code that judged the run (absent in runs before it was kept). */
  tool: { version: string; commit: string; rules?: string };
  profile: string;
  units: UnitResult[];
}
