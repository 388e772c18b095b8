import { around } from './support/lexicon.ts';
import { findSlips, samePinyin } from './support/slips.ts';
import { scanCheck } from './support/page-scan.ts';
import type { RawFinding } from '../src/contract/check.ts';

interface State {
  findings: RawFinding[];
  scanned: number;
  canonical: Set<string>;
}

const check = scanCheck<State>(
  {
    id: 'wording-errors',
    name: '严重表述错误',
    title:
      '页面中没有严重表述错误：国名、党和国家机构名称、领导人姓名、重要提法写错，' +
      '或使用已撤销的机构名称',
    basis: '国办秘函〔2019〕19号 单项否决「严重表述错误」；国务院机构改革（2018年）后的机构名称',
    advice: '逐一更正错误表述，建立信息发布前的审校制度；机构名称以现行「三定」规定为准。',
    scope: 'page',
  },
  {
    start(ctx) {
      const c = ctx.profile.lexicon.wording.canonical;
      return {
        findings: [],
        scanned: 0,
        canonical: new Set([...c.anySlip, ...c.samePinyin, ...c.allow]),
      };
    },
    page(st, page, text, ctx) {
      if (page.kind !== 'page' || !text) return;
      const lex = ctx.profile.lexicon.wording;
      const { findings, canonical } = st;
      st.scanned++;
      // The key names the wrong words, which is also where the screenshot points.
      const add = (
        severity: RawFinding['severity'],
        key: string,
        message: string,
        evidence: string,
      ) =>
        // The same slip in the same words on many pages is the template's, one problem; the same
        // slip in different articles is a problem of each.
        findings.push({
          severity,
          url: page.url,
          key,
          message,
          evidence,
          locate: { text: key.slice(key.indexOf(':') + 1) },
          group: `${key}|${evidence}`,
        });

      for (const e of lex.exact) {
        for (let i = text.indexOf(e.wrong); i >= 0; i = text.indexOf(e.wrong, i + 1)) {
          if (
            e.unless.some(
              (u) =>
                text.startsWith(u, i) ||
                text.slice(Math.max(0, i - u.length), i + e.wrong.length + u.length).includes(u),
            )
          )
            continue;
          add(
            e.severity,
            `wrong:${e.wrong}`,
            `「${e.right}」误写为「${e.wrong}」。`,
            around(text, e.wrong),
          );
          break; // one finding per page and error; the evidence shows the first
        }
      }
      const slips = (
        [
          [lex.canonical.anySlip, 'any'],
          [lex.canonical.samePinyin, 'pinyin'],
        ] as const
      )
        .flatMap(([terms, mode]) => terms.flatMap((term) => findSlips(text, term, mode)))
        .filter((x) => !canonical.has(x.found));
      // A slip inside a longer slip (中国特色社会主又 in …中国特色社会主又思想) is the same error.
      for (const slip of slips) {
        const inside = slips.some(
          (o) =>
            o !== slip &&
            o.found.length > slip.found.length &&
            o.index <= slip.index &&
            o.index + o.found.length >= slip.index + slip.found.length,
        );
        if (inside) continue;
        add(
          lex.canonical.severity,
          `wrong:${slip.found}`,
          `「${slip.term}」误写为「${slip.found}」。`,
          around(
            text.slice(Math.max(0, slip.index - 30), slip.index + slip.term.length + 30),
            slip.found,
          ),
        );
      }
      for (const person of lex.leaders.people) {
        for (const title of person.titles) {
          for (let i = text.indexOf(title); i >= 0; i = text.indexOf(title, i + 1)) {
            const near = text.slice(
              Math.max(0, i - lex.leaders.window),
              i + title.length + lex.leaders.window,
            );
            const wrong = leaderSlip(near, person.name, person.misspellings);
            if (wrong) {
              add(
                lex.leaders.severity,
                `leader:${wrong}`,
                `领导人姓名「${person.name}」误写为「${wrong}」。`,
                near,
              );
              break;
            }
          }
        }
      }
      const date = page.artifacts?.pubDate;
      const current = date ? date >= lex.outdated.since : page.depth <= 1;
      if (current) {
        for (const name of lex.outdated.names) {
          if (!text.includes(name)) continue;
          add(
            lex.outdated.severity,
            `outdated:${name}`,
            `使用了2018年机构改革后已撤销的机构名称「${name}」${date ? `（页面日期 ${date}）` : ''}。`,
            around(text, name),
          );
        }
      }
    },
    finish({ findings, scanned }) {
      // The same slip of the same page counted once.
      const unique = [...new Map(findings.map((f) => [`${f.url}\n${f.key}`, f])).values()];
      if (scanned === 0) return { status: 'error', reason: '没有可检查的页面', findings: [] };
      return { status: unique.length ? 'fail' : 'pass', findings: unique, metrics: { scanned } };
    },
  },
);

/** A known misspelling of the name, or a same-pinyin one-character slip of it, in the window. */
function leaderSlip(near: string, name: string, misspellings: string[]): string | undefined {
  for (const m of misspellings) if (near.includes(m)) return m;
  for (let s = 0; s + name.length <= near.length; s++) {
    const w = near.slice(s, s + name.length);
    let diff = -1;
    let ok = true;
    for (let i = 0; i < name.length && ok; i++) {
      if (w[i] === name[i]) continue;
      if (diff >= 0) ok = false;
      diff = i;
    }
    if (ok && diff >= 0 && /[\u4e00-\u9fff]/.test(w[diff]) && samePinyin(w[diff], name[diff]))
      return w;
  }
  return undefined;
}

export default check;
