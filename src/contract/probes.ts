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

export interface HttpsProbe {
  /** Why the probe could not say anything (the site's port gives no HTTPS address), if so. */
  skipped?: string;
  /** The homepage over HTTPS, the certificate checked. */
  https?: HttpsFetch;
  /** The homepage over plain HTTP: where it leads. */
  http?: HttpsFetch;
  /** Resources the HTTPS homepage loads over plain HTTP (mixed content). */
  mixed: string[];
}
