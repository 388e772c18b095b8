// The two bundled sample units, assessed as of 2022-11-15 (the seed's assessment):
// - `clean`: a well-run department site that every check of the foundation passes;
// - `flawed`: the same template with one planted problem per check, including a GBK column,
//   a 咨询投诉 board with a question unanswered since June,
//   an empty 网站标识码 and injected gambling text copied from the seed page, a false
//   「已支持IPv6」 claim (the site does not listen on ::1), a blank column, stale columns,
//   a missing column, and dead links and attachments.
import { annualReportBody } from './annual-report.ts';
import { docx, pdf } from './sample-files.ts';
import type { SiteMap } from './site-server.ts';

export const DEMO_AS_OF = '2022-11-15';

/** A made-up ID number with a valid GB 11643 check character (no real person's). */
function fakeId(d17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return d17 + '10X98765432'[w.reduce((a, x, i) => a + x * Number(d17[i]), 0) % 11];
}

interface Item {
  title: string;
  date?: string;
  href: string;
}

interface Options {
  name: string;
  footer: string;
  /** Beside the site name: the 无障碍/长者模式 entry, or a logo without alternative text. */
  header?: string;
  scripts?: string;
  /** The 网站标识码 its pages carry as SiteIDCode, with every metadata tag of the design norm. */
  siteIdCode?: string;
}

/** The metadata tags of 《政府网站网页设计规范》 a page kind carries (when the site writes them). */
type PageMeta = Record<string, string>;

const metaTags = (o: Options, m: PageMeta) =>
  o.siteIdCode
    ? Object.entries({ SiteIDCode: o.siteIdCode, ...m })
        .map(([k, v]) => `<meta name="${k}" content="${v}">`)
        .join('')
    : '';

function list(items: Item[]): string {
  const item = (i: Item) =>
    `<li><a href="${i.href}" title="${i.title}">${i.title}</a>` +
    `${i.date ? `<span class="date">${i.date}</span>` : ''}</li>`;
  return `<ul class="list">${items.map(item).join('')}</ul>`;
}

function page(
  o: Options,
  title: string,
  main: string,
  charset = 'utf-8',
  meta: PageMeta = {},
): string {
  return (
    `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="${charset}"><title>${title}_${o.name}</title>
<meta name="SiteName" content="${o.name}"><meta name="SiteDomain" content="demo.gov.cn">${metaTags(o, meta)}</head>
<body>
<div class="header"><h1>${o.name}</h1>${o.header ?? ''}</div>
<div class="nav"><ul>
<li><a href="/">首页</a></li><li><a href="/xxgk/">政府信息公开</a></li><li><a href="/news/">工作动态</a></li><li>` +
    `<a href="/tzgg/">通知公告</a></li><li><a href="/hdjl/">咨询投诉</a></li><li><a href="/bsfw/">办事服务</a></li>
</ul></div>
<div class="main">${main}</div>
<div class="footer">${o.footer}</div>
${o.scripts ?? ''}
</body></html>`
  );
}

function article(o: Options, title: string, date: string, body: string, charset = 'utf-8'): string {
  return page(
    o,
    title,
    `<h2>${title}</h2><p class="info">发布日期：${date}</p><div class="content">${body}</div>`,
    charset,
    { ArticleTitle: title, PubDate: `${date} 09:00`, ContentSource: o.name },
  );
}

/** A 行政规范性文件 page: the metadata table, the body, and its attachments. */
function normativeDoc(
  o: Options,
  title: string,
  meta: Record<string, string>,
  files: string,
): string {
  const rows = Object.entries(meta)
    .map(([k, v]) => `<tr><td class="label">${k}：</td><td>${v}</td></tr>`)
    .join('');
  return page(
    o,
    title,
    `<table class="xxgk-meta">${rows}</table><h2>${title}</h2>` +
      `<div class="content"><p>${title}。正文内容。</p></div><div class="fj">附件：${files}</div>`,
    'utf-8',
    { ArticleTitle: title, PubDate: `${meta.发布日期 ?? ''} 09:00`, ContentSource: o.name },
  );
}

