import { around, spamHits, spamInContext, strongWordsIn } from './support/lexicon.ts';
import { defineCheck } from './define.ts';
import type { RawFinding } from '../src/contract/check.ts';
import type { Lexicons } from '../src/config/lexicons.ts';

const HOW: Record<string, string> = {
  'display:none': '用 display:none 隐藏',
  'visibility:hidden': '用 visibility:hidden 隐藏',
  'font-size:0': '字号设为 0/1 像素',
  'height:0': '高度为 0 且溢出隐藏',
  'off-screen': '定位到屏幕之外',
  'same-color': '文字颜色与背景相同',
  'opacity:0': '透明度设为 0',
  clip: '用 clip 裁剪为不可见',
  marquee: '放在滚动字幕 <marquee> 中',
  noscript: '放在 <noscript> 中',
  hidden: '带 hidden 属性',
};

interface State {
  findings: RawFinding[];
  pages: number;
}

type SpamLexicon = Lexicons['spam'];

/** What a page's artifacts show, in the order found: [severity, key, message, evidence, locate]. */
type Add = [RawFinding['severity'], string, string, string, RawFinding['locate']];
interface Look {
  adds: Add[];
  /** The texts reported above (links, hidden blocks, the head): a word is the text's own only where it stands outside them. */
  reported: string[];
}

/**
 * A strong word in the visible text: each place it stands, up to 20, as a few characters either
 * side (to tell whether it is inside a reported text) and as the evidence a report shows.
 */
type Strong = [word: string, places: Place[]];
/** What stands just before and after one occurrence (40 characters each), and its evidence. */
type Place = [before: string, after: string, context: string];

const place = (text: string, i: number, w: string): Place => {
  const end = i + w.length + 30;
  return [
    text.slice(Math.max(0, i - 40), i),
    text.slice(i + w.length, i + w.length + 40),
    `${i > 30 ? '…' : ''}${text.slice(Math.max(0, i - 30), end)}${end < text.length ? '…' : ''}`,
  ];
};

/** Whether this occurrence of `w` is one inside the reported text `t` (the same words around it). */
function inside(t: string, w: string, [before, after]: Place): boolean {
  for (let j = t.indexOf(w); j >= 0; j = t.indexOf(w, j + 1)) {
    const pre = t.slice(Math.max(0, j - 40), j);
    const post = t.slice(j + w.length, j + w.length + 40);
    if (before.endsWith(pre) && after.startsWith(post)) return true;
  }
  return false;
}

/** The unit's own hosts, and the lexicon. */
interface Env {
  own: string[];
  lex: SpamLexicon;
}

/** Whether each link target is off-site: the same menus on every page, each URL parsed once. */
const offsites = new WeakMap<Env, { own: Set<string>; off: Map<string, boolean> }>();
function offsiteOf(env: Env) {
  let o = offsites.get(env);
  if (!o) offsites.set(env, (o = { own: new Set(env.own), off: new Map() }));
  return (url: string) => {
    let off = o.off.get(url);
    if (off === undefined) o.off.set(url, (off = !o.own.has(new URL(url).host)));
    return off;
  };
}

