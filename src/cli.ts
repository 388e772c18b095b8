// The `zwgk` command line. Exit 0 when a run completed (whatever it found), 2 on bad input,
// 1 on a crash, each with a one-line reason. Every command explains itself (`zwgk help CMD`,
// `zwgk CMD --help`) and prints the database and output folder it used.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BrowserUnavailable } from './browser/chromium.ts';
import { closest, parseOptions, type OptionSpec } from './cli-args.ts';
import { ConfigError, StoreDamaged, UsageError } from './errors.ts';
import { dataHome, defaultDb, demoDb, runOutDir } from './paths.ts';
import { hashPassword, isPasswordHash, MIN_PASSWORD } from './serve/password.ts';
import { parseTrustProxy } from './serve/trust-proxy.ts';
import { beijingDate } from './time.ts';
import { ROOT, toolInfo } from './version.ts';

type Values = Record<string, string | boolean | string[] | undefined>;

interface Command {
  summary: string;
  usage: string;
  example: string;
  options: Record<string, OptionSpec>;
  run(v: Values): Promise<number>;
}

const CONFIG: OptionSpec = {
  type: 'string',
  value: 'FILE',
  help: '单位配置文件（默认：工具自带的示例 config/units.yaml）',
};
const DB: OptionSpec = {
  type: 'string',
  value: 'FILE',
  help: `数据库文件（默认：数据目录中的 zwgk.db）`,
};
const OUT: OptionSpec = {
  type: 'string',
  value: 'DIR',
  help: '报告输出目录（默认：数据目录 out/<运行编号>/，out/latest 指向最新一次）',
};
const RUN: OptionSpec = {
  type: 'string',
  value: 'ID',
  help: '运行编号（audit 结束时打印；找不到时会告诉您它在哪个数据库）',
};
const HELP_FLAG: OptionSpec = { type: 'boolean', short: 'h', help: '显示本命令的说明' };

const str = (v: Values, k: string) => v[k] as string | undefined;

