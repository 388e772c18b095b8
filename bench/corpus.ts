// The page-level checks over every real page in test/fixtures/corpus, each served alone as a
// site's homepage, with the publish date read from each: what a reviewer reads to measure
// precision on real pages (`node bin/run-ts.mjs bench/corpus.ts`).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import privacy from '../checks/privacy-leak.ts';
import identity from '../checks/site-identity.ts';
import spam from '../checks/spam-injection.ts';
import wording from '../checks/wording-errors.ts';
import { context, CORPUS, corpus } from '../test/helpers/context.ts';

const CHECKS = [spam, privacy, wording, identity];
let total = 0;
for (const dir of readdirSync(CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory())) {
  for (const file of readdirSync(join(CORPUS, dir.name)).filter((f) => f.endsWith('.html'))) {
    const ctx = context({ '/': { html: corpus(`${dir.name}/${file}`) } });
    const a = ctx.homepage!.artifacts!;
    console.log(
      `\n${dir.name}/${file}\n  发布日期 ${a.pubDate ?? '—'}（${a.pubDateFrom ?? '无'}）`,
    );
    for (const check of CHECKS) {
      for (const f of check.run(ctx).findings) {
        total++;
        console.log(`  [${check.id}] ${f.severity} ${f.message} | ${f.evidence.slice(0, 120)}`);
      }
    }
  }
}
console.log(`\n${total} findings`);
