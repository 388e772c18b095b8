// Where each of many short words occurs in one text, in one pass. The wording check looked for
// ~60 words with indexOf, a pass over the text each: most of the judge's text reading (a bench
// page: 139 µs). One pass that stops only at a word's first character does the same work once.
// No library here: the words are few and short, and a table of first characters is all it takes.

/** Every start of `word` in the text, ascending (overlapping ones too, as indexOf from i + 1 finds). */
export type Occurrences = (word: string) => readonly number[];

interface Table {
  /** 1 where a word starts with this UTF-16 code unit. */
  first: Uint8Array;
  byFirst: Map<number, string[]>;
  words: Set<string>;
}

const tables = new WeakMap<readonly string[], Table>();

function tableOf(words: readonly string[]): Table {
  let t = tables.get(words);
  if (!t) {
    t = { first: new Uint8Array(65536), byFirst: new Map(), words: new Set() };
    for (const w of new Set(words)) {
      if (!w) continue;
      t.words.add(w);
      const c = w.charCodeAt(0);
      t.first[c] = 1;
      t.byFirst.set(c, [...(t.byFirst.get(c) ?? []), w]);
    }
    tables.set(words, t);
  }
  return t;
}

/** Every start of one word, the indexOf way (a word outside the table, the empty word). */
export function indexesOf(text: string, word: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
    out.push(i);
    if (i === text.length) break; // the empty word is found at the end over and over
  }
  return out;
}

/** The occurrences in `text` of the given words (the array is the cache key: keep it). */
export function occurrences(text: string, words: readonly string[]): Occurrences {
  const { first, byFirst, words: known } = tableOf(words);
  const found = new Map<string, number[]>();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (first[c] === 0) continue;
    for (const w of byFirst.get(c)!) {
      if (!text.startsWith(w, i)) continue;
      const at = found.get(w);
      if (at) at.push(i);
      else found.set(w, [i]);
    }
  }
  const none: number[] = [];
  return (word) => found.get(word) ?? (known.has(word) ? none : indexesOf(text, word));
}
