import { describe, expect, it } from 'vitest';
import check from '../../checks/wording-errors.ts';
import { findSlips } from '../../checks/support/slips.ts';
import { context, corpusPages, html } from '../helpers/context.ts';

const run = (main: string, pubDate?: string, depth = 0) =>
  check.run(
    context({
      '/': {
        html: html(main).replace(
          '<title>',
          pubDate ? `<meta name="PubDate" content="${pubDate}"><title>` : '<title>',
        ),
        depth,
      },
    }),
  );
const messages = (main: string, pubDate?: string) =>
  run(main, pubDate).findings.map((f) => `${f.severity} ${f.message}`);

describe('wording-errors', () => {
  it('flags the real cases of the 2019 inspection round-ups', () => {
    expect(
      messages('<p>深入开展扫黑险恶专项斗争，维护中华人民共合国宪法权威。</p>').sort(),
    ).toEqual([
      'veto 「中华人民共和国」误写为「中华人民共合国」。',
      'veto 「扫黑除恶」误写为「扫黑险恶」。',
    ]);
    expect(messages('<p>市人民检查院召开会议</p>')).toEqual(['error 「检察院」误写为「检查院」。']);
  });

  it('flags one-character slips of canonical names that no dictionary lists', () => {
    expect(messages('<p>学习习近平新时代中国特色社会主又思想</p>')).toEqual([
      'veto 「习近平新时代中国特色社会主义思想」误写为「习近平新时代中国特色社会主又思想」。',
    ]);
    expect(messages('<p>中国共产档成立一百周年</p>')).toEqual([
      'veto 「中国共产党」误写为「中国共产档」。',
    ]);
  });

  it('does not flag look-alikes that are right', () => {
    expect(
      run(
        `<p>中华人民共和国；全省人民代表大会代表；中国共青团；市纪委监委检查院落整治情况；` +
          `扫黑除恶；两个确立、两个维护；中国人民政治协商会议；
      习近平总书记；中国共产党党员；本市政府</p>`,
      ).findings,
    ).toEqual([]);
  });

  it("flags a leader's name written with a homophone near a title, but not the same characters elsewhere", () => {
    expect(messages('<p>杜家豪书记指出</p>')).toEqual([
      'veto 领导人姓名「杜家毫」误写为「杜家豪」。',
    ]);
    expect(messages('<p>习近平总书记强调</p>')).toEqual([]);
    expect(messages('<p>供稿：杜家豪（通讯员）</p>')).toEqual([]);
  });

  it('flags agency names abolished in 2018 on current pages only', () => {
    expect(messages('<p>联系单位：市国土资源局</p>', '2022-06-01')).toEqual([
      'warning 使用了2018年机构改革后已撤销的机构名称「国土资源局」（页面日期 2022-06-01）。',
    ]);
    expect(messages('<p>联系单位：市国土资源局</p>', '2016-06-01')).toEqual([]);
  });

  it('finds slips with the half-window search', () => {
    expect(findSlips('第十四届全国人民代表大会', '全国人民代表大会', 'pinyin')).toEqual([]);
    expect(findSlips('全国人民代表大慧', '全国人民代表大会', 'pinyin').map((s) => s.found)).toEqual(
      ['全国人民代表大慧'],
    );
  });

  it('flags none of the real pages in the corpus', () => {
    for (const page of corpusPages()) {
      expect(check.run(context({ '/': { html: page.html } })).findings, page.file).toEqual([]);
    }
  });
});
