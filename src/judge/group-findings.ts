// One problem, one finding: a dead footer link on 19 pages or template spam is one problem that
// lists its pages, so run.json, the score and the 整改清单 count it once. Checks say what makes
// findings the same problem (`group`); a finding that names another check's problem as its own
// (`covers`: a dead column link) takes that one's place.
import type { CheckOutcome } from '../contract/check.ts';
import { FindingGroups } from '../contract/finding-groups.ts';

export function groupFindings(outcomes: Map<string, CheckOutcome>): void {
  const covered = new Set<string>();
  for (const [, o] of outcomes)
    for (const f of o.findings)
      for (const c of f.covers ?? []) covered.add(`${c.check}\n${c.group}`);
  for (const [checkId, o] of outcomes) {
    const groups = new FindingGroups();
    for (const f of o.findings)
      if (f.group === undefined || !covered.has(`${checkId}\n${f.group}`)) groups.add(f);
    const out = groups.out;
    o.findings = out;
    if (o.status === 'fail' && out.length === 0) o.status = 'pass';
  }
}
