// The `zwgk` command line. Exit 0 when a run completed (whatever it found), 2 on bad input,
// 1 on a crash, each with a one-line reason.
import { join, resolve } from 'node:path';
import { scoreLabel } from './score/score.ts';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig } from './config/load.ts';
import { runDemo } from './demo/demo.ts';
import { audit, UsageError } from './run/audit.ts';
import { diffRuns } from './run/diff.ts';
import { recheck, rerender } from './run/recheck.ts';
import { ROOT } from './version.ts';
import { BrowserUnavailable } from './browser/chromium.ts';
import { htmlFilesToPdf } from '../reports/pdf.ts';
import { hashPassword } from './serve/password.ts';
import { buildServer } from './serve/server.ts';
import { randomBytes } from 'node:crypto';

const HELP = `zwgk — 政务公开网站测评工具

用法:
  zwgk demo [--out DIR]                       在本机启动示例网站并完成一次测评
  zwgk audit [--config FILE] [--unit ID]... [--url URL] [--as-of YYYY-MM-DD]
             [--out DIR] [--db FILE] [--browser] [--concurrency N] [--delay-ms N] [--max-pages N]
                                              --browser：所有页面用 Chromium 渲染（默认只渲染脚本填充的页面）
  zwgk recheck --run ID [--config FILE] [--db FILE] [--out DIR]   用已存储的抓取结果重新检查
  zwgk report --run ID [--db FILE] [--out DIR] [--pdf [--unit ID]...]  重新生成报告；--pdf 另存 A4 PDF
  zwgk serve [--config FILE] [--db FILE] [--out DIR] [--host 127.0.0.1] [--port 8080] [--as-of YYYY-MM-DD] [--trust-proxy]
                                              报告服务：办公室后台、各单位分享链接、整改答复与复查、定时测评
                                              口令：环境变量 ZWGK_ADMIN_PASSWORD_HASH（echo 口令 | zwgk hash-password）或 ZWGK_ADMIN_PASSWORD
  zwgk diff --from RUN --to RUN [--db FILE]                       两次运行之间已整改、新发现和仍未整改的问题
`;

