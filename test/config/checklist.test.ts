// Another city's task list is data: a made-up list of 5 items, loaded through a profile, decides
// its items for the units it names, by kind and by name, from the site; a malformed item is
// named by file and field.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import check from '../../checks/task-items.ts';
import { ConfigError, loadProfile } from '../../src/config/load.ts';
import { taskList } from '../../src/judge/task-list.ts';
import { ROOT } from '../../src/version.ts';
import { context, html } from '../helpers/context.ts';

const LIST = `
name: 某市2023年政务公开重点任务（测试用）
items:
  - { id: A1, section: 一, title: 优化营商环境专栏, requirement: 开设专栏, checks: [],
      responsible: { text: 市直各部门, kinds: [department] },
      remark: 需开设优化营商环境专栏, evidence: { columns: [优化营商环境, 营商环境] } }
  - { id: A2, section: 一, title: 城市更新信息公开, requirement: 公开城市更新项目, checks: [],
      responsible: { text: 市住建局, units: [市住建局] }, evidence: { topics: [[城市更新]] } }
  - { id: A3, section: 二, title: 网站链接可用, requirement: 无错链断链, checks: [broken-links] }
  - { id: A4, section: 二, title: 县级政务公开专区, requirement: 建设专区, checks: [],
      responsible: { text: 各县区政府, kinds: [county] }, evidence: { topics: [[政务公开专区]] } }
  - { id: A5, section: 三, title: 培训, requirement: 组织培训, checks: [] }
`;

function cityProfile(list: string) {
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-list-'));
  const base = readFileSync(join(ROOT, 'config/profiles/default.yaml'), 'utf8')
    .replace(/^checklist: .*$/m, 'checklist: list.yaml')
    .replace(/\.\.\/lexicons\//g, `${join(ROOT, 'config/lexicons')}/`);
  writeFileSync(join(dir, 'profile.yaml'), base);
  writeFileSync(join(dir, 'list.yaml'), list);
  return { file: join(dir, 'profile.yaml'), list: join(dir, 'list.yaml') };
}

describe("another city's task list", () => {
  it('loads as data and decides its items for the units it names', () => {
    const profile = loadProfile(cityProfile(LIST).file);
    expect(profile.checklistData!.items.map((i) => i.id)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);
    const site = {
      '/': { html: html('<a href="/yshj/">优化营商环境</a>') },
      '/yshj/': {
        html: html(
          '<ul class="list"><li><a href="/yshj/1.html">城市更新项目清单</a><span>2023-05-06</span></li></ul>',
        ),
      },
    };
    const unit = { name: '某市住房和城乡建设局', kind: 'department' };
    const ctx = context(site, { profile, unit, asOf: '2023-11-15' });
    const outcome = check.run(ctx);
    const list = taskList(
      profile.checklistData!,
      ctx.unit,
      {
        checks: [{ id: 'broken-links', status: 'pass' } as never],
        findings: [],
        score: 90,
        vetoed: false,
      },
      outcome,
      (s) => s,
    );
    expect(list.map((i) => [i.id, i.status])).toEqual([
      ['A1', '达标'],
      ['A2', '达标'],
      ['A3', '达标'],
      ['A4', '不适用'],
      ['A5', '人工核查'],
    ]);
    // The same site for another bureau: A2 is the 住建局's only.
    const other = context(site, { profile, unit: { name: '某市财政局' }, asOf: '2023-11-15' });
    const items = check.run(other).metrics!.items as Record<string, unknown>;
    expect(Object.keys(items)).toEqual(['A1']);
  });

  it('names the file and field of a malformed item', () => {
    const bad = LIST.replace('evidence: { topics: [[城市更新]] }', 'evidence: { months: 6 }');
    const { file, list } = cityProfile(bad);
    expect(() => loadProfile(file)).toThrow(ConfigError);
    try {
      loadProfile(file);
    } catch (e) {
      expect(String((e as Error).message)).toContain(list);
      expect(String((e as Error).message)).toContain(
        'items[1].evidence: 至少给出 columns 或 topics',
      );
    }
  });
});
