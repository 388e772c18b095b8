// The one-pass finder must give exactly the starts indexOf gives, word by word: overlapping
// occurrences, words sharing a first character, a word inside another, astral characters.
import { describe, expect, it } from 'vitest';
import { indexesOf, leftmostLongest, occurrences } from '../../checks/support/occurrences.ts';

const WORDS = ['中华', '中华人民', '华人', '民共和国', '啊啊', '𠀀字', '两个', '个确立'];

describe('occurrences', () => {
  it('finds what indexOf finds, for every word of the list and for others', () => {
    const texts = [
      '中华人民共和国中华人民共和国',
      '啊啊啊啊',
      '𠀀字𠀀字 两个确立两个维护',
      '',
      '没有任何要找的词',
    ];
    for (const text of texts) {
      const at = occurrences(text, WORDS);
      for (const w of [...WORDS, '共和', '', '不在表里'])
        expect(at(w), `${text} / ${w}`).toEqual(indexesOf(text, w));
    }
  });

  it("finds what indexOf finds on random texts of the words' characters", () => {
    for (const text of texts(charactersOf(WORDS), 2000, 3)) {
      const at = occurrences(text, WORDS);
      for (const w of WORDS) expect(at(w), `${text} / ${w}`).toEqual(indexesOf(text, w));
    }
  });

  it('counts overlapping starts, as indexOf from i + 1 does', () => {
    expect(occurrences('啊啊啊啊', WORDS)('啊啊')).toEqual([0, 1, 2]);
    expect(occurrences('中华人民', WORDS)('中华人民')).toEqual([0]);
    expect(occurrences('中华人民', WORDS)('中华')).toEqual([0]);
  });
});

/** The words' characters, and one that is in none of them. */
const charactersOf = (words: string[]) => [...new Set([...words.join('')])].concat('x');

/** A seeded generator, so a failing text can be found again. */
function random(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
}
const texts = (alphabet: string[], n: number, seed: number) => {
  const r = random(seed);
  return Array.from({ length: n }, () =>
    Array.from(
      { length: Math.floor(r() * 40) },
      () => alphabet[Math.floor(r() * alphabet.length)],
    ).join(''),
  );
};

describe('leftmostLongest', () => {
  it('finds what a regex alternation of the words, longest first, matches', () => {
    const words = [...WORDS, '人', '个']; // one-character words too
    const alternation = new RegExp([...words].sort((a, b) => b.length - a.length).join('|'), 'g');
    const alphabet = charactersOf(words);
    for (const text of [...texts(alphabet, 3000, 7), '中华人民共和国', '人', '']) {
      const expected = [...text.matchAll(alternation)].map((m) => m[0]);
      expect(leftmostLongest(text, words), text).toEqual(expected);
    }
  });
});