const check = defineCheck<State, Strong[] | undefined, Look, Env>({
  meta: {
    id: 'spam-injection',
    name: '涉赌涉黄内容',
    title:
      '页面中没有被植入的赌博、色情文字和暗链，不向搜索引擎展示不同内容，' +
      '友情链接未指向涉赌涉黄网站',
    basis:
      '国办秘函〔2019〕19号 单项否决「发布或链接反动、暴力、色情等内容」「页面被挂马、' +
      '内容被篡改」',
    advice:
      '立即删除被植入的文字和链接，排查并修补网站模板、CMS 和服务器的安全漏洞，修改管理口令，' +
      '核查友情链接，处置后向主管部门报告。',
    scope: 'page',
  },
  scan: {
    start: () => ({ findings: [], pages: 0 }),
    read(text, kind, { lexicon }) {
      if (kind !== 'page') return undefined;
      // Visible text: strong words only. The seed page: 「yd222云顶线路检测中心」「云顶国际官网」.
      return strongWordsIn(text, lexicon.spam).map((w): Strong => {
        const places: Place[] = [];
        const lower = text.toLowerCase();
        const lw = w.toLowerCase();
        for (let i = lower.indexOf(lw); i >= 0 && places.length < 20; i = lower.indexOf(lw, i + 1))
          places.push(place(text, i, w));
        return [w, places];
      });
    },
    lookEnv: (ctx) => ({
      own: [
        ...new Set(
          [ctx.unit.site, ctx.unit.disclosure, ctx.homepage?.finalUrl]
            .filter(Boolean)
            .map((u) => new URL(u!).host),
        ),
      ],
      lex: ctx.profile.lexicon.spam,
    }),
    look(a, env) {
      const { lex } = env;
      const offsite = offsiteOf(env);
      const adds: Add[] = [];
      // The same injected words are reported once per page, in their most telling context:
      // a hidden or off-site link, then a hidden block, then <title>/keywords, then plain text.
      const reported = new Set<string>();
      const texts: string[] = [];
      // Only a hidden, script-written or off-site link can be an injected one.
      const suspect = [
        ...a.links.filter((l) => l.hidden || offsite(l.url)),
        ...(a.scriptLinks ?? []).map((l) => ({ ...l, hidden: undefined, script: true })),
      ];
      for (const l of suspect as { url: string; text: string; hidden?: string; script?: true }[]) {
        const words = spamInContext(spamHits(`${l.text} ${safePath(l.url)}`, lex));
        if (!words.length) continue;
        words.forEach((w) => reported.add(w));
        texts.push(l.text);
        const how = l.hidden ? (HOW[l.hidden] ?? '隐藏') : l.script ? '由脚本写入' : '指向其他网站';
        adds.push([
          'veto',
          `link:${l.url}`,
          `页面中有${how}的涉赌涉黄链接「${l.text || l.url}」。`,
          `${l.text} → ${l.url}`,
          { href: l.url },
        ]);
      }
      for (const b of a.hidden ?? []) {
        const words = spamInContext(spamHits(b.text, lex)).filter((w) => !reported.has(w));
        if (!words.length) continue;
        words.forEach((w) => reported.add(w));
        texts.push(b.text);
        adds.push([
          severityOf(words, lex),
          `hidden:${b.how}:${words.sort().join(',')}`,
          `页面中有${HOW[b.how] ?? '隐藏'}的涉赌涉黄内容「${words.join('」「')}」（暗链/隐藏文字）。`,
          b.text,
          { text: words[0] },
        ]);
      }
      const head = `${a.title} ${a.meta.keywords ?? ''} ${a.meta.description ?? ''}`;
      const inHead = spamInContext(spamHits(head, lex)).filter((w) => !reported.has(w));
      if (inHead.length) {
        inHead.forEach((w) => reported.add(w));
        texts.push(a.title);
        adds.push([
          'veto',
          `head:${inHead.sort().join(',')}`,
          `页面标题或关键词中有涉赌涉黄词语「${inHead.join('」「')}」。`,
          `标题：${a.title}；关键词：${a.meta.keywords ?? '（无）'}`,
          undefined,
        ]);
      }
      return { adds, reported: texts };
    },
    page(st, page, strong, _ctx, look) {
      if (page.kind !== 'page' || !look) return;
      const { findings } = st;
      st.pages++;
      const add = (
        severity: RawFinding['severity'],
        key: string,
        message: string,
        evidence: string,
        locate?: RawFinding['locate'],
      ) =>
        // The same injected words or link on many pages is one injection (the template's).
        findings.push({ severity, url: page.url, key, message, evidence, locate, group: key });
      for (const x of look.adds) add(...x);
      // In the visible text, the strong words that stand outside what was reported above: the
      // same words in an article's own text are a second injection with a fix of its own (the
      // article), not the template's links again.
      const outside = (w: string, p: Place) => !look.reported.some((t) => inside(t, w, p));
      const visible = (strong ?? [])
        .map(([w, places]) => [w, places.find((p) => outside(w, p))?.[2]] as const)
        .filter((x): x is readonly [string, string] => x[1] !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      if (visible.length) {
        const words = visible.map(([w]) => w);
        add(
          'veto',
          `text:${words.join(',')}`,
          `页面正文中有涉赌涉黄文字「${words.join('」「')}」，疑似被植入。`,
          visible.map(([, context]) => context).join(' ／ '),
          { text: words[0] },
        );
      }
    },
    finish(st, ctx) {
      const lex = ctx.profile.lexicon.spam;
      const { findings, pages } = st;
      // Off-site link targets whose pages now carry spam (expired 友情链接 domains).
      for (const target of ctx.pages) {
        if (target.kind !== 'external' || !target.title) continue;
        const words = spamInContext(spamHits(target.title, lex));
        if (!words.length) continue;
        const from = ctx.pages
          .filter((p) => p.artifacts?.links.some((l) => l.url === target.url))
          .slice(0, 20);
        for (const p of from.length ? from : [ctx.homepage!]) {
          findings.push({
            severity: 'veto',
            url: p.url,
            key: `expired:${target.url}`,
            group: `expired:${target.url}`,
            message:
              `页面链接的外部网站现为涉赌涉黄网站（标题「${target.title}」），` +
              `疑为域名过期被抢注。`,
            evidence: `${target.url} 的标题：${target.title}`,
          });
        }
      }

      // Cloaking: what a spider or a search visitor sees that a plain visit does not.
      const probe = ctx.probes.cloaking;
      const cloak = probe && 'normal' in probe ? probe : undefined;
      // Through a proxy the comparison means nothing: the rest of the check stands, and says so.
      const cloakNote =
        probe && 'notMeasured' in probe ? `未比较搜索引擎视角：${probe.notMeasured}` : undefined;
      if (cloak && !cloak.normal.error) {
        const base = new Set(cloak.normal.offsite.map((l) => l.url));
        const baseText = spamHits(cloak.normal.text ?? '', lex);
        for (const [name, v] of [
          ['搜索引擎爬虫', cloak.spider],
          ['从搜索引擎点入的访客', cloak.referer],
        ] as const) {
          if (v.error) continue;
          const url = ctx.homepage?.url ?? ctx.unit.site;
          if (new URL(v.finalUrl).host !== new URL(cloak.normal.finalUrl).host) {
            findings.push({
              severity: 'veto',
              url,
              key: `cloak-redirect:${name}`,
              message: `首页对${name}跳转到其他网站，疑似被挂马劫持。`,
              evidence: `跳转到 ${v.finalUrl}`,
            });
            continue;
          }
          const extra = v.offsite.filter(
            (l) => !base.has(l.url) && spamInContext(spamHits(`${l.text} ${l.url}`, lex)).length,
          );
          const newWords = spamHits(v.text ?? '', lex).strong.filter(
            (w) => !baseText.strong.includes(w),
          );
          if (extra.length || newWords.length) {
            findings.push({
              severity: 'veto',
              url,
              key: `cloak:${name}`,
              message: `首页对${name}显示了普通访问看不到的涉赌涉黄内容，疑似被挂马（黑帽 SEO）。`,
              evidence: [
                ...extra.map((l) => `${l.text} → ${l.url}`),
                ...newWords.map((w) => around(v.text ?? '', w)),
              ].join(' ／ '),
            });
          }
        }
      }
      if (pages === 0) return { status: 'error', reason: '没有可检查的页面', findings };
      return {
        status: findings.length ? 'fail' : 'pass',
        findings,
        metrics: { pages, cloakingChecked: Boolean(cloak) },
        ...(cloakNote ? { reason: cloakNote } : {}),
      };
    },
  },
});

/** Hidden text with a strong word is injection; with only medium/ambiguous words, still a finding to verify. */
function severityOf(
  words: string[],
  lex: { families: Record<string, { strong: string[] }> },
): RawFinding['severity'] {
  const strong = new Set(
    Object.values(lex.families).flatMap((f) => f.strong.map((w) => w.toLowerCase())),
  );
  return words.some((w) => strong.has(w)) ? 'veto' : 'error';
}

/** Host and path, percent-decoded where possible (spam words hide in paths like /百家乐/). */
function safePath(url: string): string {
  const u = new URL(url);
  try {
    return u.hostname + decodeURIComponent(u.pathname);
  } catch {
    return u.hostname + u.pathname;
  }
}

export default check;