function platform(o: Options, entries: [string, string][]): string {
  return page(
    o,
    '政府信息公开',
    `<div class="xxgk-nav"><ul>${entries.map(([t, h]) => `<li><a href="${h}">${t}</a></li>`).join('')}</ul></div>`,
  );
}

function column(o: Options, name: string, items: Item[], charset = 'utf-8'): string {
  return page(o, name, `<h2>${name}</h2>${list(items)}`, charset, {
    ColumnName: name,
    ColumnType: '信息列表',
  });
}

/** A message on the 咨询投诉 board: asked, and answered (or not yet). */
interface Msg {
  title: string;
  asked: string;
  replied?: string;
  href: string;
}

/** The 咨询投诉 board: one row a message, as many CMSs print it, and each message's page. */
function board(o: Options, msgs: Msg[]): SiteMap {
  const row = (m: Msg) =>
    `<tr><td><a href="${m.href}">${m.title}</a></td><td>${m.asked}</td><td>${m.replied ?? ''}</td>` +
    `<td>${m.replied ? '已回复' : '办理中'}</td></tr>`;
  const answer = (m: Msg) =>
    m.replied
      ? `<tr><td>答复单位</td><td>${o.name}</td></tr><tr><td>答复时间</td><td>${m.replied}</td></tr>` +
        '<tr><td>答复内容</td><td>您好，您反映的问题已研究办理，感谢您的关注。</td></tr>'
      : '';
  return {
    '/hdjl/index.html': page(
      o,
      '咨询投诉',
      '<h2>咨询投诉</h2><table class="ly"><tr><th>留言标题</th><th>留言时间</th><th>回复时间</th>' +
        `<th>状态</th></tr>${msgs.map(row).join('')}</table>`,
      'utf-8',
      { ColumnName: '咨询投诉', ColumnType: '互动交流' },
    ),
    ...Object.fromEntries(
      msgs.map((m) => [
        m.href,
        page(
          o,
          m.title,
          `<h2>${m.title}</h2><table class="ly-detail"><tr><td>留言时间</td><td>${m.asked}</td></tr>` +
            `<tr><td>留言内容</td><td>${m.title}，请予答复。</td></tr>${answer(m)}</table>`,
        ),
      ]),
    ),
  };
}

/** An 办事指南 with the given element rows (label, value), as a table. */
function guide(o: Options, title: string, rows: [string, string][]): string {
  const table = rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('');
  return page(
    o,
    `${title}办事指南`,
    `<h2>${title}办事指南</h2><table class="bszn">${table}</table>`,
  );
}

/** The eight element groups, in the words a guide uses (aliases included). */
const GUIDE_ROWS: [string, string][] = [
  ['事项名称', ''],
  ['法律依据', '《中华人民共和国行政许可法》'],
  ['受理条件', '符合相关规定的申请人'],
  ['申请材料', '申请表、身份证明'],
  ['办理地点', '宣城市政务服务中心二楼'],
  ['办理时间', '工作日 9:00-17:00'],
  ['咨询电话', '0563-0000002'],
  ['办理流程', '申请—受理—审查—决定'],
];

const CLEAN: Options = {
  name: '宣城市示例文化和旅游局',
  siteIdCode: '3418000011',
  // The 无障碍 toolbar is opened by script on real sites, hence no href.
  header:
    '<p class="tools"><a href="javascript:void(0)" id="wza">无障碍浏览</a>　<a href="javascript:void(0)" ' +
    'id="zzms">长者模式</a></p><form class="search" action="/search/" method="get">' +
    '<input type="text" name="q" placeholder="请输入关键词"><button type="submit">搜索</button></form>',
  footer: `<p>主办单位：宣城市示例文化和旅游局　联系电话：0563-0000000</p>
<p>网站标识码：3418000011　<a href="https://beian.miit.gov.cn/">皖ICP备05001234号</a>　<a
href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=34180202000123">皖公网安备34180202000123号</a></p>
<p><span id="_ideConac"><a href="https://bszs.conac.cn/sitename?method=show&id=0000">党政机关</a></span>
<a href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=3418000011">我为政府网站找错</a>　本站支持IPv6访问</p>`,
  scripts: `<script id="_jiucuo_" sitecode="3418000011" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script>`,
};

