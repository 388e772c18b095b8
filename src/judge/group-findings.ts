// One problem, one finding: a dead footer link on 19 pages or template spam is one problem that
// lists its pages, so run.json, the score and the 整改清单 count it once. Checks say what makes
// findings the same problem (`group`); a finding that names another check's problem as its own
// (`covers`: a dead column link) takes that one's place.
import { SEVERITY_ORDER, type CheckOutcome, type RawFinding } from '../contract/check.ts';

export function groupFindings(outcomes: Map<string, CheckOutcome>): void {
  const covered = new Set<string>();
  for (const [, o] of outcomes)
    for (const f of o.findings)
      for (const c of f.covers ?? []) covered.add(`${c.check}\n${c.group}`);
  for (const [checkId, o] of outcomes) {
    const merged = new Map<string, RawFinding>();
    const out: RawFinding[] = [];
    for (const f of o.findings) {
      if (f.group !== undefined && covered.has(`${checkId}\n${f.group}`)) continue;
      if (f.group === undefined) {
        out.push({ ...f, pages: [f.url] });
        continue;
      }
      const first = merged.get(f.group);
      if (!first) {
        const g = { ...f, pages: [f.url] };
        merged.set(f.group, g);
        out.push(g);
        continue;
      }
      if (!first.pages!.includes(f.url)) first.pages!.push(f.url);
      // The most severe occurrence speaks for the problem (a dead link on the homepage).
      if (SEVERITY_ORDER.indexOf(f.severity) < SEVERITY_ORDER.indexOf(first.severity))
        Object.assign(first, { ...f, pages: first.pages });
    }
    o.findings = out;
    if (o.status === 'fail' && out.length === 0) o.status = 'pass';
  }
}
