// 办事服务 (国办秘函〔2019〕19号 单项否决「服务不实用」, domain-rules SV-SVC): a unit with
// services to the public offers an 办事服务 entry (a column, or a link to the province's 政务服务网),
// and its 办事指南 show the eight element groups 19号 names. Which guides lack them is read from
// the guides the crawl reached; the veto count (guides missing 4 or more groups, 5 or more such
// guides) is [I]: the number in the copy of 19号 we hold is truncated.
import { z } from 'zod';
import type { RawFinding } from '../src/contract/check.ts';
import type { PageArtifacts, PageRecord } from '../src/contract/page.ts';
import { defineCheck } from './define.ts';
import { usableHomepage } from './support/homepage.ts';
import { titleOf } from './support/page-index.ts';
import { looksOf, type Looks } from './support/looks.ts';

/** The eight 重点要素类别 of a guide, each with the labels real guides use. */
export const ELEMENTS: [string, RegExp][] = [
  ['事项名称', /事项名称|服务事项|办理事项|项目名称|事项全称/],
  ['设定依据', /设定依据|法律依据|办理依据|实施依据|政策依据|法定依据/],
  ['申请条件', /申请条件|受理条件|办理条件|申办条件|准予条件|申请人条件/],
  ['办理材料', /办理材料|申请材料|申报材料|所需材料|材料目录|提交材料|材料清单/],
  ['办理地点', /办理地点|受理地点|办理地址|窗口地址|受理地址|办公地点/],
  ['办理时间', /办理时间|受理时间|办公时间|工作时间/],
  ['联系电话', /咨询电话|联系电话|咨询方式|咨询途径|联系方式|监督电话/],
  ['办理流程', /办理流程|办事流程|办理程序|受理流程|流程图|审批流程|办理环节/],
];

/** An 办事服务 entry: by its words, or by a link to a 政务服务网. */
const ENTRY =
  /办事服务|网上办事|政务服务|在线办事|办事大厅|我要办|便民服务|办事指南|服务指南|一网通办/;
const SERVICE_HOST = /(^|\.)(zwfw|zwfwb|gjzwfw|ahzwfw|zjzwfw|zxbs|wsbs)[\w-]*\./i;
const GUIDE_TITLE = /办事指南|服务指南|办理指南|申报指南/;

/** A page whose title or first lines look like a guide's (its text decides: `isGuide`). */
function hintsGuide(a: PageArtifacts): boolean {
  if (/列表|目录|导航/.test(a.title)) return false;
  const head = `${a.title} ${a.visibleText}`;
  return GUIDE_TITLE.test(head) || ELEMENTS.filter(([, re]) => re.test(head)).length >= 2;
}

/**
 * A hinted page that is a guide: titled as one, or showing most of the element labels. Its
 * text is read only then (texts are unpacked on demand).
 */
function isGuide(p: PageRecord, a: PageArtifacts): boolean {
  const head = `${a.title} ${a.visibleText}`;
  const found = ELEMENTS.filter(([, re]) => re.test(p.text ?? '')).length;
  return (GUIDE_TITLE.test(head) && found >= 2) || found >= 5;
}

/** Pages whose menus name the site's entries: the homepage and the two levels below it. */
export const MENU_DEPTH = 2;

type Entry = { url: string; text: string };
type Looked = Looks<{ entries: Entry[]; hinted: boolean }>;

/** What the check looks for in every page: its entry links, and whether it may be a guide. */
const LOOK = {
  page(a: PageArtifacts) {
    const entries = a.links
      .filter(
        (l) => (ENTRY.test(l.text) && l.text.length <= 20) || SERVICE_HOST.test(hostOf(l.url)),
      )
      .map(({ url, text }) => ({ url, text }));
    const hinted = hintsGuide(a);
    return entries.length || hinted ? { entries, hinted } : undefined;
  },
  // A deeper page keeps only whether it may be a guide: its entry links (the site's menu) are
  // never read.
  keep: {
    start: (): Looked => [],
    add(kept: Looked, page: PageRecord, look: Looked[number]['look']) {
      if (page.depth <= MENU_DEPTH) kept.push({ page, look });
      else if (look.hinted) kept.push({ page, look: { entries: [], hinted: true } });
    },
  },
};

