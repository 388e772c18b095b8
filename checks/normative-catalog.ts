import { normalizeValidity } from './normative-format.ts';
import { usableHomepage } from './support/homepage.ts';
import { normativeDocuments } from './support/normative-docs.ts';
import { pageIndex } from './support/page-index.ts';
import { pageTitle } from './support/policy-pairs.ts';
import type { Check, RawFinding } from './types.ts';


const check: Check = {
  id: 'normative-catalog',
  name: '规范性文件目录',
  title: '公开现行有效的行政规范性文件目录，目录收录栏目中的全部有效文件，件数与年报一致',
  basis: '《2022年政务公开工作要点》建立现行有效行政规范性文件库并动态更新；本市任务清单「形成现行有效的规范性文件目录，文件数量与信息公开年报数量一致」',
  advice: '清理本单位规范性文件，公开「现行有效行政规范性文件目录」，收录全部现行有效文件并动态更新，件数与政府信息公开年报一致。',
  scope: 'site',
  run(ctx) {
    const home = usableHomepage(ctx);
    if ('outcome' in home) return home.outcome;
    const docs = normativeDocuments(ctx);
    if (docs.length === 0) return { status: 'not-applicable', reason: '未找到行政规范性文件', findings: [] };
    // The catalog: a link whose text names it, on any page we crawled.
    const catalogUrl = pageIndex(ctx).find((x) => x.catalogLinks.length)?.catalogLinks[0];
    const countNote = '与年报「现行有效件数」的比对待年报检查（annual-report）提供数据后进行';
    if (!catalogUrl) {
      return {
        status: 'fail',
        reason: countNote,
        findings: [{ severity: 'error', url: ctx.homepage!.url, key: 'no-catalog', message: '未找到「现行有效行政规范性文件目录」。', evidence: `已抓取 ${ctx.pages.length} 个页面，未发现名称含「规范性文件目录／清单／库」的链接` }],
      };
    }
    const catalog = ctx.byUrl.get(catalogUrl);
    if (!catalog?.artifacts || catalog.errorClass || (catalog.status ?? 0) >= 400) {
      const why = catalog ? catalog.error ?? `HTTP ${catalog.status}` : '超出抓取预算，未打开';
      if (!catalog) return { status: 'error', reason: `目录页 ${catalogUrl} ${why}`, findings: [] };
      return { status: 'fail', reason: countNote, findings: [{ severity: 'error', url: catalogUrl, key: 'catalog-broken', message: `规范性文件目录无法打开（${why}）。`, evidence: catalogUrl }] };
    }
    const listed = new Set(catalog.artifacts.links.map((l) => l.url));
    const text = catalog.text ?? '';
    const findings: RawFinding[] = [];
    let valid = 0;
    for (const doc of docs) {
      const md = doc.artifacts!.metadata;
      if (md.有效性 && normalizeValidity(md.有效性) !== 'valid') continue;
      valid++;
      const title = pageTitle(doc);
      const no = md.文号?.trim();
      if (listed.has(doc.url) || text.includes(title) || (no && no.length >= 6 && text.includes(no))) continue;
      findings.push({ severity: 'warning', url: catalogUrl, key: `unlisted:${doc.url}`, message: `现行有效的文件「${title}」未列入规范性文件目录。`, evidence: `${doc.url}${no ? `（${no}）` : ''}` });
    }
    return { status: findings.length ? 'fail' : 'pass', findings, reason: countNote, metrics: { catalog: catalogUrl, validDocuments: valid } };
  },
};

export default check;
