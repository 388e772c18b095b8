// A unit whose homepage fails at the moment of the crawl is 待核实 in every view (run.json, the
// city report, the 通报's counts) unless the monitoring samples of the window decide it; with a
// week of samples 10% failed, it is 不合格 (单项否决) everywhere.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { audit } from '../../src/run/audit.ts';
import { Store } from '../../src/store/db.ts';
import { verdictCounts } from '../../reports/ranking.ts';
import { closedPort } from '../helpers/ports.ts';
import { loopbackUnits } from '../helpers/config-files.ts';

async function auditDown(samples: number, failed: number) {
  const { dir, file } = loopbackUnits('zwgk-monv-', [
    {
      id: 'down',
      name: '宣城市停机局',
      kind: 'department',
      site: `http://down.test.gov.cn:${await closedPort()}/`,
      hosts: { 'down.test.gov.cn': ['127.0.0.1'] },
    },
  ]);
  const dbFile = join(dir, 'z.db');
  const store = new Store(dbFile);
  const start = Date.parse('2022-11-08T16:00:00Z');
  for (let i = 0; i < samples; i++)
    store.addSample('down', {
      at: new Date(start + i * 4_320_000).toISOString(), // every 72 minutes: 20 a day
      ok: i >= failed,
      status: i >= failed ? 200 : null,
      ...(i >= failed ? {} : { error: '连接超时（15 秒）' }),
      elapsedMs: 100,
    });
  store.close();
  const { run } = await audit({
    config: loadConfig(file),
    asOf: '2022-11-15',
    outDir: dir,
    dbFile,
  });
  return { unit: run.units[0], run, index: readFileSync(join(dir, 'index.html'), 'utf8') };
}

describe('a unit down at the crawl', () => {
  it('is 待核实 without samples: one moment decides nothing', async () => {
    const { unit, run } = await auditDown(0, 0);
    expect(unit).toMatchObject({ score: null, vetoed: false, verdict: '待核实' });
    expect(verdictCounts(run.units)).toMatchObject({ untested: 1, fail: 0 });
  }, 60_000);

  it('is 不合格 in every view when a week of samples failed 10%', async () => {
    const { unit, run, index } = await auditDown(140, 14);
    expect(unit).toMatchObject({ score: null, vetoed: true, verdict: '不合格' });
    expect(unit.findings.find((f) => f.severity === 'veto')?.message).toMatch(
      /^监测 7 天共访问首页 140 次，14 次/,
    );
    expect(verdictCounts(run.units)).toMatchObject({ untested: 0, fail: 1, pendingAll: 0 });
    expect(index).toContain('不合格');
  }, 60_000);
});
