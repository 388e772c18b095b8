// The shapes of run.json (the contract in DESIGN.md), with a few additive fields
// (verdict, pending, title/basis per check, incomplete) that reports use.
import type { CheckStatus, Severity } from '../../checks/types.ts';

export interface CheckResult {
  id: string;
  name: string;
  title: string;
  basis: string;
  status: CheckStatus;
  score: number;
  max: number;
  reason?: string;
  metrics?: Record<string, unknown>;
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
}

export type Verdict = '合格' | '不合格' | '待核实';

export interface UnitResult {
  id: string;
  name: string;
  kind: string;
  site: string;
  score: number;
  vetoed: boolean;
  verdict: Verdict;
  /** Some check could not run: the score is not final until someone looks. */
  pending: boolean;
  coverage: {
    pagesFetched: number;
    pagesFailed: number;
    linksChecked: number;
    limitHit: false | string;
    interrupted?: boolean;
  };
  checks: CheckResult[];
  findings: Finding[];
}

export interface RunJson {
  runId: string;
  asOf: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'complete' | 'interrupted';
  tool: { version: string; commit: string };
  profile: string;
  units: UnitResult[];
}