// The clean unit's lists, shared by its columns and their pages.
const NEWS: Item[] = [
  {
    title: '市文旅局召开文旅市场安全生产工作会议',
    date: '2022-11-10',
    href: '/news/202211/t20221110_101.html',
  },
  {
    title: '我市开展公共文化服务效能提升行动',
    date: '2022-11-03',
    href: '/news/202211/t20221103_102.html',
  },
  {
    title: '市文旅局举办2022年政务公开工作培训',
    date: '2022-10-28',
    href: '/news/202210/t20221028_103.html',
  },
];
const NOTICES: Item[] = [
  {
    title: '关于2022年度文旅行业专项资金申报的通知',
    date: '2022-10-20',
    href: '/tzgg/202210/t20221020_201.html',
  },
  {
    title: '2022年度非遗传承人补助发放名单公示',
    date: '2022-10-12',
    href: '/tzgg/202210/t20221012_202.html',
  },
  {
    title: '2022年政务公开重点工作任务分解及落实情况',
    date: '2022-09-20',
    href: '/tzgg/202209/t20220920_203.html',
  },
];
// The task list's 专栏 (item 3: 受疫情影响行业帮扶政策, 「需设立专栏展示」).
const RELIEF: Item[] = [
  {
    title: '文旅行业助企纾困帮扶政策汇编',
    date: '2022-10-18',
    href: '/zqsk/202210/t20221018_501.html',
  },
];
const NORMATIVE: Item[] = [
  {
    title: '宣城市示例文化和旅游局关于印发旅游民宿管理办法的通知',
    date: '2022-09-29',
    href: '/xxgk/gfxwj/202209/t20220929_301.html',
  },
];
const INTERP: Item[] = [
  {
    title: '《旅游民宿管理办法》政策解读',
    date: '2022-10-09',
    href: '/xxgk/zcjd/202210/t20221009_302.html',
  },
];

export async function cleanSite(): Promise<SiteMap> {
  const o = CLEAN;
  return { ...cleanFront(o), ...cleanDisclosure(o), ...(await cleanPolicies(o)), ...cleanNews(o) };
}

/** The homepage, the 专栏, the 年报 and the 信息公开 platform's guide and rules. */
function cleanFront(o: Options): SiteMap {
  const doc = (it: Item) => article(o, it.title, it.date!, `<p>${it.title}。正文内容。</p>`);
  return {
    '/index.html': page(
      o,
      '首页',
      `<h2>工作动态</h2>${list(NEWS)}<h2>通知公告</h2>${list(NOTICES)}` +
        '<p><a href="/ndbb/2021.html">2021年度政府网站工作年度报表</a></p>' +
        '<p class="zt"><a href="/zqsk/">助企纾困</a></p>',
    ),
    '/zqsk/index.html': column(o, '助企纾困', RELIEF),
    '/zqsk/202210/t20221018_501.html': doc(RELIEF[0]),
    '/news/202210/t20221028_103.html': doc(NEWS[2]),
    '/tzgg/202209/t20220920_203.html': doc(NOTICES[2]),
    '/ndbb/2021.html': article(
      o,
      '宣城市示例文化和旅游局2021年度政府网站工作年度报表',
      '2022-01-20',
      '<table><tr><td>网站名称</td><td>宣城市示例文化和旅游局</td></tr>' +
        '<tr><td>网站标识码</td><td>3418000011</td></tr></table>',
    ),
    '/xxgk/index.html': platform(o, [
      ['政府信息公开指南', '/xxgk/zn/'],
      ['政府信息公开制度', '/xxgk/zd/'],
      ['法定主动公开内容', '/xxgk/fdzdgknr/'],
      ['政府信息公开年报', '/xxgk/nb/'],
      ['机构职能', '/xxgk/jgzn/'],
      ['领导信息', '/xxgk/ldxx/'],
      ['行政规范性文件', '/xxgk/gfxwj/'],
      ['政策解读', '/xxgk/zcjd/'],
    ]),
    '/xxgk/zn/index.html': column(o, '政府信息公开指南', [
      {
        title: '宣城市示例文化和旅游局政府信息公开指南',
        date: '2022-03-01',
        href: '/xxgk/zn/202203/t20220301_1.html',
      },
    ]),
    '/xxgk/zn/202203/t20220301_1.html': article(
      o,
      '政府信息公开指南',
      '2022-03-01',
      '<p>受理机构、地址、电话、办公时间。</p>',
    ),
    '/xxgk/zd/index.html': column(o, '政府信息公开制度', [
      {
        title: '政府信息公开工作制度',
        date: '2021-06-01',
        href: '/xxgk/zd/202106/t20210601_1.html',
      },
      {
        title: '政府信息公开保密审查制度（2022年修订）',
        date: '2022-06-15',
        href: '/xxgk/zd/202206/t20220615_2.html',
      },
    ]),
    '/xxgk/zd/202206/t20220615_2.html': article(
      o,
      '政府信息公开保密审查制度（2022年修订）',
      '2022-06-15',
      '<p>第一条 为规范政府信息公开保密审查工作……</p>',
    ),
    '/xxgk/zd/202106/t20210601_1.html': article(
      o,
      '政府信息公开工作制度',
      '2021-06-01',
      '<p>制度全文。</p>',
    ),
  };
}

