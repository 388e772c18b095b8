import { around } from './support/lexicon.ts';
import { occurrences, type Occurrences } from './support/occurrences.ts';
import { findSlips, halves, samePinyin } from './support/slips.ts';
import { defineCheck } from './define.ts';
import type { RawFinding } from '../src/contract/check.ts';
import type { WordingLexicon } from '../src/config/lexicons.ts';

interface State {
  findings: RawFinding[];
  scanned: number;
}

/** A wrong wording in one page's text; `outdated` ones count only on a current page. */
interface Hit {
  severity: RawFinding['severity'];
  key: string;
  /** The message, or for an outdated name the name itself. */
  message: string;
  evidence: string;
  outdated?: true;
}

type Canonical = WordingLexicon['canonical'];
const canonicals = new WeakMap<Canonical, Set<string>>();
/** The canonical terms themselves, never slips of one another (once per lexicon). */
function canonicalOf(c: Canonical): Set<string> {
  let set = canonicals.get(c);
  if (!set) canonicals.set(c, (set = new Set([...c.anySlip, ...c.samePinyin, ...c.allow])));
  return set;
}

const wordLists = new WeakMap<WordingLexicon, string[]>();
/** Every word the read looks for, found in one pass over the text (once per lexicon). */
function wordsOf(lex: WordingLexicon): string[] {
  let words = wordLists.get(lex);
  if (!words) {
    const terms = [...lex.canonical.anySlip, ...lex.canonical.samePinyin];
    words = [
      ...lex.exact.map((e) => e.wrong),
      ...terms.flatMap(halves),
      ...lex.leaders.people.flatMap((p) => p.titles),
      ...lex.outdated.names,
    ];
    wordLists.set(lex, words);
  }
  return words;
}

const check = defineCheck<State, Hit[] | undefined, string | undefined>({
  meta: {
    id: 'wording-errors',
    name: '严重表述错误',
    title:
      '页面中没有严重表述错误：国名、党和国家机构名称、领导人姓名、重要提法写错，' +
      '或使用已撤销的机构名称',
    basis: '国办秘函〔2019〕19号 单项否决「严重表述错误」；国务院机构改革（2018年）后的机构名称',
    advice: '逐一更正错误表述，建立信息发布前的审校制度；机构名称以现行「三定」规定为准。',
    scope: 'page',
  },
  scan: {
    start: () => ({ findings: [], scanned: 0 }),
    read(text, kind, { lexicon }) {
      if (kind !== 'page' || !text) return undefined;
      const lex = lexicon.wording;
      const hits: Hit[] = [];
      const at = occurrences(text, wordsOf(lex));
      hits.push(...exactHits(text, lex, at), ...slipHits(text, lex, at));
      hits.push(...leaderHits(text, lex, at), ...outdatedHits(text, lex, at));
      return hits;
    },
    look: (a) => a.pubDate,
    page(st, page, hits, ctx, date) {
      if (page.kind !== 'page' || !hits) return;
      st.scanned++;
      const current = date ? date >= ctx.profile.lexicon.wording.outdated.since : page.depth <= 1;
      for (const h of hits) {
        if (h.outdated && !current) continue;
        const message = h.outdated
          ? `使用了2018年机构改革后已撤销的机构名称「${h.message}」${date ? `（页面日期 ${date}）` : ''}。`
          : h.message;
        // The key names the wrong words, which is also where the screenshot points. The same
        // slip in the same words on many pages is the template's, one problem; the same slip in
        // different articles is a problem of each.
        st.findings.push({
          severity: h.severity,
          url: page.url,
          key: h.key,
          message,
          evidence: h.evidence,
          locate: { text: h.key.slice(h.key.indexOf(':') + 1) },
          group: `${h.key}|${h.evidence}`,
        });
      }
    },
    finish({ findings, scanned }) {
      // The same slip of the same page counted once.
      const unique = [...new Map(findings.map((f) => [`${f.url}\n${f.key}`, f])).values()];
      if (scanned === 0) return { status: 'error', reason: '没有可检查的页面', findings: [] };
      return { status: unique.length ? 'fail' : 'pass', findings: unique, metrics: { scanned } };
    },
  },
});

