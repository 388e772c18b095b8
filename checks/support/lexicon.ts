// Finding lexicon words in text. One compiled regex per word list (cached): scanning 10,000 pages
// word by word with indexOf was the slow way. ASCII words match case-insensitively (Bet365).
import type { SpamLexicon } from '../../src/config/lexicons.ts';

const cache = new WeakMap<string[], RegExp[]>();

/**
 * Words with Latin letters match case-insensitively (Bet365); the Chinese ones in a separate,
 * case-sensitive regex, which irregexp scans about twice as fast.
 */
function compile(words: string[]): RegExp[] {
  let res = cache.get(words);
  if (!res) {
    const esc = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const sorted = [...new Set(words)].sort((a, b) => b.length - a.length);
    const latin = sorted.filter((w) => /[a-z]/i.test(w));
    const other = sorted.filter((w) => !/[a-z]/i.test(w));
    res = [
      ...(other.length ? [new RegExp(other.map(esc).join('|'), 'g')] : []),
      ...(latin.length ? [new RegExp(latin.map(esc).join('|'), 'gi')] : []),
    ];
    cache.set(words, res);
  }
  return res;
}

/** Distinct words of the list found in the text, in lower case for Latin letters. */
export function wordsIn(text: string, words: string[]): string[] {
  if (!text) return [];
  const found = new Set<string>();
  for (const re of compile(words)) for (const m of text.matchAll(re)) found.add(m[0].toLowerCase());
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