function intOption(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} 应为非负整数，收到「${v}」`);
  return Number(v);
}

/** The assessment date: given, or today in Beijing. */
function asOfOption(v: string | undefined): string {
  if (v === undefined) return beijingDate();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v)))
    throw new UsageError(`--as-of 应为 YYYY-MM-DD，收到「${v}」`);
  return v;
}

const configFile = (v: Values) => str(v, 'config') ?? join(ROOT, 'config/units.yaml');

/**
 * The database that holds a run: the one named with --db, else the first of the usual places
 * that has it. Named but without the run, the error says which database has it.
 */
async function dbForRun(runId: string, given: string | undefined): Promise<string> {
  const { Store } = await import('./store/db.ts');
  const candidates = [defaultDb(), demoDb(), resolve('data/zwgk.db'), resolve('data/demo.db')];
  const holds = (file: string) => {
    if (!existsSync(file)) return false;
    const s = new Store(file);
    try {
      return Boolean(s.getRun(runId));
    } finally {
      s.close();
    }
  };
  if (given && holds(resolve(given))) return resolve(given);
  const found = candidates.find(holds);
  if (given)
    throw new UsageError(
      `数据库 ${resolve(given)} 中没有运行 ${runId}${found ? `；它在 ${found} 中：请用 --db ${found}` : ''}`,
    );
  if (!found)
    throw new UsageError(
      `没有找到运行 ${runId}（查找了 ${candidates.join('、')}）；请用 --db 指定数据库`,
    );
  return found;
}

const say = (label: string, value: string) => console.log(`${label}：${value}`);

const COMMANDS: Record<string, Command> = {
  demo: {
    summary: '在本机启动示例网站并完成一次测评（不访问外网）',
    usage: 'zwgk demo [--out DIR] [--db FILE]',
    example: 'zwgk demo',
    options: {
      out: OUT,
      db: { ...DB, help: '数据库文件（默认：数据目录中的 demo.db）' },
      help: HELP_FLAG,
    },
    async run(v) {
      const db = resolve(str(v, 'db') ?? demoDb());
      say('数据库', db);
      const { runDemo } = await import('./demo/demo.ts');
      await runDemo({ outDir: str(v, 'out'), dbFile: db });
      return 0;
    },
  },
  audit: {
    summary: '测评配置文件中的单位（或一个网址），写出报告和整改清单',
    usage:
      'zwgk audit [--config FILE] [--unit ID]... [--url URL] [--as-of YYYY-MM-DD] [--out DIR] [--db FILE]\n' +
      '           [--browser] [--concurrency N] [--delay-ms N] [--max-pages N] [--parallel-units N] [--resume [RUN]]\n' +
      '           [--redis URL]',
    example: 'zwgk audit --config 我的单位.yaml --as-of 2026-11-15',
    options: {
      config: CONFIG,
      unit: { type: 'string', multiple: true, value: 'ID', help: '只测评这些单位（可重复）' },
      url: { type: 'string', value: 'URL', help: '测评一个不在配置文件中的网站' },
      'as-of': { type: 'string', value: 'YYYY-MM-DD', help: '测评基准日（默认：北京时间今天）' },
      out: OUT,
      db: DB,
      browser: { type: 'boolean', help: '所有页面用 Chromium 渲染（默认只渲染脚本填充的页面）' },
      concurrency: { type: 'string', value: 'N', help: '每个主机同时的请求数（默认 2）' },
      'delay-ms': { type: 'string', value: 'N', help: '同一主机两次请求的间隔毫秒（默认 500）' },
      'max-pages': { type: 'string', value: 'N', help: '每个单位最多抓取的页面数（默认 500）' },
      'parallel-units': {
        type: 'string',
        value: 'N',
        help:
          '同时抓取的单位数（默认：配置的 crawl.parallelUnits，否则全部单位，至多 64；' +
          '每个主机的礼貌限制不变）',
      },
      resume: {
        type: 'string',
        value: '[RUN]',
        help: '继续一次中断的运行（不写编号时继续最新的未完成运行）：已抓取的页面不再访问',
      },
      redis: {
        type: 'string',
        value: 'URL',
        help: '把各单位交给 zwgk worker 执行（如 redis://10.0.0.5:6379）；本机只汇总结果和报告',
      },
      help: HELP_FLAG,
    },
    run: auditCommand,
  },
  init: {
    summary: '为本市生成单位配置和公文设置（回答几个问题或用选项），第一次测评就用本市的名称',
    usage:
      'zwgk init [--dir DIR] [--city 名称] [--issuer 发文机关] [--doc-number 文号] [--contact 联系方式]\n' +
      '          [--units FILE] [--force]',
    example:
      'zwgk init --city 宣城市 --doc-number "宣政办秘〔{{year}}〕　号" ' +
      '--contact "联系人：市政务公开办　　联系电话：0563-1234567" --units 单位清单.csv',
    options: {
      dir: { type: 'string', value: 'DIR', help: '写入的目录（默认：当前目录）' },
      city: { type: 'string', value: '名称', help: '城市名称，如 宣城市' },
      issuer: { type: 'string', value: '机关', help: '发文机关（默认：<城市>人民政府办公室）' },
      'doc-number': { type: 'string', value: '文号', help: '发文字号，年份写 {{year}}' },
      contact: { type: 'string', value: '文字', help: '通报和整改通知的联系人和电话' },
      units: {
        type: 'string',
        value: 'FILE',
        help: '单位清单（CSV 或文本，每行「单位名称,网站首页网址[,类型]」）',
      },
      force: { type: 'boolean', help: '覆盖已有的 units.yaml 和 paperwork.yaml' },
      help: HELP_FLAG,
    },
    async run(v) {
      const { ask, missing, readUnitList, writeCityConfig, defaultIssuer } =
        await import('./config/init.ts');
      const file = str(v, 'units');
      const given = {
        city: str(v, 'city'),
        issuer: str(v, 'issuer'),
        docNumber: str(v, 'doc-number'),
        contact: str(v, 'contact'),
        units: file ? readUnitList(file) : undefined,
      };
      if (given.city && !given.issuer) given.issuer = defaultIssuer(given.city);
      const left = missing(given);
      if (left.length && !process.stdin.isTTY)
        throw new UsageError(`init：缺少 ${left.join('、')}（或在终端中运行，逐项回答）`);
      const answers = left.length ? await ask(given, process.stdin, process.stdout) : given;
      const written = writeCityConfig(
        str(v, 'dir') ?? '.',
        answers as Parameters<typeof writeCityConfig>[1],
        v.force === true,
      );
      say('单位配置', written.units);
      say('公文设置', written.paperwork);
      console.log(`下一步：zwgk audit --config ${written.units}`);
      return 0;
    },
  },
  worker: {
    summary: '工作进程：从 Redis 队列领取单位，抓取、渲染、探测和检查后把结果交回测评发起方',
    usage: 'zwgk worker --redis URL [--concurrency N] [--browser-tabs N]',
    example: 'zwgk worker --redis redis://10.0.0.5:6379 --browser-tabs 4',
    options: {
      redis: { type: 'string', value: 'URL', help: 'Redis 地址（与 zwgk audit --redis 相同）' },
      concurrency: { type: 'string', value: 'N', help: '同时执行的任务数（默认 1）' },
      'browser-tabs': {
        type: 'string',
        value: 'N',
        help: '本进程的 Chromium 标签页数（默认用配置的 browser.poolSize）',
      },
      help: HELP_FLAG,
    },
    async run(v) {
      const redis = required(v, 'redis', 'worker');
      const controller = new AbortController();
      const stop = () => {
        if (controller.signal.aborted) process.exit(130);
        console.error(
          '\n收到中断信号：停止当前任务并交回队列，由其他工作进程接着做（再按一次立即退出）…',
        );
        controller.abort();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      const { runWorker } = await import('./queue/worker.ts');
      await runWorker({
        redis,
        concurrency: intOption('concurrency', str(v, 'concurrency')),
        browserTabs: intOption('browser-tabs', str(v, 'browser-tabs')),
        signal: controller.signal,
      });
      return 0;
    },
  },
  recheck: {
    summary: '用已存储的抓取结果重新抽取并重新检查（不再访问网站）',
    usage: 'zwgk recheck --run ID [--config FILE] [--db FILE] [--out DIR]',
    example: 'zwgk recheck --run 20261115-010000-ab12',
    options: { run: RUN, config: CONFIG, db: DB, out: OUT, help: HELP_FLAG },
    async run(v) {
      const runId = required(v, 'run', 'recheck');
      const db = await dbForRun(runId, str(v, 'db'));
      const outDir = resolve(str(v, 'out') ?? runOutDir(runId));
      say('数据库', db);
      const [{ recheck }, { loadConfig }] = await Promise.all([
        import('./run/recheck.ts'),
        import('./config/load.ts'),
      ]);
      await recheck({ runId, config: loadConfig(configFile(v)), dbFile: db, outDir });
      say('已重新检查，报告', join(outDir, 'index.html'));
      return 0;
    },
  },
  report: {
    summary:
      '重新生成一次运行的报告（含截图）；--pdf 另存 A4 PDF；--docx 生成测评通报草稿和各单位整改通知',
    usage:
      'zwgk report --run ID [--db FILE] [--out DIR] [--pdf [--unit ID]...] [--docx [--config FILE]]',
    example: 'zwgk report --run 20261115-010000-ab12 --docx',
    options: {
      run: RUN,
      db: DB,
      out: OUT,
      config: { ...CONFIG, help: '单位配置文件（--docx 用它的 paperwork 公文设置和合格线）' },
      pdf: { type: 'boolean', help: '把单位报告打印为 A4 PDF（需要 Chromium）' },
      docx: {
        type: 'boolean',
        help: 'Word 公文：全市测评通报（草稿）和各单位整改通知（措辞见 config/paperwork.yaml）',
      },
      unit: { type: 'string', multiple: true, value: 'ID', help: '只为这些单位生成 PDF' },
      help: HELP_FLAG,
    },
    run: reportCommand,
  },
  diff: {
    summary: '两次运行之间：已整改、新发现、仍未整改的问题',
    usage: 'zwgk diff --from RUN --to RUN [--db FILE]',
    example: 'zwgk diff --from 20251115-010000-ab12 --to 20261115-010000-cd34',
    options: {
      from: { ...RUN, help: '较早的运行编号' },
      to: { ...RUN, help: '较晚的运行编号' },
      db: DB,
      help: HELP_FLAG,
    },
    async run(v) {
      const from = required(v, 'from', 'diff');
      const to = required(v, 'to', 'diff');
      const db = await dbForRun(to, str(v, 'db'));
      say('数据库', db);
      const { diffRuns } = await import('./run/diff.ts');
      console.log(diffRuns(db, from, to));
      return 0;
    },
  },
  serve: {
    summary: '报告服务：办公室后台、各单位分享链接、整改答复与复查、定时测评',
    usage:
      'zwgk serve [--config FILE] [--db FILE] [--out DIR] [--host 127.0.0.1] [--port 8080] [--as-of YYYY-MM-DD] [--trust-proxy 1]',
    example: "ZWGK_ADMIN_PASSWORD_HASH='scrypt$…' zwgk serve --config 我的单位.yaml --port 8080",
    options: {
      config: CONFIG,
      db: DB,
      out: { ...OUT, help: '服务发起的测评的报告目录（默认：数据目录 out/<运行编号>/）' },
      host: { type: 'string', value: 'HOST', help: '监听地址（默认 127.0.0.1）' },
      port: { type: 'string', value: 'N', help: '端口（默认 8080）' },
      'as-of': { type: 'string', value: 'YYYY-MM-DD', help: '测评基准日（默认：每次测评当天）' },
      'trust-proxy': {
        type: 'string',
        value: 'N|IP,CIDR',
        help: '在 HTTPS 反向代理之后运行：信任的代理跳数（1）或代理地址（127.0.0.1,10.0.0.0/8）',
      },
      help: HELP_FLAG,
    },
    run: serveCommand,
  },
  'hash-password': {
    summary:
      `从标准输入读入办公室口令（至少 ${MIN_PASSWORD} 个字符），输出供 ZWGK_ADMIN_PASSWORD_HASH ` +
      `使用的散列`,
    usage: 'echo 口令 | zwgk hash-password',
    example: "echo '宣城政务公开2026' | zwgk hash-password",
    options: { help: HELP_FLAG },
    async run() {
      const password = (
        await new Promise<string>((ok) => {
          let data = '';
          process.stdin.on('data', (c) => (data += c)).on('end', () => ok(data));
        })
      ).replace(/\r?\n$/, '');
      if ([...password].length < MIN_PASSWORD)
        throw new UsageError(
          `口令至少 ${MIN_PASSWORD} 个字符（从标准输入读取，收到 ${[...password].length} 个）`,
        );
      console.log(hashPassword(password));
      return 0;
    },
  },
};

function required(v: Values, name: string, command: string): string {
  const value = str(v, name);
  if (!value) throw new UsageError(`${command} 需要 --${name}（zwgk ${command} --help 查看用法）`);
  return value;
}

function overview(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    `zwgk ${toolInfo().version} — 政务公开网站测评工具`,
    '',
    '用法：zwgk <命令> [选项]；zwgk help <命令> 或 zwgk <命令> --help 查看某个命令的选项、默认值和示例。',
    '',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    `数据目录：${dataHome()}（环境变量 ZWGK_HOME 可改；--db、--out 按命令指定）`,
  ].join('\n');
}

function commandHelp(name: string): string {
  const c = COMMANDS[name];
  const flags = Object.entries(c.options).map(
    ([k, o]) => [`--${k}${o.value ? ` ${o.value}` : ''}`, o.help] as const,
  );
  const width = Math.max(...flags.map(([f]) => f.length));
  return [
    `zwgk ${name} — ${c.summary}`,
    '',
    `用法：${c.usage}`,
    '',
    '选项：',
    ...flags.map(([f, h]) => `  ${f.padEnd(width)}  ${h}`),
    '',
    `示例：${c.example}`,
  ].join('\n');
}

function unknownCommand(name: string): UsageError {
  const hint = closest(name, Object.keys(COMMANDS));
  return new UsageError(
    `没有命令「${name}」${hint ? `，您是不是想用 zwgk ${hint}？` : ''}（zwgk help 列出全部命令）`,
  );
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (command === '--version' || command === '-v' || command === 'version') {
      const t = toolInfo();
      console.log(`zwgk-audit ${t.version}（${t.commit}）`);
      return 0;
    }
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      const topic = args[0];
      if (topic && !COMMANDS[topic]) throw unknownCommand(topic);
      console.log(topic ? commandHelp(topic) : overview());
      return command === undefined ? 2 : 0;
    }
    const c = COMMANDS[command];
    if (!c) throw unknownCommand(command);
    if (args.includes('--help') || args.includes('-h')) {
      console.log(commandHelp(command));
      return 0;
    }
    return await c.run(parseOptions(command, args, c.options));
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`配置错误 ${err.file}:\n${err.problems.map((p) => `  - ${p}`).join('\n')}`);
      return 2;
    }
    if (err instanceof StoreDamaged) {
      console.error(err.message);
      return 2;
    }
    if (err instanceof UsageError) {
      console.error(`参数错误：${err.message}`);
      return 2;
    }
    // A store damaged after it opened (a truncated file read further in): named, no stack.
    if (/^SQLITE_(CORRUPT|NOTADB)/.test((err as { code?: string }).code ?? '')) {
      console.error(`运行失败：数据库文件已损坏（${(err as Error).message}），请从备份恢复`);
      return 1;
    }
    console.error(`运行失败：${(err as Error).stack ?? err}`);
    return 1;
  }
}

async function auditCommand(v: Values): Promise<number> {
  const [{ audit, resumePlan }, { loadConfig }, { scoreLabel }] = await Promise.all([
    import('./run/audit.ts'),
    import('./config/load.ts'),
    import('./score/score.ts'),
  ]);
  const db = resolve(str(v, 'db') ?? defaultDb());
  // --resume: the run's own date, units and config (unless another config is named).
  const plan = v.resume !== undefined ? resumePlan(db, str(v, 'resume')) : undefined;
  if (plan && (v.unit || v.url || v['as-of']))
    throw new UsageError(
      '--resume 继续原运行的单位和测评基准日，不能同时使用 --unit、--url 或 --as-of',
    );
  const asOf = plan?.asOf ?? asOfOption(str(v, 'as-of'));
  const config = loadConfig(str(v, 'config') ?? plan?.config ?? configFile(v));
  if (plan) say('继续运行', plan.runId);
  say('配置', config.file);
  say('数据库', db);
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    console.error('\n收到中断信号：停止抓取，保存已有结果（再按一次立即退出）…');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  // A run never ends silently: should the event loop empty while the audit still waits (a timer
  // that nothing holds open), it is stopped as an interruption, keeping and reporting what it had.
  const onStall = () => {
    if (controller.signal.aborted) {
      console.error('运行失败：测评在等待中停止，无法继续（内部错误）');
      process.exit(1);
    }
    console.error('\n测评在等待中失去了所有待办事件（内部错误）：按中断处理，保存已有结果…');
    controller.abort();
  };
  process.on('beforeExit', onStall);
  try {
    const { runId, run, outDir } = await audit({
      config,
      unitIds: v.unit as string[] | undefined,
      url: str(v, 'url'),
      asOf,
      outDir: str(v, 'out'),
      dbFile: db,
      crawl: {
        concurrency: intOption('concurrency', str(v, 'concurrency')),
        delayMs: intOption('delay-ms', str(v, 'delay-ms')),
        maxPages: intOption('max-pages', str(v, 'max-pages')),
      },
      parallelUnits: intOption('parallel-units', str(v, 'parallel-units')),
      redis: str(v, 'redis') ?? config.units.queue?.redis,
      resume: plan?.runId,
      signal: controller.signal,
      progress: true,
      browser: v.browser as boolean | undefined,
    });
    for (const u of run.units)
      console.log(`${u.name}\t${scoreLabel(u.score)}\t${u.verdict}\t问题 ${u.findings.length} 条`);
    say('运行', `${runId}${run.status === 'complete' ? '' : '（未完成，已保存已有结果）'}`);
    say('数据库', db);
    say('报告', join(outDir, 'index.html'));
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
    process.off('beforeExit', onStall);
  }
}

async function reportCommand(v: Values): Promise<number> {
  const [{ rerender }, { loadConfig }, { loadPaperwork, paperworkWarnings }] = await Promise.all([
    import('./run/recheck.ts'),
    import('./config/load.ts'),
    import('./config/paperwork.ts'),
  ]);
  const runId = required(v, 'run', 'report');
  const db = await dbForRun(runId, str(v, 'db'));
  const outDir = resolve(str(v, 'out') ?? runOutDir(runId));
  say('数据库', db);
  const run = await rerender({ runId, dbFile: db, outDir });
  say('报告', join(outDir, 'index.html'));
  if (v.docx) {
    const config = loadConfig(configFile(v));
    const { writePaperwork } = await import('../reports/paperwork.ts');
    const paperwork = loadPaperwork(config.paperworkFile);
    for (const w of paperworkWarnings(paperwork, config.paperworkFile, beijingDate()))
      console.error(`注意：${w}`);
    const files = await writePaperwork(run, paperwork, config.profile.passMark, outDir);
    const tongbao = files.find((f) => f.endsWith('.docx') && !f.includes('整改通知'));
    say('通报（草稿）', tongbao ?? '（本次运行只有一个单位，不生成全市通报）');
    say('整改通知', `${join(outDir, 'units')}（${run.units.length} 份）`);
  }
  if (!v.pdf) return 0;
  const ids = (v.unit as string[] | undefined)?.length
    ? (v.unit as string[])
    : run.units.map((u) => u.id);
  const unknown = ids.filter((id) => !run.units.some((u) => u.id === id));
  if (unknown.length)
    throw new UsageError(`--unit ${unknown.join(', ')}: 运行 ${runId} 中没有这个单位`);
  const jobs = ids.map((id) => ({
    html: join(outDir, 'units', `${id}.html`),
    pdf: join(outDir, 'units', `${id}.pdf`),
  }));
  try {
    const { htmlFilesToPdf } = await import('../reports/pdf.ts');
    await htmlFilesToPdf(jobs);
  } catch (err) {
    if (err instanceof BrowserUnavailable)
      throw new UsageError(`生成 PDF 需要浏览器：${err.message}`);
    throw err;
  }
  for (const j of jobs) say('PDF', j.pdf);
  return 0;
}

async function serveCommand(v: Values): Promise<number> {
  const given = process.env.ZWGK_ADMIN_PASSWORD_HASH || undefined;
  const plain = process.env.ZWGK_ADMIN_PASSWORD || undefined;
  if (given !== undefined && !isPasswordHash(given))
    throw new UsageError(
      '环境变量 ZWGK_ADMIN_PASSWORD_HASH 不是 zwgk hash-password 生成的散列（应以 scrypt$ 开头）',
    );
  if (given === undefined && plain !== undefined && [...plain].length < MIN_PASSWORD)
    throw new UsageError(
      `ZWGK_ADMIN_PASSWORD 至少 ${MIN_PASSWORD} 个字符；建议改用 ZWGK_ADMIN_PASSWORD_HASH`,
    );
  const hash = given ?? (plain ? hashPassword(plain) : undefined);
  if (!hash)
    throw new UsageError(
      '请设置办公室口令：环境变量 ZWGK_ADMIN_PASSWORD_HASH（echo 口令 | zwgk hash-password 生成）或 ' +
        'ZWGK_ADMIN_PASSWORD',
    );
  const db = resolve(str(v, 'db') ?? defaultDb());
  const port = intOption('port', str(v, 'port')) ?? 8080;
  const host = str(v, 'host') ?? '127.0.0.1';
  const { buildServer } = await import('./serve/server.ts');
  const { app } = await buildServer({
    configFile: configFile(v),
    dbFile: db,
    outRoot: resolve(str(v, 'out') ?? join(dataHome(), 'out')),
    adminPasswordHash: hash,
    cookieSecret: process.env.ZWGK_COOKIE_SECRET || undefined,
    asOf: str(v, 'as-of') === undefined ? undefined : asOfOption(str(v, 'as-of')),
    trustProxy: parseTrustProxy(str(v, 'trust-proxy')),
  });
  let address: string;
  try {
    address = await app.listen({ host, port });
  } catch (err) {
    await app.close();
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE')
      throw new UsageError(`端口 ${port} 已被占用（${host}）：请用 --port 换一个端口`);
    if (code === 'EACCES') throw new UsageError(`没有权限监听端口 ${port}：请用 1024 以上的端口`);
    throw err;
  }
  say('数据库', db);
  say('报告服务已启动', `${address}/admin`);
  // SIGTERM (a service manager) and SIGINT stop gracefully: no new requests, the running audit keeps
  // what it has (its job runs again at the next start), the database closed.
  await new Promise<void>((ok) => {
    process.once('SIGINT', () => ok());
    process.once('SIGTERM', () => ok());
  });
  say('正在停止', '不再接受请求，保存进行中的测评');
  await app.close();
  return 0;
}