/** The statutory columns: 法定主动公开内容, 年报, 机构, 领导, the 规范性文件 list. */
function cleanDisclosure(o: Options): SiteMap {
  return {
    '/xxgk/fdzdgknr/index.html': column(o, '法定主动公开内容', [
      ...NORMATIVE,
      ...INTERP,
      {
        title: '关于公开征求《宣城市示例旅游民宿管理办法（征求意见稿）》意见的公告',
        date: '2022-08-01',
        href: '/xxgk/yjzj/202208/t20220801_401.html',
      },
      {
        title: '《宣城市示例旅游民宿管理办法（征求意见稿）》征求意见采纳情况反馈',
        date: '2022-09-15',
        href: '/xxgk/yjzj/202209/t20220915_402.html',
      },
    ]),
    '/xxgk/nb/index.html': column(o, '政府信息公开年报', [
      {
        title: '2021年政府信息公开工作年度报告',
        date: '2022-01-20',
        href: '/xxgk/nb/202201/t20220120_1.html',
      },
    ]),
    '/xxgk/nb/202201/t20220120_1.html': article(
      o,
      '2021年政府信息公开工作年度报告',
      '2022-01-20',
      annualReportBody(2021, [5, 1, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], {
        validNormative: 1,
      }),
    ),
    '/xxgk/jgzn/index.html': page(
      o,
      '机构职能',
      '<h2>机构职能</h2><div class="content"><p>主要职责：贯彻执行文化和旅游工作方针政策。</p><p><a ' +
        'href="/xxgk/jgzn/nsjg.html">内设机构</a></p></div>',
    ),
    '/xxgk/jgzn/nsjg.html': article(o, '内设机构', '2022-01-05', '<p>办公室、产业发展科。</p>'),
    '/xxgk/ldxx/index.html': column(o, '领导信息', [
      { title: '局长 张某某', date: '2022-02-10', href: '/xxgk/ldxx/202202/t20220210_1.html' },
    ]),
    '/xxgk/ldxx/202202/t20220210_1.html': article(
      o,
      '局长 张某某',
      '2022-02-10',
      '<p>主持全面工作。</p>',
    ),
    '/xxgk/gfxwj/index.html': page(
      o,
      '行政规范性文件',
      `<h2>行政规范性文件</h2>${list(NORMATIVE)}<p><a href="/xxgk/gfxwj/ml.html">现行有效行政规范性文件目录</a></p>`,
      'utf-8',
      { ColumnName: '行政规范性文件', ColumnType: '信息列表' },
    ),
  };
}

