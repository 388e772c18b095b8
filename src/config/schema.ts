// Shapes of the two config files: the units file (units.yaml) and a rule profile.
// Both are strict: an unknown key is a typo until proven otherwise.
import { CronExpressionParser } from 'cron-parser';
import { isIP } from 'node:net';
import { isLoopback } from '../net/hosts.ts';
import { z } from 'zod';
import type { Lexicons } from './lexicons.ts';

// zod's own messages in Chinese too (「无效输入：期望 数组，实际接收 undefined」), like ours.
z.config(z.locales.zhCN());

const hostName = z.string().regex(/^[a-z0-9.-]+$/i, '应为主机名，如 wlj.example.gov.cn');
const ip = z
  .string()
  .refine((a) => isIP(a) !== 0, '应为有效的 IPv4 或 IPv6 地址，如 127.0.0.1 或 ::1');
const httpUrl = z
  .string()
  .url('应为完整网址，如 https://wlj.example.gov.cn/')
  .refine((u) => /^https?:\/\//i.test(u), '只支持 http:// 或 https:// 网址');

/** A province is ~2,000 units; far past that a file is a mistake or an attack (memory). */
export const MAX_UNITS = 10_000;

export const crawlOptionsSchema = z
  .object({
    maxPages: z.number().int().positive().max(1_000_000).default(500),
    maxDepth: z.number().int().nonnegative().max(100).default(4),
    timeLimitSec: z
      .number()
      .positive()
      .max(7 * 86400, '不能超过 7 天（604800 秒）')
      .default(600),
    concurrency: z.number().int().positive().max(64).default(2),
    delayMs: z
      .number()
      .int()
      .nonnegative()
      .max(600_000, '不能超过 10 分钟（600000 毫秒）')
      .default(500),
    timeoutMs: z
      .number()
      .int()
      .positive()
      .max(600_000, '不能超过 10 分钟（600000 毫秒）')
      .default(15000),
    maxRedirects: z.number().int().nonnegative().max(50).default(8),
    /** Links to other hosts are status-checked (HEAD, then GET) unless this is false. */
    checkExternalLinks: z.boolean().default(true),
    maxLinkChecks: z.number().int().nonnegative().max(1_000_000).default(2000),
    /** Attachments (docx, xlsx, pdf) larger than this are status-checked but not read. */
    maxAttachmentBytes: z
      .number()
      .int()
      .positive()
      .max(200 * 1024 * 1024, '不能超过 200 MB')
      .default(5 * 1024 * 1024),
    /** Links from a document to its 解读 followed beyond the page and depth budgets. */
    maxInterpretationLinks: z.number().int().nonnegative().max(100_000).default(200),
    /** A dead link or page is fetched once more after this pause before it is reported. */
    recheckPauseMs: z.number().int().nonnegative().max(600_000).default(3000),
    /**
     * A homepage that fails is tried again, the attempts spread over at least this long (19号
     * samples availability over days; three refusals within milliseconds are one server restart).
     */
    homepageRetrySpreadMs: z.number().int().nonnegative().max(600_000).default(60_000),
    /** Upper bound on how long we wait for a Retry-After before giving up on that URL. */
    maxRetryAfterSec: z.number().nonnegative().max(3600, '不能超过 1 小时（3600 秒）').default(30),
    /** Units crawled at once (the run's; a unit's own value is ignored). Absent: enough to keep every host busy. */
    parallelUnits: z.number().int().positive().max(256).optional(),
  })
  .strict();

/**
 * A unit's own part of a shared host: a path (+ query) prefix such as `/public/6596371/`, or a
 * query parameter such as `siteId=6596371`.
 */
const scopeRule = z
  .string()
  .min(2)
  .refine(
    (r) => r.startsWith('/') || /^[A-Za-z_][\w-]*=[^&=]+$/.test(r),
    '应为路径前缀（以 / 开头）或查询参数（如 siteId=123）',
  );

const port = z.number().int().min(1).max(65535);

export const unitSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'id 只能由小写字母、数字和连字符组成'),
    name: z.string().min(1, '单位名称不能为空'),
    /** Other names the unit goes by (市发改委): how a task list's 责任单位 names it. */
    aliases: z.array(z.string().min(1)).optional(),
    kind: z.string().regex(/^[a-z-]+$/, 'kind 应为 department、county 等'),
    site: httpUrl,
    disclosure: httpUrl.optional(),
    /** 6-digit 行政区划代码; when given, the 网站标识码's first six digits are compared with it. */
    region: z
      .string()
      .regex(/^\d{6}$/, '行政区划代码应为 6 位数字')
      .optional(),
    hosts: z.record(hostName, z.array(ip).min(1, '至少给出一个地址')).optional(),
    /** A site on ports of its own: where it answers plain HTTP and HTTPS (the https check asks both). */
    ports: z.object({ http: port.optional(), https: port.optional() }).strict().optional(),
    /** Where the unit's own alerts go (单项否决 and 预警 found by the server), besides the office. */
    email: z.string().email('应为电子邮件地址').optional(),
    crawl: crawlOptionsSchema.partial().optional(),
    /** Its own URL prefixes or query parameters on a shared host (政府网站集约化 sub-sites). */
    scope: z.array(scopeRule).min(1, '至少给出一个路径前缀或查询参数').optional(),
    /** http: never a browser; browser: render every page; auto: render pages whose static HTML is script-filled. */
    render: z.enum(['auto', 'http', 'browser']).optional(),
  })
  .strict();