const check = defineCheck({
  meta: {
    id: 'service-guides',
    name: '办事服务',
    title: '提供办事服务入口，办事指南要素齐全（事项名称、设定依据、申请条件、办理材料等八类）',
    basis:
      '国办秘函〔2019〕19号 单项否决「服务不实用」：未提供办事服务；' +
      '办事指南重点要素类别（事项名称、设定依据、申请条件、办理材料、办理地点、办理时间、' +
      '联系电话、办理流程）缺失',
    advice:
      '在网站显著位置提供办事服务入口（或链接到本省政务服务网）；逐项补全办事指南的八类要素，' +
      '并与政务服务网上的同一事项保持一致。',
    scope: 'site',
    options: z
      .object({
        /** Unit kinds with services to the public (19号: those without are not checked). */
        kinds: z.array(z.string()).default(['department', 'county']),
        /** [I] A guide missing this many groups counts toward the veto. */
        vetoMissing: z.number().int().min(1).max(8).default(4),
        /** [I] This many such guides is a veto. */
        vetoGuides: z.number().int().min(1).default(5),
      })
      .strict(),
  },
  look: LOOK,
  run(ctx, options) {
    if (!options.kinds.includes(ctx.unit.kind))
      return { status: 'not-applicable', reason: '该类单位不对外提供办事服务', findings: [] };
    const home = usableHomepage(ctx);
    if ('outcome' in home) return home.outcome;
    const looks = looksOf(ctx, 'service-guides', LOOK);
    const entries = new Map<string, string>();
    for (const { page, look } of looks)
      if (page.depth <= MENU_DEPTH)
        for (const l of look.entries) if (!entries.has(l.url)) entries.set(l.url, l.text);
    const guides = looks
      .filter(({ page, look }) => look.hinted && isGuide(page, page.artifacts!))
      .map((x) => x.page);
    if (entries.size === 0 && guides.length === 0)
      return ctx.crawl?.limitHit
        ? {
            status: 'error',
            reason: '未找到办事服务入口，但抓取已达上限，无法断定网站没有',
            findings: [],
          }
        : {
            status: 'fail',
            findings: [
              {
                severity: 'veto',
                url: ctx.homepage!.url,
                key: 'no-entry',
                message: '网站未提供办事服务入口（办事服务栏目或政务服务网链接）。',
                evidence: '首页及已抓取页面中没有办事服务、网上办事、政务服务类入口',
              },
            ],
          };
    if (guides.length === 0) {
      const [url, text] = [...entries][0];
      return {
        status: 'error',
        reason:
          `找到办事服务入口「${text || url}」，但未抓取到办事指南（多在政务服务网上），` +
          '要素需人工核查',
        findings: [],
        metrics: { entries: entries.size, guides: 0 },
      };
    }
    const findings: RawFinding[] = [];
    let poor = 0;
    for (const g of guides) {
      const missing = ELEMENTS.filter(([, re]) => !re.test(g.text ?? '')).map(([name]) => name);
      if (missing.length === 0) continue;
      if (missing.length >= options.vetoMissing) poor++;
      findings.push({
        severity: 'warning',
        url: g.url,
        key: `missing:${missing.join(',')}`,
        message: `办事指南「${titleOf(g.artifacts!)}」缺少${missing.map((m) => `「${m}」`).join('')}。`,
        evidence: `八类要素中缺少 ${missing.length} 类：${missing.join('、')}`,
      });
    }
    if (poor >= options.vetoGuides)
      findings.unshift({
        severity: 'veto',
        url: ctx.homepage!.url,
        key: 'poor-guides',
        message:
          `${poor} 个办事指南各缺少 ${options.vetoMissing} 类及以上重点要素（达到 ${options.vetoGuides} 个），` +
          '服务不实用。',
        evidence: `抽查办事指南 ${guides.length} 个`,
      });
    return {
      status: findings.length ? 'fail' : 'pass',
      findings,
      metrics: { entries: entries.size, guides: guides.length, poorGuides: poor },
    };
  },
});

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

export default check;
