// `zwgk demo`: serves the two sample units on loopback (IPv4 and IPv6) under real-looking names
// mapped by the `hosts` override, audits them as of the seed's assessment date, and says where
// the reports are. Nothing leaves this machine: the config allows loopback addresses only.
import { createServer } from 'node:http';
import { scoreLabel } from '../score/score.ts';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { DEFAULT_PAPERWORK, loadProfile, type LoadedConfig } from '../config/load.ts';
import { unitsFileSchema } from '../config/schema.ts';
import { audit } from '../run/audit.ts';
import { ROOT } from '../version.ts';
import { demoCertificates } from './demo-ca.ts';
import { serveSite, type RunningSite } from './site-server.ts';
import { cleanSite, DEMO_AS_OF, flawedSite } from './sites.ts';

/** A loopback port with nothing listening on it: a site that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const { port } = server.address() as AddressInfo;
  await new Promise((ok) => server.close(ok));
  return port;
}

export async function startDemoSites(): Promise<{
  config: LoadedConfig;
  sites: RunningSite[];
  close: () => Promise<void>;
}> {
  // The clean unit over HTTPS, with a certificate of the demo's own authority, and plain HTTP
  // on a port of its own leading there.
  const tls = await demoCertificates('wlj.demo.gov.cn');
  const clean = await serveSite(await cleanSite(), ['127.0.0.1', '::1'], 0, { tls: tls.site });
  const cleanHttp = await serveSite(
    { '/': { status: 301, redirect: `https://wlj.demo.gov.cn:${clean.port}/` } },
    ['127.0.0.1', '::1'],
  );
  // The flawed unit answers on IPv4 only, while its name also has an AAAA record; no HTTPS.
  const flawed = await serveSite(flawedSite(), ['127.0.0.1']);
  const down = await closedPort();
  const noTls = await closedPort();
  const profileFile = join(ROOT, 'config/profiles/default.yaml');
  const units = unitsFileSchema.parse({
    contact: 'zwgk-audit demo; mailto:zwgk-office@example.invalid',
    network: { loopbackOnly: true, ca: [tls.ca.cert] },
    // The demo's unreachable unit is tried 3 times over 2 s (a real run spreads them over a minute).
    crawl: {
      concurrency: 4,
      delayMs: 0,
      maxPages: 200,
      timeoutMs: 5000,
      homepageRetrySpreadMs: 2000,
    },
    units: [
      {
        id: 'demo-wlj',
        name: '宣城市示例文化和旅游局（示例：规范）',
        // How the task list names it (市文旅局): the demo's names carry 示例, so they say it.
        aliases: ['市文旅局'],
        kind: 'department',
        region: '341800',
        site: `https://wlj.demo.gov.cn:${clean.port}/`,
        ports: { http: cleanHttp.port },
        hosts: { 'wlj.demo.gov.cn': ['127.0.0.1', '::1'] },
      },
      {
        id: 'demo-sfj',
        name: '宣城市示例司法局（示例：有问题）',
        aliases: ['市司法局'],
        kind: 'department',
        region: '341800',
        site: `http://sfj.demo.gov.cn:${flawed.port}/`,
        ports: { https: noTls },
        hosts: { 'sfj.demo.gov.cn': ['127.0.0.1', '::1'], 'partner.demo.gov.cn': ['127.0.0.1'] },
      },
      {
        id: 'demo-sjj',
        name: '宣城市示例审计局（示例：无法访问）',
        aliases: ['市审计局'],
        kind: 'department',
        region: '341800',
        site: `http://sjj.demo.gov.cn:${down}/`,
        hosts: { 'sjj.demo.gov.cn': ['127.0.0.1'] },
      },
    ],
  });
  const config: LoadedConfig = {
    file: '(demo)',
    units,
    profile: loadProfile(profileFile),
    profileFile,
    paperworkFile: DEFAULT_PAPERWORK,
  };
  return {
    config,
    sites: [clean, flawed],
    close: async () =>
      void (await Promise.all([clean, cleanHttp, flawed].map((site) => site.close()))),
  };
}

export async function runDemo(opts: { outDir?: string; dbFile: string }): Promise<void> {
  const demo = await startDemoSites();
  try {
    console.log(`示例网站已在本机启动（测评基准日 ${DEMO_AS_OF}）：`);
    for (const u of demo.config.units.units) console.log(`  ${u.name}  ${u.site}`);
    const { runId, run, outDir } = await audit({
      config: demo.config,
      asOf: DEMO_AS_OF,
      outDir: opts.outDir,
      dbFile: opts.dbFile,
      progress: true,
    });
    for (const u of run.units)
      console.log(
        `  ${u.name}: ${scoreLabel(u.score)}，${u.verdict}，问题 ${u.findings.length} 条`,
      );
    console.log(`运行 ${runId} 已保存到 ${resolve(opts.dbFile)}`);
    console.log(`汇总报告：${resolve(outDir, 'index.html')}`);
    for (const u of run.units) console.log(`单位报告：${resolve(outDir, 'units', `${u.id}.html`)}`);
  } finally {
    await demo.close();
  }
}
