// 责任单位 from the list's words: short names match full names (and aliases), kinds match,
// and the look-alikes do not (公管局 is not 公安局, 民政局 is not a 人民政府).
import { describe, expect, it } from 'vitest';
import { namesUnit, responsibilityOf } from '../../src/config/responsibility.ts';

const unit = (name: string, kind = 'department', aliases?: string[]) => ({ name, kind, aliases });

describe('responsibility', () => {
  it('a short name names the bureau it abbreviates', () => {
    const pairs: [string, string][] = [
      ['市发改委', '宣城市发展和改革委员会'],
      ['市人社局', '宣城市人力资源和社会保障局'],
      ['市住建局', '宣城市住房和城乡建设局'],
      ['市卫健委', '宣城市卫生健康委员会'],
      ['市市场监管局', '宣城市市场监督管理局'],
      ['市城管执法局', '宣城市城市管理行政执法局'],
      ['市政务公开办', '宣城市政务公开办公室'],
    ];
    for (const [short, full] of pairs)
      expect([short, namesUnit(short, unit(full))]).toEqual([short, true]);
  });

  it('and not a look-alike', () => {
    const pairs: [string, string][] = [
      ['市公管局', '宣城市公安局'],
      ['市民政局', '宣城市人民政府'],
      ['市财政局', '宣城市民政局'],
      ['市商务局', '宣城市税务局'],
      ['市科技局', '宣城市教育体育局'],
    ];
    for (const [short, full] of pairs)
      expect([short, namesUnit(short, unit(full))]).toEqual([short, false]);
  });

  it("a unit's aliases name it where no abbreviation would", () => {
    const tax = unit('国家税务总局宣城市税务局', 'department', ['市税务局']);
    expect(namesUnit('市税务局', tax)).toBe(true);
    expect(namesUnit('市税务局', unit('国家税务总局宣城市税务局'))).toBe(false);
  });

  it('lead, named, kind and related roles, and why an item does not apply', () => {
    const item = {
      responsible: {
        text: '市发改委牵头，市直有关单位，各县市区政府负责落实',
        kinds: ['county'],
        units: [],
        lead: ['市发改委'],
        related: ['department'],
      },
    };
    expect(responsibilityOf(item, unit('宣城市发展和改革委员会')).role).toBe('lead');
    expect(responsibilityOf(item, unit('郎溪县人民政府', 'county')).role).toBe('kind');
    expect(responsibilityOf(item, unit('宣城市司法局')).role).toBe('related');
    const town = responsibilityOf(item, unit('某镇人民政府', 'town'));
    expect(town).toEqual({
      applies: false,
      why: '责任单位为「市发改委牵头，市直有关单位，各县市区政府负责落实」，不含本单位',
    });
    expect(responsibilityOf({}, unit('任一单位')).applies).toBe(true);
  });
});
