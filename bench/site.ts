// A deterministic synthetic "government portal" of N pages: ~30 KB of Chinese HTML each, ~45
// internal links (nav, a dated list, related links), a footer with the usual identity lines.
// Every page is reachable from / (each page links to the next ones).
const WORDS = (
  '政务公开 信息发布 政策解读 行政规范性文件 工作动态 通知公告 人民群众 高质量发展 营商环境 ' +
  '民生保障 法治政府 数字政府 基层治理 公共服务 办事指南 '
).split(' ');

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

export function renderPage(i: number, n: number): string {
  const r = rng(i + 7);
  const link = (j: number, text: string) => `<a href="/p/${j % n}.html">${text}</a>`;
  const nav = Array.from({ length: 10 }, (_, k) => `<li>${link(k, `栏目${k}`)}</li>`).join('');
  const items = Array.from({ length: 30 }, (_, k) => {
    const j = k < 3 ? i + 1 + k : Math.floor(r() * n);
    const d = `2022-${String(1 + Math.floor(r() * 11)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
    return `<li>${link(j, `关于${WORDS[Math.floor(r() * WORDS.length)]}工作的通知（第${j}号）`)}<span>${d}</span></li>`;
  }).join('');
  const related = Array.from({ length: 5 }, () => link(Math.floor(r() * n), '相关链接')).join(' ');
  let text = '';
  while (text.length < 8500)
    text += WORDS[Math.floor(r() * WORDS.length)] + (r() < 0.1 ? '。' : '，');
  return (
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>第${i}页_示例市人民政府</title>
<meta name="SiteName" content="示例市人民政府"><meta name="SiteIDCode" content="3418000001">` +
    `<meta name="PubDate" content="2022-11-01 09:00"></head>
<body><div class="header"><h1>示例市人民政府</h1></div><div class="nav"><ul>${nav}</ul></div>
<div class="main"><h2>第${i}页</h2><div class="content"><p>${text}</p></div><ul class="list">${items}</ul>
<div class="related">${related}</div></div>
<div class="footer">主办单位：示例市人民政府办公室 网站标识码：3418000001 ` +
    `皖ICP备05000001号 皖公网安备34180202000001号</div></body></html>`
  );
}
