// Finding lexicon words in text, as one alternation of the list would (longest first, left to
// right). ASCII words match case-insensitively (Bet365), in a compiled regex; the others in the
// one-pass finder: irregexp tried each of the ~35 Chinese words at every position of the text
// (a bench page: ~43 µs a page against ~10).
import type { SpamLexicon } from '../../src/config/lexicons.ts';
import { leftmostLongest } from './occurrences.ts';

interface Compiled {
  /** Words with no ASCII letter, for the finder. */
  other: string[];
  latin?: RegExp;
}

const cache = new WeakMap<string[], Compiled>();

function compile(words: string[]): Compiled {
  let c = cache.get(words);
  if (!c) {
    const esc = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const sorted = [...new Set(words)].sort((a, b) => b.length - a.length);
    const latin = sorted.filter((w) => /[a-z]/i.test(w));
    c = {
      other: sorted.filter((w) => !/[a-z]/i.test(w)),
      ...(latin.length ? { latin: new RegExp(latin.map(esc).join('|'), 'gi') } : {}),
    };
    cache.set(words, c);
  }
  return c;
}

/** Distinct words of the list found in the text, in lower case for Latin letters. */
export function wordsIn(text: string, words: string[]): string[] {
  if (!text) return [];
  const { other, latin } = compile(words);
  const found = new Set<string>();
  for (const w of leftmostLongest(text, other)) found.add(w.toLowerCase());
  if (latin) for (const m of text.matchAll(latin)) found.add(m[0].toLowerCase());
  return [...found];
}

/** A short snippet of text around the first occurrence of a word. */
export function around(text: string, word: string, radius = 30): string {
  const i = text.toLowerCase().indexOf(word.toLowerCase());
  if (i < 0) return text.slice(0, radius * 2);
  const end = i + word.length + radius;
  return `${i > radius ? '…' : ''}${text.slice(Math.max(0, i - radius), end)}${end < text.length ? '…' : ''}`;
}

export interface SpamHits {
  strong: string[];
  medium: string[];
  ambiguous: string[];
  families: string[];
}

export function spamHits(text: string, lexicon: SpamLexicon): SpamHits {
  const hits: SpamHits = { strong: [], medium: [], ambiguous: [], families: [] };
  for (const fam of Object.values(lexicon.families)) {
    const s = wordsIn(text, fam.strong);
    const m = wordsIn(text, fam.medium);
    const a = wordsIn(text, fam.ambiguous);
    hits.strong.push(...s);
    hits.medium.push(...m);
    hits.ambiguous.push(...a);
    if (s.length || m.length || a.length) hits.families.push(fam.label);
  }
  return hits;
}

/**
 * In a spam context: any strong or medium word, with the ambiguous ones beside it as support.
 * Ambiguous words alone never count (「中国体育彩票」 is a legitimate 友情链接).
 */
export function spamInContext(h: SpamHits): string[] {
  return h.strong.length || h.medium.length ? [...h.strong, ...h.medium, ...h.ambiguous] : [];
}

const strongCache = new WeakMap<SpamLexicon, string[]>();

/** Strong words of every family in the text (one scan: the visible text of every page). */
export function strongWordsIn(text: string, lexicon: SpamLexicon): string[] {
  let all = strongCache.get(lexicon);
  if (!all)
    strongCache.set(lexicon, (all = Object.values(lexicon.families).flatMap((f) => f.strong)));
  return wordsIn(text, all);
}
