// What the probes gather besides pages (IPv6, cloaking, accessibility, the auditor's network).
import type { ErrorClass } from './page.ts';

export interface Ipv6Fetch {
  url: string;
  status: number | null;
  title?: string;
  error?: string;
  errorClass?: string;
  /** Failed on our side (no route, network unreachable): not the site's fault. */
  ourSide: boolean;
}

export interface Ipv6Probe {
  host: string;
  aaaa: string[];
  aaaaError?: string;
  v4?: Ipv6Fetch;
  v6?: Ipv6Fetch;
  links: Ipv6Fetch[];
}

export interface CloakView {
  status: number | null;
  finalUrl: string;
  error?: string;
  title?: string;
  /** Links to other hosts, with their text. */
  offsite: { url: string; text: string }[];
  text?: string;
}

export interface CloakingProbe {
  normal: CloakView;
  spider: CloakView;
  referer: CloakView;
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string; html: string }[];
  count: number;
}

export interface AccessibilityProbe {
  pages: { url: string; error?: string; violations: AxeViolation[] }[];
  axeVersion?: string;
}

export interface OutsideProbe {
  /** False only when every reference host failed for a network reason. */
  reachable: boolean;
  reason?: string;
  tried: { host: string; status?: number | null; error?: string; errorClass?: ErrorClass }[];
}

export interface HttpsFetch {
  url: string;
  status: number | null;
  finalUrl: string;
  error?: string;
  errorClass?: ErrorClass;
}

export type HttpsProbe =
  /** The probe could not say anything: the site's port gives no HTTPS address. */
  | { skipped: string }
  | {
      skipped?: undefined;
      /** The homepage over HTTPS, the certificate checked. */
      https: HttpsFetch;
      /** The homepage over plain HTTP: where it leads. */
      http: HttpsFetch;
      /** Resources the HTTPS homepage loads over plain HTTP (mixed content). */
      mixed: string[];
    };

/** 站内搜索: the entry the homepage offers and what searching a recent article's title found. */
export type SearchProbe =
  /** No search box at all. */
  | { entry: 'none' }
  /** A search box that only script submits (judged by a person). */
  | { entry: 'script' }
  | {
      entry: 'form';
      method: 'GET' | 'POST';
      action: string;
      /** The recent article searched for, and the words sent. */
      target?: { title: string; url: string };
      query?: string;
      /** The results page: its address and status, whether it names the article, or why not. */
      resultsUrl?: string;
      status?: number | null;
      found?: boolean;
      error?: string;
    };

/**
 * Every probe and what it stores: adding a probe is its gatherer (src/probes/), one entry here
 * and one in the registry (src/probes/registry.ts). A check's `requires` types what it reads.
 */
export interface Probes {
  ipv6: Ipv6Probe;
  cloaking: CloakingProbe;
  https: HttpsProbe;
  accessibility: AccessibilityProbe;
  search: SearchProbe;
}

export type ProbeName = keyof Probes;

/** A probe that ran but could not measure (through a proxy, say): why. */
export interface NotMeasured {
  notMeasured: string;
}

/** What a unit's probes stored: each one's facts, or why it could not measure. */
export type GatheredProbes = { [K in ProbeName]?: Probes[K] | NotMeasured };

/** The probes a check required, each there and measured (the judge saw to it). */
export type RequiredProbes<R extends ProbeName> = GatheredProbes & { [K in R]: Probes[K] };

/** One monitoring visit to a unit's homepage (the report server's sampling, 19号 SV-DOWN). */
export interface MonitorSample {
  /** ISO time of the visit. */
  at: string;
  /** Opened within the time limit with a status below 400. */
  ok: boolean;
  status: number | null;
  error?: string;
  elapsedMs: number;
}

/** The samples of the window before the assessment date, as site-availability reads them. */
export interface MonitorWindow {
  from: string;
  to: string;
  samples: number;
  failed: number;
  /** The days of the window that had samples. */
  days: number;
  /** Beijing hours with the most failures, most first. */
  worstHours: { hour: number; failed: number; samples: number }[];
  /** A few failed visits, oldest first. */
  examples: MonitorSample[];
}