const common = {
  config: { type: 'string', default: 'config/units.yaml' },
  db: { type: 'string', default: 'data/zwgk.db' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function intOption(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} 应为非负整数，收到「${v}」`);
  return Number(v);
}

function asOfOption(v: string | undefined): string {
  if (v === undefined) return today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v)))
    throw new UsageError(`--as-of 应为 YYYY-MM-DD，收到「${v}」`);
  return v;
}

function parse<T extends ParseArgsConfig['options']>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'audit':
        return await auditCommand(args);
      case 'demo': {
        const { values } = parse(args, { out: { type: 'string' }, db: { type: 'string' } });
        await runDemo({ outDir: values.out ?? 'out/demo', dbFile: values.db ?? 'data/demo.db' });
        return 0;
      }
      case 'recheck': {
        const { values } = parse(args, { ...common, run: { type: 'string' } });
        if (!values.run) throw new UsageError('recheck 需要 --run ID');
        const outDir = values.out ?? join('out', values.run);
        await recheck({ runId: values.run, config: loadConfig(values.config!), dbFile: values.db!, outDir });
        console.log(`已重新检查运行 ${values.run}：${resolve(outDir, 'index.html')}`);
        return 0;
      }
      case 'serve':
        return await serveCommand(args);
      case 'hash-password': {
        const password = (
          await new Promise<string>((ok) => {
            let data = '';
            process.stdin.on('data', (c) => (data += c)).on('end', () => ok(data));
          })
        ).replace(/\r?\n$/, '');
        if (password.length < 8) throw new UsageError('口令至少 8 个字符（从标准输入读取）');
        console.log(hashPassword(password));
        return 0;
      }
      case 'diff': {
        const { values } = parse(args, { db: common.db, from: { type: 'string' }, to: { type: 'string' } });
        if (!values.from || !values.to) throw new UsageError('diff 需要 --from RUN 和 --to RUN');
        console.log(diffRuns(values.db!, values.from, values.to));
        return 0;
      }
      case 'report': {
        const { values } = parse(args, {
          db: common.db,
          out: common.out,
          run: { type: 'string' },
          pdf: { type: 'boolean' },
          unit: { type: 'string', multiple: true },
        });
        if (!values.run) throw new UsageError('report 需要 --run ID');
        const outDir = values.out ?? join('out', values.run);
        const run = await rerender({ runId: values.run, dbFile: values.db!, outDir });
        console.log(`报告已生成：${resolve(outDir, 'index.html')}`);
        if (values.pdf) {
          const ids = values.unit?.length ? values.unit : run.units.map((u) => u.id);
          const unknown = ids.filter((id) => !run.units.some((u) => u.id === id));
          if (unknown.length) throw new UsageError(`--unit ${unknown.join(', ')}: 运行 ${values.run} 中没有这个单位`);
          const jobs = ids.map((id) => ({
            html: join(outDir, 'units', `${id}.html`),
            pdf: join(outDir, 'units', `${id}.pdf`),
          }));
          try {
            await htmlFilesToPdf(jobs);
          } catch (err) {
            if (err instanceof BrowserUnavailable) throw new UsageError(`生成 PDF 需要浏览器：${err.message}`);
            throw err;
          }
          for (const j of jobs) console.log(`PDF：${resolve(j.pdf)}`);
        }
        return 0;
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(HELP);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`未知命令「${command}」。${HELP}`);
    }
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`配置错误 ${err.file}:\n${err.problems.map((p) => `  - ${p}`).join('\n')}`);
      return 2;
    }
    if (err instanceof UsageError) {
      console.error(`参数错误：${err.message}`);
      return 2;
    }
    console.error(`运行失败：${(err as Error).stack ?? err}`);
    return 1;
  }
}

async function auditCommand(args: string[]): Promise<number> {
  const { values } = parse(args, {
    ...common,
    unit: { type: 'string', multiple: true },
    url: { type: 'string' },
    'as-of': { type: 'string' },
    browser: { type: 'boolean' },
    concurrency: { type: 'string' },
    'delay-ms': { type: 'string' },
    'max-pages': { type: 'string' },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const asOf = asOfOption(values['as-of']);
  const config = loadConfig(values.config ?? join(ROOT, 'config/units.yaml'));
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    console.error('\n收到中断信号：停止抓取，保存已有结果（再按一次立即退出）…');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    const outDirArg = values.out;
    const { runId, run, outDir } = await audit({
      config,
      unitIds: values.unit,
      url: values.url,
      asOf,
      outDir: outDirArg ?? 'out/latest',
      dbFile: values.db!,
      crawl: {
        concurrency: intOption('concurrency', values.concurrency),
        delayMs: intOption('delay-ms', values['delay-ms']),
        maxPages: intOption('max-pages', values['max-pages']),
      },
      signal: controller.signal,
      progress: true,
      browser: values.browser,
    });
    for (const u of run.units)
      console.log(`${u.name}\t${scoreLabel(u.score)}\t${u.verdict}\t问题 ${u.findings.length} 条`);
    console.log(
      `运行 ${runId}${run.status === 'complete' ? '' : '（未完成，已保存已有结果）'}：${resolve(outDir, 'index.html')}`,
    );
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

async function serveCommand(args: string[]): Promise<number> {
  const { values } = parse(args, {
    ...common,
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '8080' },
    'as-of': { type: 'string' },
    'trust-proxy': { type: 'boolean' },
  });
  const hash =
    process.env.ZWGK_ADMIN_PASSWORD_HASH ??
    (process.env.ZWGK_ADMIN_PASSWORD ? hashPassword(process.env.ZWGK_ADMIN_PASSWORD) : undefined);
  delete process.env.ZWGK_ADMIN_PASSWORD; // not passed on to anything this process starts
  if (!hash)
    throw new UsageError(
      '请设置办公室口令：环境变量 ZWGK_ADMIN_PASSWORD_HASH（echo 口令 | zwgk hash-password 生成）或 ZWGK_ADMIN_PASSWORD',
    );
  const { app } = await buildServer({
    configFile: values.config ?? join(ROOT, 'config/units.yaml'),
    dbFile: values.db!,
    outRoot: values.out ?? 'out/serve',
    adminPasswordHash: hash,
    cookieSecret: process.env.ZWGK_COOKIE_SECRET ?? randomBytes(32).toString('hex'),
    asOf: values['as-of'] === undefined ? undefined : asOfOption(values['as-of']),
    trustProxy: values['trust-proxy'],
  });
  const address = await app.listen({ host: values.host, port: intOption('port', values.port) ?? 8080 });
  console.log(`报告服务已启动：${address}/admin`);
  await new Promise<void>((ok) => process.once('SIGINT', () => ok()));
  await app.close();
  return 0;
}
