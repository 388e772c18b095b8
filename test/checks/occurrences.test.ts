// The one-pass finder must give exactly the starts indexOf gives, word by word: overlapping
// occurrences, words sharing a first character, a word inside another, astral characters.
import { describe, expect, it } from 'vitest';
import { indexesOf, occurrences } from '../../checks/support/occurrences.ts';

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

  it('counts overlapping starts, as indexOf from i + 1 does', () => {
    expect(occurrences('啊啊啊啊', WORDS)('啊啊')).toEqual([0, 1, 2]);
    expect(occurrences('中华人民', WORDS)('中华人民')).toEqual([0]);
    expect(occurrences('中华人民', WORDS)('中华')).toEqual([0]);
  });
});
