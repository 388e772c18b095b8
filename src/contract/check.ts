// The contract between gathering and judging: a check is metadata plus a pure function over
// what the crawl stored (pages with artifacts, probe results). It never fetches anything.
import type { Profile, UnitConfig } from '../config/schema.ts';
import type { CrawlSummary, PageRecord } from './page.ts';
import type { MonitorWindow, ProbeName, RequiredProbes } from './probes.ts';

export type { ProbeName } from './probes.ts';

export type CheckStatus = 'pass' | 'fail' | 'not-applicable' | 'error';

export type Severity = 'veto' | 'error' | 'warning' | 'info';

/** Most severe first: the one order every list, picture budget and grouping uses. */
export const SEVERITY_ORDER: readonly Severity[] = ['veto', 'error', 'warning', 'info'];

export interface RawFinding {
  severity: Severity;
  url: string;
  /** 中文, one sentence naming what is wrong. */
  message: string;
  evidence: string;
  /** What identifies this defect on this page across runs (column id, link target, field). */
  key: string;
  /** Where on the page a screenshot should point: a link target, a text, or the footer. */
  locate?: Locate;
  /**
   * What makes this the same problem wherever it appears (a dead link's target, an injected
   * block, an element of the template): findings of one check with the same group are one
   * problem that lists its pages. Without it a finding is a problem of its own page.
   */
  group?: string;
  /** The same problem as another check reports it (a dead column link is not also a dead link). */
  covers?: { check: string; group: string }[];
  /** Filled by the judge for grouped findings: every page where the problem appears. */
  pages?: string[];
  /** 预警: a measure of a single-veto item short of its veto line, shown and sent apart. */
  early?: boolean;
}

export interface Locate {
  href?: string;
  text?: string;
  /** A CSS selector (axe-core's target). */
  selector?: string;
  area?: 'footer';
}

/** A table a check shows beside its findings (the annual report's table 三 with its wrong cells). */
export interface DetailTable {
  kind: 'table';
  title: string;
  header: string[];
  rows: { cells: { value: string | number; bad?: boolean }[] }[];
}

export interface CheckOutcome {
  status: CheckStatus;
  reason?: string;
  findings: RawFinding[];
  metrics?: Record<string, unknown>;
  /** What the report shows of this check besides its findings, rendered the same for every check. */
  details?: DetailTable[];
}

export interface CheckContext<R extends ProbeName = never> {
  unit: UnitConfig;
  profile: Profile;
  asOf: string;
  pages: PageRecord[];
  byUrl: Map<string, PageRecord>;
  homepage: PageRecord | undefined;
  crawl: CrawlSummary | undefined;
  /** What the probes stored; those the check `requires` are there and measured. */
  probes: RequiredProbes<R>;
  /** The monitoring samples of the unit's homepage over the window, when the server took any. */
  monitor?: MonitorWindow;
  /** What the unit's column lists showed at its previous crawl (for 倒签), when there was one. */
  earlier?: EarlierLists;
  /** Other units' 年度报告 of this run that share most of their sentences with this unit's. */
  peers?: PeerReport[];
}

/** Another unit's 政府信息公开年度报告 in the same run: its sentences, numbers and name blanked. */
export interface PeerReport {
  unitId: string;
  name: string;
  year: number;
  url: string;
  sentences: string[];
}

/** The list items of a unit's column pages at an earlier crawl, by page URL. */
export interface EarlierLists {
  runId: string;
  /** The day (Beijing) that crawl ran. */
  crawledOn: string;
  lists: Record<string, { url: string; title: string; date: string }[]>;
}

export interface Check<O = unknown> {
  id: string;
  /** 中文, a few characters: how tables and lists name it. */
  name: string;
  /** 中文: what is required. */
  title: string;
  /** The rule it enforces. */
  basis: string;
  /** How to fix, shown with every finding. */
  advice: string;
  scope: 'site' | 'page';
  /** Probes it reads: when one is missing the judge says 无法检测 with that probe's reason. */
  requires?: ProbeName[];
  /** False where no finding may get a screenshot (personal data; nothing to point at). */
  screenshots?: boolean;
  /** Its settings and their defaults (inferred thresholds), set in the profile's checks.<id>.options. */
  options?: {
    parse(input: unknown): O;
    safeParse(input: unknown): { success: boolean; error?: unknown };
  };
  /** Without options, the defaults apply. */
  run(ctx: CheckContext, options?: O): CheckOutcome;
}