export const browserSchema = z
  .object({
    /** Use the system Chromium when it is installed (script-filled pages, screenshots, accessibility). */
    enabled: z.boolean().default(true),
    /** Tabs open at once, across all units. */
    poolSize: z.number().int().positive().max(16).default(2),
    /** A tab that takes longer is closed and the page reported as not rendered. */
    pageTimeoutSec: z.number().positive().max(600).default(20),
    /** The browser is restarted after this many pages (leaks in long runs). */
    recycleAfter: z.number().int().positive().max(1_000_000).default(200),
    /** Screenshots taken as evidence per unit (0: none). */
    screenshots: z.number().int().nonnegative().max(1000).default(20),
    /** Pages besides the homepage that axe-core checks for accessibility. */
    accessibilitySample: z.number().int().nonnegative().max(100).default(4),
  })
  .strict();
export type BrowserOptions = z.infer<typeof browserSchema>;

export const unitsFileSchema = z
  .object({
    /** Named in the User-Agent so a site operator can reach whoever is crawling. */
    contact: z.string().min(3).default('zwgk-audit; contact the city 政务公开办'),
    /** A rule profile relative to this file; absent: the profile shipped with the tool. */
    profile: z.string().min(1).optional(),
    /** The 通报/整改通知 settings and wording relative to this file; absent: the shipped ones. */
    paperwork: z.string().min(1).optional(),
    network: z
      .object({
        /** Refuse every connection to a non-loopback address (demo, tests). */
        loopbackOnly: z.boolean().default(false),
        /**
         * Hosts that tell whether this machine reaches the outside at all [I]: when none answers,
         * off-site links are 未检测 rather than reported dead. Empty: never probed.
         */
        referenceHosts: z.array(hostName).default(['www.gov.cn', 'www.baidu.com']),
        /**
         * Certificate authorities trusted besides the system's (an internal CA; the demo's own):
         * PEM files relative to this file, or PEM text. Read when the file is loaded.
         */
        ca: z.array(z.string().min(1)).optional(),
        /** An HTTP(S) proxy for every request (absent: HTTPS_PROXY / HTTP_PROXY, with NO_PROXY). */
        proxy: z
          .string()
          .regex(/^https?:\/\/[^\s/]+\/?$/i, '应为代理地址，如 http://proxy.office:8080')
          .optional(),
      })
      .strict()
      .default({ loopbackOnly: false, referenceHosts: ['www.gov.cn', 'www.baidu.com'] }),
    /** Shared portals (政府网站集约化): their hosts and the unit that runs them. */
    platforms: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9-]+$/, 'id 只能由小写字母、数字和连字符组成'),
            name: z.string().min(1).optional(),
            owner: z.string().min(1, '请写明平台主办单位的 id'),
            hosts: z.array(hostName).min(1, '至少给出一个主机名'),
          })
          .strict(),
      )
      .default([]),
    crawl: crawlOptionsSchema.partial().optional(),
    /**
     * Threads that read the pages fetched (decoding, extraction): absent, one a core. Each holds
     * ~50 MB at the peak; fewer make a run slower and smaller.
     */
    extractThreads: z.number().int().min(1).max(64).optional(),
    browser: browserSchema.default(browserSchema.parse({})),
    /** `zwgk serve`: when the assessment starts by itself (cron, Asia/Shanghai), e.g. "0 1 15 11 *". */
    server: z
      .object({
        schedule: z
          .string()
          .refine((e) => {
            try {
              CronExpressionParser.parse(e);
              return true;
            } catch {
              return false;
            }
          }, '不是有效的 cron 表达式（分 时 日 月 周，如 "0 1 15 11 *"）')
          .optional(),
        recheckMinutes: z.number().int().positive().max(100_000).default(10),
        /** Heap limit of each audit's own process, MB: an audit that exceeds it ends, the server stays. */
        auditMemoryMb: z.number().int().min(64).max(65_536).default(1024),
        /**
         * Homepage monitoring (19号 SV-DOWN: 每天间隔性访问20次以上, 15 秒): visits a day at
         * spread-out times, each kept; site-availability judges the window before the assessment.
         */
        monitor: z
          .object({
            enabled: z.boolean().default(true),
            visitsPerDay: z.number().int().min(1).max(1440).default(20),
            timeoutSec: z.number().positive().max(120).default(15),
          })
          .strict()
          .default({ enabled: true, visitsPerDay: 20, timeoutSec: 15 }),
        /** 工作台账 uploads: the largest file a unit may attach, MB. */
        ledgerMaxMb: z.number().positive().max(200).default(10),
      })
      .strict()
      .optional(),
    /**
     * Alerts from `zwgk serve` after each audit: every new 单项否决 and 预警 once, to the office
     * and the unit, through a robot webhook (企业微信/钉钉 text message, or plain JSON) and e-mail.
     */
    notify: z
      .object({
        /** The report server's address as units reach it, for the link in each alert. */
        baseUrl: z.string().url().optional(),
        webhook: z
          .object({
            url: z.string().url(),
            format: z.enum(['wecom', 'dingtalk', 'json']).default('wecom'),
          })
          .strict()
          .optional(),
        smtp: z
          .object({
            host: z.string().min(1),
            port: z.number().int().min(1).max(65535).default(25),
            secure: z.boolean().default(false),
            user: z.string().optional(),
            pass: z.string().optional(),
            from: z.string().min(3),
          })
          .strict()
          .optional(),
        /** The office's addresses. */
        office: z.array(z.string().email('应为电子邮件地址')).default([]),
      })
      .strict()
      .optional(),
    /** Runs on `zwgk worker`s (province scale): the Redis the audits and the server's runs use. */
    queue: z
      .object({
        redis: z.string().regex(/^rediss?:\/\/\S+$/, '应为 Redis 地址，如 redis://10.0.0.5:6379'),
      })
      .strict()
      .optional(),
    /** Accepted exceptions: shown in their own 「已豁免」 section, never hidden; expired ones reopen. */
    waivers: z
      .array(
        z
          .object({
            check: z.string().min(1),
            unit: z.string().min(1),
            /** A regular expression matching the finding's page URL or what it is about (a link target). */
            url: z
              .string()
              .refine((p) => {
                try {
                  new RegExp(p);
                  return true;
                } catch {
                  return false;
                }
              }, '不是有效的正则表达式')
              .default('.*'),
            /** Only the finding with this fingerprint (a dispute the office accepted in `zwgk serve`). */
            fingerprint: z
              .string()
              .regex(/^[0-9a-f]{16}$/, '应为 16 位十六进制指纹')
              .optional(),
            reason: z.string().min(2, '请写明豁免理由'),
            by: z.string().min(1, '请写明批准人'),
            until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '到期日应为 YYYY-MM-DD'),
          })
          .strict(),
      )
      .default([]),
    units: z
      .array(unitSchema)
      .min(1, '至少需要一个单位')
      .max(MAX_UNITS, `一个配置文件最多 ${MAX_UNITS} 个单位，请分成几个文件`),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.units.forEach((u, i) => {
      if (seen.has(u.id))
        ctx.addIssue({ code: 'custom', path: ['units', i, 'id'], message: `id「${u.id}」重复` });
      seen.add(u.id);
      // Refused at load, not at the first fetch: the run would otherwise start and fail late.
      if (file.network.loopbackOnly)
        for (const [host, addrs] of Object.entries(u.hosts ?? {}))
          addrs.forEach((a, k) => {
            if (!isLoopback(a))
              ctx.addIssue({
                code: 'custom',
                path: ['units', i, 'hosts', host, k],
                message: `${a} 不是本机回环地址，而 network.loopbackOnly 只允许本机地址`,
              });
          });
    });
    const platformIds = new Set<string>();
    file.platforms.forEach((p, i) => {
      if (!seen.has(p.owner))
        ctx.addIssue({
          code: 'custom',
          path: ['platforms', i, 'owner'],
          message: `没有 id 为「${p.owner}」的单位`,
        });
      if (platformIds.has(p.id))
        ctx.addIssue({
          code: 'custom',
          path: ['platforms', i, 'id'],
          message: `平台 id「${p.id}」重复`,
        });
      platformIds.add(p.id);
    });
  });

const columnSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string(),
    aliases: z.array(z.string()).default([]),
    /** Unit kinds for which this column is required; empty = never required, only watched. */
    requiredFor: z.array(z.string()).default([]),
    /** One of the four first-level entries of the 政府信息公开 platform. */
    platformEntry: z.boolean().default(false),
    /** Freshness class from `freshness`, or absent when the column has no update window. */
    freshness: z.string().optional(),
  })
  .strict();

const checkWeightSchema = z
  .object({
    weight: z.number().nonnegative(),
    veto: z.boolean().default(false),
    category: z.string().optional(),
    /** The check's own settings (its inferred thresholds); validated by the check's schema. */
    options: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export const profileSchema = z
  .object({
    name: z.string(),
    description: z.string().optional(),
    /** Unit kinds (id → 中文 name) a units file may use; absent: those the columns and deadlines name. */
    kinds: z.record(z.string(), z.string()).optional(),
    freshness: z.record(
      z.string(),
      z
        .object({
          days: z.number().int().positive().optional(),
          months: z.number().int().positive().optional(),
          label: z.string(),
          /**
           * Which count of SV-COL a stale column adds to: (1) 动态要闻 and 通知公告/政策文件 columns
           * together, or (2) the other columns that should be updated (应更新但长期未更新).
           */
          count: z.enum(['timely', 'other']).default('timely'),
        })
        .strict(),
    ),
    homepageFreshDays: z.number().int().positive(),
    availability: z
      .object({
        attempts: z.number().int().min(1).max(20),
        timeoutSec: z.number().positive(),
        /** SV-DOWN [V]: 监测1周; the window of monitoring samples before the assessment date. */
        monitorDays: z.number().int().positive().default(7),
        /** [I] Fewer samples in the window decide nothing (19号: 20 a day for a week). */
        minSamples: z.number().int().positive().default(100),
        /** SV-DOWN [V]: 累计占比超过(含)5% is a veto. */
        vetoShare: z.number().min(0).max(1).default(0.05),
        /** [I] 预警: a share at or above this, below the veto, is a warning (vendor practice: 3%). */
        warnShare: z.number().min(0).max(1).default(0.03),
      })
      .strict(),
    vetoThresholds: z
      .object({
        staleColumns: z.number().int().positive(),
        /** SV-COL (2) [V]: 应更新但长期未更新的栏目 ≥ 10. */
        staleOtherColumns: z.number().int().positive().default(10),
        blankColumns: z.number().int().positive(),
      })
      .strict(),
    /**
     * 预警 [I]: the line below each veto line from which a unit is warned (shown apart, alerted),
     * in the same units: columns counted, days without a homepage update.
     */
    earlyWarning: z
      .object({
        staleColumns: z.number().int().positive().default(3),
        staleOtherColumns: z.number().int().positive().default(6),
        blankColumns: z.number().int().positive().default(3),
        homepageDays: z.number().int().positive().default(10),
      })
      .strict()
      .default({ staleColumns: 3, staleOtherColumns: 6, blankColumns: 3, homepageDays: 10 }),
    platformNames: z.array(z.string()).min(1),
    columns: z.array(columnSchema).min(1),
    ipv6: z
      .object({
        linkSample: z.number().int().nonnegative(),
        /** [I] no official per-site threshold exists; null = report the share only. */
        minLinkShare: z.number().min(0).max(1).nullable(),
      })
      .strict(),
    brokenLinks: z.object({ ignore: z.array(z.string()) }).strict(),
    severityDeduction: z
      .object({ error: z.number(), warning: z.number(), info: z.number() })
      .strict(),
    /** Below this score a unit is 不合格 (19号's frame). */
    passMark: z.number().min(0).max(100).default(60),
    /**
     * [I] A unit on a shared platform: which checks judge the platform (its template, its host)
     * rather than the unit, and whether their findings count in the hosted unit's score.
     */
    platform: z
      .object({
        checks: z
          .array(z.string())
          .default(['site-availability', 'site-identity', 'ipv6', 'https']),
        deductHosted: z.boolean().default(false),
      })
      .strict()
      .default({
        checks: ['site-availability', 'site-identity', 'ipv6', 'https'],
        deductHosted: false,
      }),
    normative: z
      .object({
        /** Metadata fields a 行政规范性文件 page must show (canonical names of the alias table). */
        requiredFields: z.array(z.string()).min(1),
        /** 条例 Art. 26: publish within 20 working days of forming [V]. */
        maxPublishLagWorkdays: z.number().int().positive(),
        /** Require both an editable (doc/docx/wps) and a PDF version [I: a provincial rule]. */
        requireWordAndPdf: z.boolean(),
        /** [V3] 索引号 form to require (a regex), or null to check only its year. */
        indexNumberPattern: z.string().nullable(),
      })
      .strict(),
    /**
     * 文件与解读一一关联 (the seed's item G1): the documents paired with their 解读 are the
     * 行政规范性文件, the items of these columns, and any document page that links to its 解读.
     */
    interpretation: z
      .object({ pairColumns: z.array(z.string().min(1)) })
      .strict()
      .default({ pairColumns: ['policy-docs'] }),
    annualReport: z
      .object({
        /** MM-DD by unit kind (and `default`): the last day to publish last year's report. */
        deadlines: z.record(z.string(), z.string().regex(/^\d{2}-\d{2}$/)),
      })
      .strict(),
    /** The assessment's task list as a checklist (relative to the profile file), if any. */
    checklist: z.string().optional(),
    /** Paths of the word lists, relative to the profile file. */
    lexicons: z.object({ spam: z.string(), wording: z.string() }).strict(),
    checks: z.record(z.string(), checkWeightSchema),
  })
  .strict();

export type CrawlOptions = z.infer<typeof crawlOptionsSchema>;
export type UnitConfig = z.infer<typeof unitSchema>;
export type UnitsFile = z.infer<typeof unitsFileSchema>;
export type Waiver = UnitsFile['waivers'][number];
/** Who a task is for: unit kinds, and named bureaus (by name, abbreviation or alias). */
const responsibleSchema = z
  .object({
    /** The list's own words (市发改委牵头，市直有关单位负责落实), shown in the report. */
    text: z.string(),
    /** Kinds every unit of which is responsible (市政府各部门 → department). */
    kinds: z.array(z.string()).default([]),
    /** Named units (市发改委, 市住建局): matched against each unit's name and `aliases`. */
    units: z.array(z.string()).default([]),
    /** Of the named, those that lead (牵头). */
    lead: z.array(z.string()).default([]),
    /** Kinds of which only the units concerned are responsible (市直有关单位): never 未达标 by absence. */
    related: z.array(z.string()).default([]),
  })
  .strict();

/** What the site must show for a task: a column, and/or recent pages on its topic. */
const evidenceSchema = z
  .object({
    /** A column by these names (any) must exist in the navigation, with recent items. */
    columns: z.array(z.string().min(1)).default([]),
    /** Titles of pages, list items or attachments: a group matches when a title has all its words. */
    topics: z.array(z.array(z.string().min(1)).min(1)).default([]),
    /** `all`: every topic group must be found; `any` (default): one is enough. */
    need: z.enum(['any', 'all']).default('any'),
    /** How far back evidence counts, in months before the assessment date. */
    months: z.number().int().positive().default(12),
  })
  .strict()
  .refine((e) => e.columns.length + e.topics.length > 0, '至少给出 columns 或 topics');

export const checklistSchema = z
  .object({
    name: z.string(),
    items: z.array(
      z
        .object({
          id: z.string(),
          section: z.string(),
          title: z.string(),
          requirement: z.string(),
          checks: z.array(z.string()).default([]),
          /** 责任单位; absent: every unit. */
          responsible: responsibleSchema.optional(),
          /** The office's 备注: what is still missing; the 整改要求 where the item is 未达标. */
          remark: z.string().optional(),
          /** The list's deadline (YYYY-MM-DD), shown beside the item. */
          deadline: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/, '应为 YYYY-MM-DD')
            .optional(),
          evidence: evidenceSchema.optional(),
        })
        .strict(),
    ),
  })
  .strict();
export type ChecklistItem = Checklist['items'][number];
export type Checklist = z.infer<typeof checklistSchema>;

/** A profile as loaded: its word lists (and checklist) read and validated. */
export type Profile = z.infer<typeof profileSchema> & {
  lexicon: Lexicons;
  checklistData?: Checklist;
  /** Each check's options: the profile's, over the check's defaults (filled at load). */
  checkOptions?: Record<string, unknown>;
};
export type ColumnRule = z.infer<typeof columnSchema>;
