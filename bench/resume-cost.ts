// How long `--resume` takes to rebuild a run's frontier from what it stored (every stored page's
// links through a Frontier), for the comment in src/run/audit.ts. Usage: resume-cost.ts DB.
import { crawlOptionsSchema } from '../src/config/schema.ts';
import { Frontier } from '../src/crawl/frontier.ts';
import { UnitScope } from '../src/crawl/scope.ts';
import { Store } from '../src/store/db.ts';

const store = new Store(process.argv[2]);
const runId = store.latestRunId()!;
const t0 = performance.now();
let pages = 0;
let links = 0;
for (const row of store.units(runId)) {
  const records = store.pages(runId, row.unit_id);
  const first = records[0];
  if (!first) continue;
  const f = new Frontier(
    crawlOptionsSchema.parse({ maxPages: 1e9 }),
    new UnitScope(new Set([new URL(first.url).host])),
  );
  for (const r of records) if (r.kind === 'page') f.seen.add(r.url);
  for (const r of records) {
    if (r.kind !== 'page' || !r.artifacts) continue;
    pages++;
    for (const l of r.artifacts.links) {
      links++;
      f.next(l, r.depth);
    }
  }
}
const ms = performance.now() - t0;
console.log(
  JSON.stringify({ pages, links, ms: Math.round(ms), perPageMs: +(ms / pages).toFixed(3) }),
);
store.close();
