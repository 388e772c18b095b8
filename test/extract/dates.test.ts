import { describe, expect, it } from 'vitest';
import {
  addMonths,
  dateFromUrl,
  daysBetween,
  findDates,
  firstDate,
  isoDate,
} from '../../src/extract/dates.ts';

describe('dates', () => {
  it('reads the forms government pages use', () => {
    expect(findDates('发布日期：2022-11-01 09:30')).toEqual(['2022-11-01']);
    expect(findDates('2022/1/5 与 2022.10.09')).toEqual(['2022-01-05', '2022-10-09']);
    expect(findDates('成文日期：2018年12月07日')).toEqual(['2018-12-07']);
  });

  it('rejects impossible dates and bare serial numbers', () => {
    expect(findDates('2022-02-30')).toEqual([]);
    expect(findDates('编号 20221301')).toEqual([]);
    expect(findDates('电话 0563-2619318')).toEqual([]);
  });

  it('reads the TRS URL stamp', () => {
    expect(
      dateFromUrl('https://www.pingtan.gov.cn/zwgk/ghxx/ztgh/202211/t20221122_40927.htm'),
    ).toBe('2022-11-22');
    expect(dateFromUrl('https://x.gov.cn/art/2022/11/1/art_1.html')).toBeUndefined();
  });

  it('does calendar arithmetic', () => {
    expect(daysBetween('2022-11-01', '2022-11-15')).toBe(14);
    expect(addMonths('2022-08-31', -6)).toBe('2022-02-28');
  });

  it('accepts exactly the days the calendar has', () => {
    for (let y = 1999; y <= 2101; y++)
      for (let m = 0; m <= 13; m++)
        for (let d = 0; d <= 32; d++) {
          const dt = new Date(Date.UTC(y, m - 1, d));
          const real = m >= 1 && m <= 12 && d >= 1 && dt.getUTCMonth() === m - 1;
          expect(isoDate(y, m, d)).toBe(real ? dt.toISOString().slice(0, 10) : undefined);
        }
  });

  it('finds the first well-formed date, skipping impossible ones', () => {
    const text = '索引号 2023-02-29 发布 2024年2月29日 更新 2022/1/5';
    expect(findDates(text)).toEqual(['2024-02-29', '2022-01-05']);
    expect(firstDate(text)).toBe('2024-02-29');
    expect(firstDate('无日期')).toBeUndefined();
    expect(firstDate('')).toBeUndefined();
    expect(firstDate(undefined)).toBeUndefined();
  });
});
