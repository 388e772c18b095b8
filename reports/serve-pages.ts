// The report server's own pages (login, office, unit), in the reports' style. Handlebars
// escapes everything, as in the report files; only our CSS and the page body we render are raw.
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SEVERITY_LABEL } from './render.ts';

const here = dirname(fileURLToPath(import.meta.url));
const css = readFileSync(join(here, 'style.css'), 'utf8');
const hb = Handlebars.create();
hb.registerHelper('severityLabel', (s: string) => SEVERITY_LABEL[s] ?? s);
const STATUS: Record<string, string> = {
  running: '进行中',
  complete: '已完成',
  interrupted: '中断（未完成）',
  cut: '中断',
  pending: '排队中',
  crawling: '抓取中',
  crawled: '已完成',
};
hb.registerHelper(
  'status',
  (s: string) => STATUS[s] ?? (String(s).startsWith('error') ? `出错（${String(s).slice(7)}）` : s),
);
// Times are shown in Beijing time, as the office reads them.
hb.registerHelper('time', (iso: string) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '',
);
hb.registerHelper('points', (score: number | null) =>
  score === null || score === undefined ? '无法检测' : `${score} 分`,
);
hb.registerHelper('safeUrl', (u: string) => (/^https?:\/\//i.test(u ?? '') ? u : '#'));

const load = (name: string) =>
  hb.compile(readFileSync(join(here, `templates/serve-${name}.hbs`), 'utf8'));
const layout = load('layout');
const pages = {
  login: load('login'),
  office: load('office'),
  unit: load('unit'),
  message: load('message'),
  switch: load('switch'),
  open: load('open'),
  answer: load('answer'),
  log: load('log'),
  newlink: load('newlink'),
  'ledger-unit': load('ledger-unit'),
  'ledger-office': load('ledger-office'),
};

export function servePage(
  name: keyof typeof pages,
  title: string,
  data: Record<string, unknown>,
): string {
  return layout({ css, title, body: pages[name](data) });
}
