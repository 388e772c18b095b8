// What the server tells the office and a unit after an audit: each new 单项否决 (a veto finding)
// and each 预警 (a warning of a check that can veto: a share of failed visits near the line, say),
// once per finding — a finding already sent is never sent again, whatever run finds it again.
import type { Profile } from '../config/schema.ts';
import type { Finding, UnitResult } from '../contract/run.ts';

export interface Alert {
  unitId: string;
  unitName: string;
  kind: '单项否决' | '预警';
  finding: Finding;
}

/** A unit's alerts in a result: its veto findings, and the warnings of its veto checks. */
export function alertsOf(result: UnitResult, profile: Profile): Alert[] {
  const vetoChecks = new Set([
    ...Object.entries(profile.checks)
      .filter(([, c]) => c.veto)
      .map(([id]) => id),
    ...result.checks.filter((c) => c.veto).map((c) => c.id),
  ]);
  return result.findings
    .filter((f) => !f.platform)
    .flatMap((f): Alert[] =>
      f.severity === 'veto'
        ? [{ unitId: result.id, unitName: result.name, kind: '单项否决', finding: f }]
        : f.early && vetoChecks.has(f.check)
          ? [{ unitId: result.id, unitName: result.name, kind: '预警', finding: f }]
          : [],
    );
}

/** One alert as the robot and the e-mail say it (plain text: robots render no HTML). */
export function alertText(a: Alert, link?: string): string {
  return (
    `【政务公开测评·${a.kind}】${a.unitName}\n${a.finding.message}\n页面：${a.finding.url}` +
    (link ? `\n报告：${link}` : '')
  );
}
