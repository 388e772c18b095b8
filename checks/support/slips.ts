// One-character slips of a canonical term in text (中华人民共合国 for 中华人民共和国). A slip
// keeps either the first or the second half of the term intact, so each half is searched as
// a literal and only the windows around its occurrences are compared: far cheaper than an
// edit-distance scan of every page.
import { createRequire } from 'node:module';
import { indexesOf, type Occurrences } from './occurrences.ts';

// Loaded at the first candidate slip: most pages have none, and the dictionary is ~16 MB of
// memory in every thread that judges (the worker's bundle defines import.meta.url as its source).
let pinyin: typeof import('pinyin-pro').pinyin | undefined;
const dictionary = () =>
  (pinyin ??= (createRequire(import.meta.url)('pinyin-pro') as typeof import('pinyin-pro')).pinyin);

const CJK = /^[\u4e00-\u9fff]$/;
const readings = new Map<string, Set<string>>();

function sounds(ch: string): Set<string> {
  let r = readings.get(ch);
  if (!r) {
    r = new Set(dictionary()(ch, { toneType: 'none', multiple: true, type: 'array' }));
    readings.set(ch, r);
  }
  return r;
}

export function samePinyin(a: string, b: string): boolean {
  const ra = sounds(a);
  for (const x of sounds(b)) if (ra.has(x)) return true;
  return false;
}

export interface Slip {
  term: string;
  found: string;
  index: number;
}

/** The two halves a slip of `term` keeps one of (see `findSlips`). */
export function halves(term: string): [string, string] {
  const half = Math.floor(term.length / 2);
  return [term.slice(0, half), term.slice(half)];
}

/**
 * Windows of `text` that differ from `term` in exactly one Chinese character. `at` gives where
 * a half occurs, when the caller has found them already (checks/support/occurrences.ts).
 */
export function findSlips(
  text: string,
  term: string,
  mode: 'any' | 'pinyin',
  at: Occurrences = (w) => indexesOf(text, w),
): Slip[] {
  const n = term.length;
  const half = Math.floor(n / 2);
  const out = new Map<number, Slip>();
  const consider = (start: number) => {
    if (start < 0 || start + n > text.length || out.has(start)) return;
    // Compared in place: the halves are common words (中国, 人民), so most windows are not slips
    // and slicing each one was most of the wording check's time.
    let diff = -1;
    for (let i = 0; i < n; i++) {
      if (text.charCodeAt(start + i) === term.charCodeAt(i)) continue;
      if (diff >= 0) return;
      diff = i;
    }
    if (diff < 0 || !CJK.test(text[start + diff])) return;
    if (mode === 'pinyin' && !samePinyin(text[start + diff], term[diff])) return;
    out.set(start, { term, found: text.slice(start, start + n), index: start });
  };
  const [left, right] = halves(term);
  for (const i of at(left)) consider(i);
  for (const j of at(right)) consider(j - half);
  return [...out.values()];
}
