import { describe, expect, it } from 'vitest';
import { docNumberProblems } from '../../checks/support/doc-number.ts';

describe('docNumberProblems (GB/T 9704-2012 §7.2.5)', () => {
  it('accepts the right form, including the real ones in the corpus', () => {
    for (const n of [
      '宣政〔2022〕3号',
      '国办发〔2017〕47号',
      '吉政明电〔2022〕1号',
      '岚综管综〔2024〕30号',
      '沪卫基层〔2024〕5号',
    ])
      expect(docNumberProblems(n), n).toEqual([]);
  });

  it('diagnoses each wrong form on its own', () => {
    expect(docNumberProblems('宣政[2022]3号')).toEqual([
      '年份应使用六角括号「〔〕」，此处用了方括号「[]」',
    ]);
    expect(docNumberProblems('宣政【2022】3号')[0]).toContain('实心方括号');
    expect(docNumberProblems('宣政（2022）3号')[0]).toContain('全角圆括号');
    expect(docNumberProblems('宣政﹝2022﹞3号')[0]).toContain('形似而非六角括号');
    expect(docNumberProblems('宣政〔22〕3号')).toEqual([
      '年份应标全称（如 2022），不能只写两位「22」',
    ]);
    expect(docNumberProblems('宣政〔2022〕03号')).toEqual([
      '发文顺序号不编虚位（「03」应写为「3」）',
    ]);
    expect(docNumberProblems('宣政〔2022〕第3号')).toEqual(['发文顺序号前不加「第」字']);
    expect(docNumberProblems('宣政〔2022〕3')).toEqual(['发文顺序号后缺少「号」字']);
    expect(docNumberProblems('宣政〔２０２２〕３号')).toEqual([
      '使用了全角数字，应使用半角阿拉伯数字',
    ]);
    expect(docNumberProblems('宣政 〔2022〕3号')).toEqual(['文号中有空格']);
  });
});
