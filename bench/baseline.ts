// The baseline the issue fixes: undici + cheerio (htmlparser2) + p-queue at 32 + a visited
// set, nothing else. Prints one JSON line.
import { load } from 'cheerio';
import PQueue from 'p-queue';
import { Agent, request } from 'undici';

const start = `http://127.0.0.1:${process.argv[2]}/`;
const origin = new URL(start).origin;
const agent = new Agent({ connections: 64 });
const queue = new PQueue({ concurrency: 32 });
const seen = new Set<string>([start]);
let pages = 0;
const t0 = performance.now();
const c0 = process.cpuUsage();
// Made here, the task keeps only its address: made inside `visit`, its closure kept visit's
// scope, so each waiting task held its page's whole DOM (out of memory at 50,000 real pages).
const enqueue = (href: string) => void queue.add(() => visit(href));

async function visit(url: string): Promise<void> {
  const res = await request(url, { dispatcher: agent });
  // Pages are counted as the audit counts them: HTML answers (an attachment is only fetched).
  if (!String(res.headers['content-type']).includes('html')) return void (await res.body.dump());
  const html = await res.body.text();
  pages++;
  const $ = load(html, { xml: { xmlMode: false, decodeEntities: true } });
  $('a[href]').each((_, el) => {
    const u = new URL($(el).attr('href')!, url);
    u.hash = '';
    if (u.origin === origin && !seen.has(u.href)) {
      seen.add(u.href);
      enqueue(u.href);
    }
  });
}

void queue.add(() => visit(start));
await queue.onIdle();
const ms = performance.now() - t0;
const cpu = process.cpuUsage(c0);
console.log(
  JSON.stringify({
    pages,
    ms: Math.round(ms),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
  }),
);
await agent.close();