/** A normative document with its Word and PDF files, its 解读, 目录 and 意见征集. */
async function cleanPolicies(o: Options): Promise<SiteMap> {
  return {
    '/xxgk/gfxwj/202209/t20220929_301.html': normativeDoc(
      o,
      NORMATIVE[0].title,
      {
        索引号: '113418000000000001/2022-00031',
        发布机构: '宣城市示例文化和旅游局',
        文号: '宣示文旅规〔2022〕1号',
        成文日期: '2022-09-26',
        发布日期: '2022-09-29',
        有效性: '有效',
      },
      `<a href="/xxgk/gfxwj/202209/P020220929_1.docx">Word版</a> <a href="/xxgk/gfxwj/202209/P020220929_1.pdf">PDF版</a>
      <p>相关解读：<a href="${INTERP[0].href}">${INTERP[0].title}</a></p>`,
    ),
    '/xxgk/gfxwj/202209/P020220929_1.docx': {
      body: await docx(['宣城市示例旅游民宿管理办法', '第一条 为规范旅游民宿管理……']),
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    },
    '/xxgk/gfxwj/202209/P020220929_1.pdf': {
      body: pdf('Xuancheng demo: tourism homestay management measures, 2022'),
      contentType: 'application/pdf',
    },
    // As on many CMSs, this column's list arrives from a JSON API after the page has loaded: a
    // static crawl sees an empty list (never called blank), the browser sees the item.
    '/xxgk/zcjd/index.html': page(
      o,
      '政策解读',
      `<h2>政策解读</h2><ul class="list" id="zcjd-list"></ul>
<script>window.addEventListener('load', function () {
  fetch('/xxgk/zcjd/list.json').then(function (r) { return r.json(); }).then(function (items) {
    document.getElementById('zcjd-list').innerHTML = items.map(function (i) {
      return '<li><a href="' + i.href + '" title="' + i.title + '">' + i.title + '</a><span class="date">' + i.date + '</span></li>';
    }).join('');
  });
});</script>`,
    ),
    '/xxgk/zcjd/list.json': { body: JSON.stringify(INTERP), contentType: 'application/json' },
    // Published 2022-10-09, 3 working days after the document of 2022-09-29 across the National
    // Day holiday and its 调休 Saturdays: on time. It links back to the document.
    '/xxgk/zcjd/202210/t20221009_302.html': article(
      o,
      INTERP[0].title,
      INTERP[0].date!,
      `<p>一、背景依据：为规范旅游民宿经营……</p>
      <p>二、目的意义：促进乡村旅游高质量发展。</p>` +
        `<p>三、主要内容：明确开办条件、服务规范和监督管理。</p>
      <p>四、适用范围：本市行政区域内的旅游民宿。</p>` +
        `<p>五、政策咨询：市文化和旅游局产业发展科，联系人：王某，咨询电话：0563-0000001。</p>
      <p>相关文件：<a href="${NORMATIVE[0].href}">${NORMATIVE[0].title}</a></p>`,
    ),
    '/xxgk/gfxwj/ml.html': article(
      o,
      '现行有效行政规范性文件目录',
      '2022-10-31',
      `<table><tr><td>序号</td><td>文件名称</td><td>文号</td></tr>
      <tr><td>1</td><td><a href="${NORMATIVE[0].href}">${NORMATIVE[0].title}</a></td><td>宣示文旅规〔2022〕1号</td></tr></table>`,
    ),
    '/xxgk/yjzj/202208/t20220801_401.html': article(
      o,
      '关于公开征求《宣城市示例旅游民宿管理办法（征求意见稿）》意见的公告',
      '2022-08-01',
      '<p>征求意见时间：2022年8月1日至2022年8月31日。</p><p>附件：<a ' +
        'href="/xxgk/yjzj/202208/qcsm.html">起草说明</a></p>',
    ),
    '/xxgk/yjzj/202208/qcsm.html': article(
      o,
      '《宣城市示例旅游民宿管理办法（征求意见稿）》起草说明',
      '2022-08-01',
      '<p>一、起草背景……</p>',
    ),
    '/xxgk/yjzj/202209/t20220915_402.html': article(
      o,
      '《宣城市示例旅游民宿管理办法（征求意见稿）》征求意见采纳情况反馈',
      '2022-09-15',
      '<p>共收到意见5条，采纳3条……</p>',
    ),
  };
}

