// 年报雷同 between units, on the real 平潭 2024 report: a second unit publishing it with its own
// name and other figures is flagged, and so is the first (each repeats the other); a third unit
// whose 2024 report is the 2023 one re-dated shares only boilerplate with them and is not.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { serveSite, type RunningSite } from '../../src/demo/site-server.ts';
import { audit } from '../../src/run/audit.ts';
import { corpus } from '../helpers/context.ts';
import { loopbackUnits } from '../helpers/config-files.ts';

const r2023 = corpus('annual-reports/pingtan-gov-cn_2023-zfxxgk-ndbg.html');
const r2024 = corpus('annual-reports/pingtan-gov-cn_2024-zfxxgk-ndbg.html');
const home =
  '<html><body><a href="/nb/2024.html">2024年度政府信息公开工作年度报告</a></body></html>';
const sites: RunningSite[] = [];
afterAll(() => Promise.all(sites.map((s) => s.close())));

describe('年报雷同 between units', () => {
  it('flags two units whose same-year reports are one text, not a third that only shares boilerplate', async () => {
    const renamed = (text: string, name: string) =>
      text.replace(/平潭综合实验区/g, name).replace(/\d+(?=\s*(件|条|个|次|人))/g, '7');
    const reports = {
      pt: r2024,
      mm: renamed(r2024, '某某县'),
      ll: renamed(r2023.replace(/2023(?=\s*年)/g, '2024'), '另一县'),
    };
    const names = { pt: '平潭综合实验区', mm: '某某县人民政府', ll: '另一县人民政府' };
    const units = [];
    for (const [id, report] of Object.entries(reports)) {
      const site = await serveSite({ '/': home, '/nb/2024.html': report }, ['127.0.0.1']);
      sites.push(site);
      units.push({
        id,
        name: names[id as keyof typeof names],
        kind: 'county',
        site: `http://${id}.test.gov.cn:${site.port}/`,
        hosts: { [`${id}.test.gov.cn`]: ['127.0.0.1'] },
      });
    }
    const { dir, file } = loopbackUnits('zwgk-peers-', units);
    const { run } = await audit({
      config: loadConfig(file),
      asOf: '2025-06-01',
      outDir: join(dir, 'out'),
      dbFile: join(dir, 'a.db'),
    });
    const copies = (id: string) =>
      run.units
        .find((u) => u.id === id)!
        .findings.filter((f) => f.check === 'annual-report-copy')
        .map((f) => f.message);
    expect(copies('pt')).toEqual([
      expect.stringMatching(/^2024 年度报告有 \d+% 的语句.*与「某某县人民政府」同年度报告相同/),
    ]);
    expect(copies('mm')).toEqual([
      expect.stringMatching(/与「平潭综合实验区」同年度报告相同，疑似照搬。$/),
    ]);
    expect(copies('ll')).toEqual([]);
  });
});
