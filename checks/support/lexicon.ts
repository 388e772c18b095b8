// Finding lexicon words in text. One compiled regex per word list (cached): scanning 10,000 pages
// word by word with indexOf was the slow way. ASCII words match case-insensitively (Bet365).
import type { SpamLexicon } from '../../src/config/lexicons.ts';

const cache = new WeakMap<string[], RegExp | null>();

function compile(words: string[]): RegExp | null {
  if (cache.has(words)) return cache.get(words)!;
  const sorted = [...new Set(words)].sort((a, b) => b.length - a.length);
  const re = sorted.length ? new RegExp(sorted.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi') : null;
  cache.set(words, re);
  return re;
}

/** Distinct words of the list found in the text, in lower case for ASCII. */
export function wordsIn(text: string, words: string[]): string[] {
  const re = compile(words);
  if (!re || !text) return [];
  return [...new Set([...text.matchAll(re)].map((m) => m[0].toLowerCase()))];
}

/** A short snippet of text around the first occurrence of a word. */
export function around(text: string, word: string, radius = 30): string {
  const i = text.toLowerCase().indexOf(word.toLowerCase());
  if (i < 0) return text.slice(0, radius * 2);
  return `${i > radius ? '…' : ''}${text.slice(Math.max(0, i - radius), i + word.length + radius)}${i + word.length + radius < text.length ? '…' : ''}`;
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
