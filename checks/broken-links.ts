import { isBroken } from './support/homepage.ts';
import { defineCheck } from './define.ts';
import type { RawFinding } from '../src/contract/check.ts';
import type { PageRecord } from '../src/contract/page.ts';

interface State {
  findings: RawFinding[];
  checked: number;
  unchecked: number;
  /** Of `unchecked`, links the network policy forbade, and the reason given for the last. */
  refused: number;
  refusedWhy: string;
  ignore: RegExp[];
}

/** A page's links, and those whose target is not a page fetched fine: [url, text]. */
interface Look {
  links: number;
  odd: [url: string, text: string][];
}

/** The targets fetched fine: no link to one of them can be a finding. */
interface Env {
  fine: string[];
}

const fineSets = new WeakMap<string[], Set<string>>();
const fineOf = (env: Env) => {
  let set = fineSets.get(env.fine);
  if (!set) fineSets.set(env.fine, (set = new Set(env.fine)));
  return set;
};

const check = defineCheck<State, unknown, Look, Env>({
  meta: {
    id: 'broken-links',
    name: '链接可用性',
    title: '首页及其他页面的链接和附件可以正常打开',
    basis: '国办秘函〔2019〕19号 扣分指标「链接可用性」（首页及其他页面不能正常访问的链接数量）',
    advice: '修复或删除失效链接；附件应能正常下载；外部链接失效时及时更新或撤下。',
    scope: 'page',
  },
  scan: {
    start: (ctx) => ({
      findings: [],
      checked: 0,
      unchecked: 0,
      refused: 0,
      refusedWhy: '',
      ignore: ctx.profile.brokenLinks.ignore.map((p) => new RegExp(p, 'i')),
    }),
    lookEnv: (ctx) => ({
      fine: [...ctx.byUrl]
        .filter(([, t]) => t.errorClass !== 'policy' && !isBroken(t.status, t.errorClass))
        .map(([url]) => url),
    }),
    look(a, env) {
      const fine = fineOf(env);
      const odd: Look['odd'] = [];
      for (const l of a.links) if (!fine.has(l.url)) odd.push([l.url, l.text]);
      return { links: a.links.length, odd };
    },
    page(st, page: PageRecord, _text, ctx, look) {
      if (!look) return;
      const isHome = page === ctx.homepage;
      st.checked += look.links - look.odd.length; // to targets fetched fine
      for (const [url, text] of look.odd) {
        const target = ctx.byUrl.get(url);
        if (!target || target.errorClass === 'policy') {
          st.unchecked++;
          // Said apart: a link the network policy forbade is no sign the crawl ran short.
          if (target) {
            st.refused++;
            st.refusedWhy = target.error ?? '';
          }
          continue;
        }
        st.checked++;
        if (!isBroken(target.status, target.errorClass) || st.ignore.some((r) => r.test(url)))
          continue;
        const why = target.error ?? `HTTP ${target.status}`;
        st.findings.push({
          severity: isHome ? 'error' : 'warning',
          url: page.url,
          key: url,
          // A dead link is one problem however many pages carry it (a footer link on every page).
          group: url,
          message:
            `${isHome ? '首页' : '页面'}上的${target.kind === 'attachment' ? '附件' : '链接'}「${text || url}` +
            `」无法打开（${why}）。`,
          evidence: `${url} → ${why}`,
          locate: { href: url },
        });
      }
    },
    finish({ findings, checked, unchecked, refused, refusedWhy }, ctx) {
      const home = ctx.homepage;
      if (!home?.artifacts || home.errorClass)
        return { status: 'error', reason: '首页无法访问，无法检查链接', findings: [] };
      return {
        status: findings.length ? 'fail' : 'pass',
        findings,
        metrics: { checked, unchecked, broken: findings.length },
        reason:
          [
            refused ? `${refused} 处链接按网络策略未访问（例如：${refusedWhy}）` : '',
            unchecked > refused
              ? `${unchecked - refused} 处链接未检查（${
                  ctx.crawl?.limitHit ? '抓取预算已达上限' : '不在本单位的抓取范围内'
                }）`
              : '',
            ctx.crawl?.offsiteUnchecked
              ? `${ctx.crawl.offsiteUnchecked.links} 个外部链接未检测：${ctx.crawl.offsiteUnchecked.reason}`
              : '',
          ]
            .filter(Boolean)
            .join('；') || undefined,
      };
    },
  },
});

export default check;