/** 工作动态, 通知公告, 办事服务, search and the message board. */
function cleanNews(o: Options): SiteMap {
  const doc = (it: Item) => article(o, it.title, it.date!, `<p>${it.title}。正文内容。</p>`);
  return {
    '/news/index.html': column(o, '工作动态', NEWS),
    '/news/202211/t20221110_101.html': doc(NEWS[0]),
    '/news/202211/t20221103_102.html': doc(NEWS[1]),
    '/tzgg/index.html': column(o, '通知公告', NOTICES),
    '/tzgg/202210/t20221020_201.html': article(
      o,
      NOTICES[0].title,
      NOTICES[0].date!,
      '<p>申报材料见附件：<a href="/tzgg/202210/P020221020.pdf">申报表.pdf</a></p>',
    ),
    '/tzgg/202210/P020221020.pdf': { body: '%PDF-1.4\n%demo\n', contentType: 'application/pdf' },
    // Personal data masked as required; 澳门回归 and 体育彩票 are ordinary words here.
    '/tzgg/202210/t20221012_202.html': article(
      o,
      NOTICES[1].title,
      NOTICES[1].date!,
      `<table>
      <tr><td>姓名</td><td>身份证号</td><td>联系电话</td></tr>
      <tr><td>张某</td><td>34**************12</td><td>139****5678</td></tr>
      <tr><td>李某</td><td>34**************3X</td><td>138****1234</td></tr></table>
      <p>活动庆祝澳门回归祖国，资金来源含体育彩票公益金。</p>`,
    ),
    '/bsfw/index.html': column(o, '办事服务', [
      { title: '旅游民宿备案办事指南', date: '2022-06-01', href: '/bsfw/t20220601_1.html' },
    ]),
    '/bsfw/t20220601_1.html': guide(
      o,
      '旅游民宿备案',
      GUIDE_ROWS.map(([k, v]) => [k, v || '旅游民宿备案']),
    ),
    // The search index: whatever is asked, the newest articles (a static stand-in for the CMS's).
    '/search/index.html': page(o, '搜索结果', `<h2>搜索结果</h2>${list([...NEWS, ...NOTICES])}`),
    // Every message answered within two working days.
    ...board(o, [
      {
        title: '咨询非遗传承人补助申报条件',
        asked: '2022-10-24',
        replied: '2022-10-25',
        href: '/hdjl/1001.html',
      },
      {
        title: '建议增加周末图书馆开放时间',
        asked: '2022-09-13',
        replied: '2022-09-14',
        href: '/hdjl/1002.html',
      },
      {
        title: '民宿备案需要哪些材料',
        asked: '2022-05-09',
        replied: '2022-05-11',
        href: '/hdjl/1003.html',
      },
    ]),
  };
}

const FLAWED: Options = {
  name: '宣城市示例司法局',
  // A logo without alternative text, and no 无障碍/长者模式 entry.
  header: '<img src="/logo.png" width="120" height="40">',
  // The seed page's own footer: 网站标识码 left empty, gambling text injected, a false IPv6 claim.
  footer: `<p>主办:宣城市示例司法局 承办:宣城市示例司法局 网站标识码:</p>
<p>地址:宣城市宣州区示例路1号 <a href="https://beian.miit.gov.cn/">皖ICP备05009999号</a></p>
<p>宣城市政府 云顶国际官网唯一官方网站的版权所有 本站已支持ipv6访问</p>
<p><a href="http://partner.demo.gov.cn:1/">友情链接：原市法制办网站</a></p>`,
};

// The flawed unit's lists: its homepage shows only the older news.
const FLAWED_HOME_NEWS: Item[] = [
  {
    title: '市司法局召开普法工作推进会',
    date: '2022-09-01',
    href: '/news/202209/t20220901_11.html',
  },
  { title: '法律援助进社区活动', date: '2022-08-15', href: '/news/202208/t20220815_12.html' },
];
const FLAWED_NEWS: Item[] = [
  ...FLAWED_HOME_NEWS,
  { title: '人民调解员培训班开班', date: '2022-06-01', href: '/news/202206/t20220601_13.html' },
];
const FLAWED_NOTICES: Item[] = [
  {
    title: '关于公开招聘人民调解员的公告',
    date: '2022-03-01',
    href: '/tzgg/202203/t20220301_21.html',
  },
  {
    title: '2022年法律援助补贴发放名单公示',
    date: '2022-02-20',
    href: '/tzgg/202202/t20220220_22.html',
  },
];

export function flawedSite(): SiteMap {
  const o = FLAWED;
  return { ...flawedDisclosure(o), ...flawedPolicies(o), ...flawedNews(o) };
}

