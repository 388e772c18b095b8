// `npm run bench:extract [-- --pages N]`: what an extraction worker spends its time on. Runs
// the worker's own function (decode, extract, pack) over the bench's real pages in this thread
// under the profiler, saves the profile under bench/profiles/ and prints its top entries and
// the time a page. The audit's main thread is profiled by `npm run bench -- --profile`.
import { parseArgs } from 'node:util';
import { decodeAndExtract } from '../src/crawl/decode-extract.ts';
import { realTemplates, renderRealPage } from './real-site.ts';
import { profiled, saveProfile, topFunctions } from './cpu-profile.ts';

const { values } = parseArgs({ options: { pages: { type: 'string', default: '2000' } } });
const n = Number(values.pages);
const templates = realTemplates();
// The same pages as the bench's site of 10,000 (links rewritten into it).
const pages = Array.from({ length: 210 }, (_, i) =>
  Buffer.from(renderRealPage(i, 10000, templates)),
);
const extractAll = async (count: number) => {
  for (let k = 0; k < count; k++)
    decodeAndExtract({
      body: pages[k % pages.length],
      contentType: 'text/html; charset=utf-8',
      status: 200,
      finalUrl: `http://www.bench.gov.cn/p/${k % pages.length}.html`,
      lean: true,
    });
};
await extractAll(pages.length); // compiled and warm, as in a worker past its first pages
const t0 = performance.now();
const { profile } = await profiled(() => extractAll(n));
const ms = (performance.now() - t0) / n;
const kb = pages.reduce((a, p) => a + p.length, 0) / pages.length / 1024;
console.log(`${n} real pages (${kb.toFixed(1)} KB each): ${ms.toFixed(2)} ms a page, profiled`);
console.log(`profile: ${saveProfile(profile, `extract-${new Date().toISOString().slice(0, 10)}`)}`);
for (const [t, k] of topFunctions(profile, 20)) console.log(`${String(t).padStart(7)} ms  ${k}`);