/** A known misspelling of the name, or a same-pinyin one-character slip of it, in the window. */
function leaderSlip(near: string, name: string, misspellings: string[]): string | undefined {
  for (const m of misspellings) if (near.includes(m)) return m;
  for (let s = 0; s + name.length <= near.length; s++) {
    // Compared in place, not sliced: most windows differ in more than one character.
    let diff = -1;
    let ok = true;
    for (let i = 0; i < name.length && ok; i++) {
      if (near.charCodeAt(s + i) === name.charCodeAt(i)) continue;
      if (diff >= 0) ok = false;
      diff = i;
    }
    const ch = near[s + diff];
    if (ok && diff >= 0 && /[\u4e00-\u9fff]/.test(ch) && samePinyin(ch, name[diff]))
      return near.slice(s, s + name.length);
  }
  return undefined;
}

export default check;

/** Known wrong words, each with its right one (unless a longer right phrase holds it). */
function exactHits(text: string, lex: WordingLexicon, at: Occurrences): Hit[] {
  const hits: Hit[] = [];
  for (const e of lex.exact) {
    for (const i of at(e.wrong)) {
      if (
        e.unless.some(
          (u) =>
            text.startsWith(u, i) ||
            text.slice(Math.max(0, i - u.length), i + e.wrong.length + u.length).includes(u),
        )
      )
        continue;
      hits.push({
        severity: e.severity,
        key: `wrong:${e.wrong}`,
        message: `「${e.right}」误写为「${e.wrong}」。`,
        evidence: around(text, e.wrong),
      });
      break; // one finding per page and error; the evidence shows the first
    }
  }
  return hits;
}

/** Near-misses of canonical terms: any slip, or one of the same pinyin. */
function slipHits(text: string, lex: WordingLexicon, at: Occurrences): Hit[] {
  const hits: Hit[] = [];
  const canonical = canonicalOf(lex.canonical);
  const slips = (
    [
      [lex.canonical.anySlip, 'any'],
      [lex.canonical.samePinyin, 'pinyin'],
    ] as const
  )
    .flatMap(([terms, mode]) => terms.flatMap((term) => findSlips(text, term, mode, at)))
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
    hits.push({
      severity: lex.canonical.severity,
      key: `wrong:${slip.found}`,
      message: `「${slip.term}」误写为「${slip.found}」。`,
      evidence: around(
        text.slice(Math.max(0, slip.index - 30), slip.index + slip.term.length + 30),
        slip.found,
      ),
    });
  }
  return hits;
}

/** Leaders' names misspelt near their titles. */
function leaderHits(text: string, lex: WordingLexicon, at: Occurrences): Hit[] {
  const hits: Hit[] = [];
  for (const person of lex.leaders.people) {
    for (const title of person.titles) {
      for (const i of at(title)) {
        const near = text.slice(
          Math.max(0, i - lex.leaders.window),
          i + title.length + lex.leaders.window,
        );
        const wrong = leaderSlip(near, person.name, person.misspellings);
        if (wrong) {
          hits.push({
            severity: lex.leaders.severity,
            key: `leader:${wrong}`,
            message: `领导人姓名「${person.name}」误写为「${wrong}」。`,
            evidence: near,
          });
          break;
        }
      }
    }
  }
  return hits;
}

/** Names of bodies abolished in 2018 (whether the page is current, `page` decides). */
function outdatedHits(text: string, lex: WordingLexicon, at: Occurrences): Hit[] {
  const hits: Hit[] = [];
  // Whether the page is current is for `page` to say: it knows the page's date and depth.
  for (const name of lex.outdated.names) {
    if (at(name).length === 0) continue;
    hits.push({
      severity: lex.outdated.severity,
      key: `outdated:${name}`,
      message: name,
      evidence: around(text, name),
      outdated: true,
    });
  }
  return hits;
}