/** The homepage and the 信息公开 platform, with what is missing or wrong in it. */
function flawedDisclosure(o: Options): SiteMap {
  return {
    '/index.html': page(
      o,
      '首页',
      `<h2>工作动态</h2>${list(FLAWED_HOME_NEWS)}<h2>通知公告</h2>${list(FLAWED_NOTICES)}
      <p><a href="/zt/2019/index.html">2019年专题（已下线）</a></p>`,
    ),
    '/xxgk/index.html': platform(o, [
      // 政府信息公开制度 is missing; 领导信息 points at a page that is gone.
      ['政府信息公开指南', '/xxgk/zn/'],
      ['法定主动公开内容', '/xxgk/fdzdgknr/'],
      ['政府信息公开年报', '/xxgk/nb/'],
      ['机构职能', '/xxgk/jgzn/'],
      ['领导信息', '/xxgk/ldxx/'],
      ['行政规范性文件', '/xxgk/gfxwj/'],
      ['政策解读', '/xxgk/zcjd/'],
    ]),
    '/xxgk/zn/index.html': column(o, '政府信息公开指南', [
      { title: '政府信息公开指南', date: '2020-05-01', href: '/xxgk/zn/202005/t20200501_1.html' },
    ]),
    '/xxgk/zn/202005/t20200501_1.html': article(
      o,
      '政府信息公开指南',
      '2020-05-01',
      '<p>指南。</p>',
    ),
    '/xxgk/fdzdgknr/index.html': column(o, '法定主动公开内容', [
      { title: '行政规范性文件', date: '2022-05-10', href: '/xxgk/gfxwj/' },
      {
        title: '关于公开征求《宣城市示例法律援助实施办法（征求意见稿）》意见的通知',
        date: '2022-06-01',
        href: '/xxgk/yjzj/202206/t20220601_41.html',
      },
    ]),
    // Neither a 起草说明 nor, months after the window closed, any 意见反馈.
    '/xxgk/yjzj/202206/t20220601_41.html': article(
      o,
      '关于公开征求《宣城市示例法律援助实施办法（征求意见稿）》意见的通知',
      '2022-06-01',
      '<p>请于2022年6月30日前将意见反馈至市司法局。截止日期：2022年6月30日。</p>',
    ),
    '/xxgk/nb/index.html': column(o, '政府信息公开年报', [
      {
        title: '2021年政府信息公开工作年度报告',
        date: '2022-01-28',
        href: '/xxgk/nb/202201/t20220128_1.html',
      },
    ]),
    // Published on 2022-01-28 in time, but 一 (10) + 二 (0) ≠ 三(七) (9) + 四 (0): one request lost.
    '/xxgk/nb/202201/t20220128_1.html': article(
      o,
      '2021年政府信息公开工作年度报告',
      '2022-01-28',
      `${annualReportBody(2021, [4, 1, 0, 0, 0, 0, 0, 0, 0, 0, 3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0], { newRequests: 10, validNormative: 3 })}
      <p>年报全文另见附件：<a href="/xxgk/nb/202201/P020220128.pdf">年报.pdf</a></p>`,
    ),
    // The attachment is listed but the file is gone (404).
    '/xxgk/jgzn/index.html': page(
      o,
      '机构职能',
      '<h2>机构职能</h2><div class="content"><p>负责全市法治宣传教育。</p><p><a ' +
        'href="/xxgk/jgzn/zz.html">主要职责</a></p></div>',
    ),
    '/xxgk/jgzn/zz.html': article(o, '主要职责', '2021-03-01', '<p>职责。</p>'),
  };
}

/** A normative document with a wrong 文号, published late, its Word file an error page. */
function flawedPolicies(o: Options): SiteMap {
  return {
    '/xxgk/gfxwj/index.html': column(o, '行政规范性文件', [
      {
        title: '宣城市示例司法局行政规范性文件管理办法',
        date: '2022-05-10',
        href: '/xxgk/gfxwj/202205/t20220510_31.html',
      },
    ]),
    // A normative document with a wrong 文号, no 有效性, published 40 working days after it was
    // written, and a "Word" file that is really an error page; no PDF.
    '/xxgk/gfxwj/202205/t20220510_31.html': normativeDoc(
      o,
      '宣城市示例司法局行政规范性文件管理办法',
      {
        索引号: '113418000000000002/2022-00007',
        发布机构: '宣城市示例司法局',
        文号: '宣示司规[2022]01号',
        成文日期: '2022-03-10',
        发布日期: '2022-05-10',
        有效性: '',
      },
      '<a href="/xxgk/gfxwj/202205/P020220510.doc">Word版</a>',
    ),
    '/xxgk/gfxwj/202205/P020220510.doc': {
      body: '<html><body>文件不存在</body></html>',
      contentType: 'application/msword',
    },
  };
}

