// How findings with the same `group` become one problem listing its pages: the first speaks for
// it, the most severe occurrence replaces it, each page is listed once. The judge merges every
// check's findings so; a check whose pages repeat a problem thousands of times (copies of a
// document and of its 解读: every pair of copies) merges as it goes, so that it holds one
// finding a problem rather than one a pair (10,000 real pages: 226,000 findings, 63 MB).
import { SEVERITY_ORDER, type RawFinding } from './check.ts';

export class FindingGroups {
  /** The findings so far, merged, in the order their problems first came. */
  readonly out: RawFinding[] = [];
  private readonly merged = new Map<string, { first: RawFinding; pages: Set<string> }>();

  add(f: RawFinding): void {
    const pages = f.pages ?? [f.url];
    if (f.group === undefined) return void this.out.push({ ...f, pages });
    const known = this.merged.get(f.group);
    if (!known) {
      const first = { ...f, pages: [...pages] };
      this.merged.set(f.group, { first, pages: new Set(pages) });
      this.out.push(first);
      return;
    }
    const { first } = known;
    for (const url of pages)
      if (!known.pages.has(url)) {
        known.pages.add(url);
        first.pages!.push(url);
      }
    // The most severe occurrence speaks for the problem (a dead link on the homepage).
    if (SEVERITY_ORDER.indexOf(f.severity) < SEVERITY_ORDER.indexOf(first.severity))
      Object.assign(first, { ...f, pages: first.pages });
  }
}
