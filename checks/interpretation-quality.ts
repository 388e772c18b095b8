import { z } from 'zod';
import { defineCheck } from './define.ts';
import { usableHomepage } from './support/homepage.ts';
import { pageTitle, policyPairs } from './support/policy-pairs.ts';
import type { RawFinding } from '../src/contract/check.ts';
import type { PageRecord } from '../src/contract/page.ts';

const ELEMENTS: [string, RegExp][] = [
  ['背景依据', /背景|依据/],
  ['目的意义', /目的|意义/],
  ['主要内容', /主要内容|主要任务|重点任务|主要措施/],
  ['适用范围', /适用范围|适用对象/],
  ['执行标准', /标准|条件/],
  ['期限', /期限|有效期|施行日期|实施时间/],
  ['新旧变化', /新旧|变化|调整|修订/],
  ['惠民举措', /举措|惠民|利民/],
];
const CONTACT = /(咨询|联系)(电话|方式|人)|联系人|咨询单位|咨询部门/;
const PHONE = /(\d{3,4}[-－—]\d{7,8}|1[3-9]\d{9}|12345)/;

export function interpretationForm(title: string): string {
  if (/图解|一图(读懂|看懂|速览)|图说|漫画/.test(title)) return '图解';
  if (/视频|动漫|H5|动画|音频/.test(title)) return '音视频';
  if (/负责人|答记者问|访谈|局长|主任|专访/.test(title)) return '负责人解读';
  if (/专家/.test(title)) return '专家解读';
  return '文字';
}

/** Character 5-grams: a word-free way to measure how much of one Chinese text repeats another. */
function grams(text: string, exclude?: Set<string>): Set<string> {
  const out = new Set<string>();
  const t = text.replace(/\s+/g, '');
  for (let i = 0; i + 5 <= t.length; i++) {
    const g = t.slice(i, i + 5);
    if (!exclude?.has(g)) out.add(g);
  }
  return out;
}

/** Whether a page's body names a policy contact and a phone number, read once a page. */
const signs = new WeakMap<PageRecord, { contact: boolean; phone: boolean }>();
function signsOf(p: PageRecord) {
  let got = signs.get(p);
  if (!got) {
    const body = bodyOf(p);
    got = { contact: CONTACT.test(body), phone: PHONE.test(body) };
    signs.set(p, got);
  }
  return got;
}

/** Whether the pages together name a policy contact and a phone number. */
function namesContact(pages: PageRecord[]): boolean {
  let [contact, phone] = [false, false];
  for (const p of pages) {
    const x = signsOf(p);
    [contact, phone] = [contact || x.contact, phone || x.phone];
    if (contact && phone) return true;
  }
  return false;
}

/** A page's text without its footer: a footer's 联系电话 is the site's, not the policy's contact. */
function bodyOf(p: PageRecord): string {
  const text = p.text ?? '';
  const footer = (p.artifacts?.footerText ?? '').replace(/…$/, '');
  return footer.length > 20 ? text.replace(footer, ' ') : text;
}