/** A blank column, the news (partly GBK), the notices, the services and the board. */
function flawedNews(o: Options): SiteMap {
  return {
    // A blank column: the list exists and holds nothing.
    '/xxgk/zcjd/index.html': page(
      o,
      '政策解读',
      '<h2>政策解读</h2><ul class="list"></ul><p>暂无信息</p>',
    ),
    // 工作动态 served in GBK, with the charset only in the header, as many old CMSs do.
    '/news/index.html': { body: column(o, '工作动态', FLAWED_NEWS, 'gbk'), charset: 'gbk' },
    '/news/202209/t20220901_11.html': {
      body: article(
        o,
        FLAWED_HOME_NEWS[0].title,
        '2022-09-01',
        '<p>会议要求持续深化普法宣传。</p>',
        'gb2312',
      ),
      charset: 'gbk',
    },
    '/news/202208/t20220815_12.html': article(
      o,
      FLAWED_HOME_NEWS[1].title,
      '2022-08-15',
      '<p>活动内容。</p>',
    ),
    '/news/202206/t20220601_13.html': article(
      o,
      FLAWED_NEWS[2].title,
      '2022-06-01',
      '<p>培训内容。</p>',
    ),
    '/tzgg/index.html': column(o, '通知公告', FLAWED_NOTICES),
    '/tzgg/202203/t20220301_21.html': article(
      o,
      FLAWED_NOTICES[0].title,
      '2022-03-01',
      '<p>报名表：<a href="/tzgg/202203/baomingbiao.doc">报名表.doc</a></p>',
    ),
    // Full ID numbers and phones of several people (made up, valid check digits), a severe typo,
    // and a dark link hidden off-screen.
    '/tzgg/202202/t20220220_22.html': article(
      o,
      FLAWED_NOTICES[1].title,
      '2022-02-20',
      `<p>根据《中华人民共合国法律援助法》，现将补贴发放名单公示如下：</p>
      <table><tr><td>姓名</td><td>身份证号</td><td>联系电话</td></tr>
      <tr><td>王某某</td><td>${fakeId('34180219800101123')}</td><td>13955630001</td></tr>
      <tr><td>赵某某</td><td>${fakeId('34182119750615234')}</td><td>13955630002</td></tr>
      <tr><td>钱某某</td><td>${fakeId('34250119900720345')}</td><td>13955630003</td></tr></table>
      <div style="position:absolute;left:-9999px;top:-9999px"><a href="http://www.yd222-yunding.com/">云顶国际 百家乐</a></div>`,
    ),
    // A guide without its 设定依据 and 办理材料.
    '/bsfw/index.html': column(o, '办事服务', [
      { title: '法律援助申请办事指南', date: '2022-05-01', href: '/bsfw/t20220501_1.html' },
    ]),
    '/bsfw/t20220501_1.html': guide(
      o,
      '法律援助申请',
      GUIDE_ROWS.filter(([k]) => !['法律依据', '申请材料'].includes(k)).map(([k, v]) => [
        k,
        v || '法律援助申请',
      ]),
    ),
    // A question left 办理中 since June (互动回应差: over 3 months), and an answer 12 working days late.
    ...board(o, [
      {
        title: '咨询法律援助申请条件',
        asked: '2022-10-31',
        replied: '2022-11-01',
        href: '/hdjl/2001.html',
      },
      {
        title: '社区矫正报到流程咨询',
        asked: '2022-09-01',
        replied: '2022-09-20',
        href: '/hdjl/2002.html',
      },
      { title: '反映小区物业纠纷调解无人受理', asked: '2022-06-20', href: '/hdjl/2003.html' },
    ]),
  };
}
