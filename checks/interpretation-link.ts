import { defineCheck } from './define.ts';
import { officialCalendar } from '../src/calendar/workdays.ts';
import { isBroken, usableHomepage } from './support/homepage.ts';
import { interpretationLinks, pageDate, pageTitle, policyPairs } from './support/policy-pairs.ts';
import type { RawFinding } from '../src/contract/check.ts';
import { FindingGroups } from '../src/contract/finding-groups.ts';
import type { PageRecord } from '../src/contract/page.ts';

const calendar = officialCalendar();

const BY = { link: 0, title: 1, docno: 2 } as const;

/** The 解读's titles as numbers, so that telling copies apart makes no string a pair. */
function titleIds(): (interp: PageRecord) => number {
  const ids = new Map<string, number>();
  const ofInterp = new Map<PageRecord, number>();
  return (interp) => {
    let id = ofInterp.get(interp);
    if (id === undefined) {
      const title = pageTitle(interp);
      id = ids.get(title);
      if (id === undefined) ids.set(title, (id = ids.size));
      ofInterp.set(interp, id);
    }
    return id;
  };
}

const check = defineCheck({
  meta: {
    id: 'interpretation-link',
    name: '文件与解读关联',
    title: '行政规范性文件都有政策解读，政策文件与解读相互链接（一一关联），解读都关联到文件',
    basis:
      '政策解读「三同步」要求（同步起草、同步审签、同步发布）；' +
      '本市任务清单「提升政策解读质量」；文件与解读一一关联（测评惯例）',
    advice:
      '为缺少解读的文件补发解读；在文件页面加「相关解读」链接、在解读页面加「相关文件」链接，' +
      '使二者相互指向。',
    scope: 'page',
  },
  run(ctx) {
    const home = usableHomepage(ctx);
    if ('outcome' in home) return home.outcome;
    const { docs, normative, interps, pairs } = policyPairs(ctx);
    if (docs.length === 0 && interps.length === 0)
      return { status: 'not-applicable', reason: '未找到行政规范性文件或政策解读', findings: [] };
    // Merged as they come (the judge merges the same way): copies of a document and of its 解读
    // make every pair of copies a finding, one problem listing its pages.
    const groups = new FindingGroups();
    const titleId = titleIds();
    let linkedOnly = 0;
    for (const doc of docs) {
      const paired = pairs.countOfDoc(doc);
      const date = pageDate(doc);
      // It links to its 解读 by name: the 解读 exists even where its page was not read (another
      // site, or outside the crawl), so it counts.
      const linked = interpretationLinks(ctx, doc).filter((u) => {
        const target = ctx.byUrl.get(u);
        return !target || !isBroken(target.status, target.errorClass);
      });
      if (paired === 0 && linked.length) {
        linkedOnly++;
        continue;
      }
      // Only a 规范性文件 must have a 解读 at all; another policy document is paired if it has one.
      if (paired === 0 && normative.has(doc)) {
        // A document younger than the 3-working-day window may still get its interpretation.
        const age = date ? calendar.workdaysBetween(date, ctx.asOf) : undefined;
        if (age !== undefined && age <= 3) continue;
        groups.add({
          severity: 'error',
          url: doc.url,
          key: 'no-interp',
          // The same document published in several columns is one problem, its pages listed.
          group: `no-interp:${pageTitle(doc)}`,
          message: `文件「${pageTitle(doc)}」没有找到对应的政策解读。`,
          evidence: `发布日期 ${date ?? '未知'}；按链接、《标题》和文号均未匹配到解读`,
        });
      }
      // Copies of a 解读 met alike (same title, same way) are one problem on this page: the
      // first says it (100 copies of a document and of its 解读: 10,000 pairs, ~100 problems).
      const said = new Set<number>();
      for (const p of pairs.ofDoc(doc)) {
        if (p.docLinksInterp && p.interpLinksDoc) continue;
        if (!p.docLinksInterp) {
          const alike = titleId(p.interp) * 8 + Number(p.interpLinksDoc) * 4 + BY[p.by];
          if (said.has(alike)) continue;
          said.add(alike);
        }
        const message = p.docLinksInterp
          ? `解读「${pageTitle(p.interp)}」没有链接回文件（单向关联）。`
          : p.interpLinksDoc
            ? `文件页面没有链接到其解读「${pageTitle(p.interp)}」（单向关联）。`
            : `文件与解读「${pageTitle(p.interp)}」互相没有链接` +
              `（按${p.by === 'title' ? '《标题》' : '文号'}匹配）。`;
        groups.add({
          severity: 'warning',
          url: p.docLinksInterp ? p.interp.url : p.doc.url,
          key: `oneway:${p.doc.url}|${p.interp.url}`,
          // Copies of the document or the 解读 (several columns list them) are one problem: by
          // titles, so n copies of each make one finding listing its pages, not n × n.
          group: `oneway:${message}|${pageTitle(p.doc)}`,
          message,
          evidence: `文件 ${p.doc.url} ↔ 解读 ${p.interp.url}`,
        });
      }
    }
    for (const interp of interps)
      if (pairs.countOfInterp(interp) === 0) orphan(interp).forEach((f) => groups.add(f));
    const findings = groups.out;
    return {
      status: findings.length ? 'fail' : 'pass',
      findings,
      metrics: {
        documents: docs.length,
        interpretations: interps.length,
        pairs: pairs.size,
        linkedOnly,
      },
    };
  },
});

/**
 * A 解读 paired with no document. A link from its body to another page of the site may be its
 * document (a 规划 or a notice we do not count as normative, or one outside the crawl): not an
 * orphan then.
 */
function orphan(interp: PageRecord): RawFinding[] {
  const host = new URL(interp.finalUrl).host;
  const bodyLinks = interp.artifacts!.links.filter(
    (l) =>
      l.area === 'body' &&
      l.url !== interp.url &&
      new URL(l.url).host === host &&
      /\/t\d{8}_|\/art\/|content_|\.s?html?$/.test(l.url),
  );
  if (bodyLinks.length) return [];
  return [
    {
      severity: 'warning',
      url: interp.url,
      key: 'orphan',
      group: `orphan:${pageTitle(interp)}`,
      message: `解读「${pageTitle(interp)}」没有关联到本站的任何文件。`,
      evidence: '解读页面未链接到已抓取的文件，标题中的《》与文号也未匹配到文件',
    },
  ];
}

export default check;