const check = defineCheck({
  meta: {
    options: z
      .object({
        /** [I] domain-rules §4: a 解读 sharing more than this share of its 5-grams with the document copies it. */
        copyShare: z.number().min(0).max(1).default(0.8),
      })
      .strict(),
    id: 'interpretation-quality',
    name: '解读质量',
    title: '政策解读注明咨询联系方式，讲清背景、目的、主要内容等实质内容，不照搬原文，形式多样',
    basis:
      '本市任务清单「提升政策解读质量」：解读出台背景、目的、意义、主要任务等实质性内容，' +
      '注明政策咨询部门、联系人和联系方式，开展图片、视频、负责人解读',
    advice:
      '在解读中写明背景依据、目的意义、主要内容、适用范围、新旧变化等，注明政策咨询部门、' +
      '联系人和电话，避免摘抄原文；丰富图解、视频、负责人解读等形式。',
    scope: 'page',
  },
  run(ctx, options) {
    const home = usableHomepage(ctx);
    if ('outcome' in home) return home.outcome;
    const { interps, pairs } = policyPairs(ctx);
    if (interps.length === 0)
      return { status: 'not-applicable', reason: '未找到政策解读', findings: [] };
    // The site template (nav, footer) is on every page: leave its text out of every comparison.
    const template = grams(ctx.homepage?.text ?? '');
    const findings: RawFinding[] = [];
    const forms = new Map<string, number>();
    // A document paired with several 解读 (copies in several columns) is cut into 5-grams once;
    // one paired once is not kept (a site's thousand documents' grams would stay in memory).
    const kept = new Map<PageRecord, Set<string>>();
    const gramsOfDoc = (doc: PageRecord) => {
      const got = kept.get(doc) ?? grams(doc.text ?? '', template);
      if (pairs.countOfDoc(doc) > 1) kept.set(doc, got);
      return got;
    };
    const shares = new Map<string, { shared: number }>();
    const added = new Set<string>();
    const lengths = new WeakMap<PageRecord, number>();
    const lengthOf = (p: PageRecord) =>
      lengths.get(p) ?? (lengths.set(p, p.text?.length ?? 0), lengths.get(p)!);
    for (const interp of interps) {
      const title = pageTitle(interp);
      forms.set(interpretationForm(title), (forms.get(interpretationForm(title)) ?? 0) + 1);
      const text = bodyOf(interp);
      const docs = pairs.docsOf(interp);
      // Copies of one 解读 (several columns list it) are one problem by its title, pages listed;
      // a page is listed once however many copies of its document repeat it.
      const add = (key: string, message: string, evidence: string) => {
        const group = `${key.split(':')[0]}:${message}`;
        if (added.has(`${group}\n${interp.url}`)) return;
        added.add(`${group}\n${interp.url}`);
        findings.push({ severity: 'warning', url: interp.url, key, group, message, evidence });
      };
      // Neither pattern spans two texts, so each text is tested once, not once per pair.
      if (!namesContact([interp, ...docs])) {
        add(
          'contact',
          `解读「${title}」及其文件都没有注明政策咨询的部门、联系人和电话。`,
          '未找到「咨询电话」「联系人」等字样及电话号码',
        );
      }
      if (interpretationForm(title) === '文字') {
        const found = ELEMENTS.filter(([, re]) => re.test(text)).map(([name]) => name);
        if (found.length < 3)
          add(
            'elements',
            `解读「${title}」实质内容不足：只讲到 ${found.length} 项（${found.join('、') || '无'}），` +
              `应至少讲清背景、目的、主要内容等 3 项。`,
            `检查的要素：${ELEMENTS.map(([n]) => n).join('、')}`,
          );
        const own = grams(text, template);
        // This 解读 meets copies of a document (same title, same text length) alike: once.
        const met = new Map<string, Set<number>>();
        for (const doc of docs) {
          const lengths = met.get(pageTitle(doc)) ?? new Set<number>();
          if (lengths.has(lengthOf(doc))) continue;
          met.set(pageTitle(doc), lengths.add(lengthOf(doc)));
          // Copies of one 解读 and one document share once (same titles, same text lengths).
          const same = `${title}|${text.length}|${pageTitle(doc)}|${lengthOf(doc)}`;
          const known = shares.get(same);
          const theirs = known ? undefined : gramsOfDoc(doc);
          if (!known && (own.size < 50 || theirs!.size === 0)) continue;
          let shared = known?.shared ?? 0;
          if (!known) for (const g of own) if (theirs!.has(g)) shared++;
          shares.set(same, { shared });
          const share = shared / own.size;
          if (share > options.copyShare)
            add(
              `copy:${doc.url}`,
              `解读「${title}」${Math.round(share * 100)}% 的内容照搬文件原文。`,
              `与文件 ${doc.url} 的五字片段重合 ${shared}/${own.size}`,
            );
        }
      }
    }
    const summary = `解读形式：${[...forms].map(([f, n]) => `${f} ${n}`).join('、')}`;
    return {
      status: findings.length ? 'fail' : 'pass',
      findings,
      reason: summary,
      metrics: { forms: Object.fromEntries(forms), interpretations: interps.length },
    };
  },
});

export default check;
