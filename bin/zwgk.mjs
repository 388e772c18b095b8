#!/usr/bin/env -S node --max-old-space-size=1024 --max-semi-space-size=4 --heap-growing-percent=30
// The heap cap keeps V8 from growing the heap to ~480 MB of garbage on a 10,000-page crawl
// (~65 MB live); the smaller young generation took the audit's peak RSS from ~293 MB to ~255 MB
// with no speed lost that the bench could tell (`npm run bench`, which runs the audit with these
// flags, read from this line). A heap grows by 30% past what a collection left, not up to
// fourfold: an extraction thread held ~30 MB of garbage around ~10 MB live (10,000 pages: peak
// RSS ~297 → ~275 MB, no slower). 30, not 20: the main thread, ~35 MB live in a crawl, ran a
// full collection every few MB it promoted; V8's own factor (~1.6) was faster still, but put
// the 50,000-page peak at 1.3 times the 10,000-page one (docs/performance.md).
// Runs the sources as one bundle kept under node_modules/.cache (bundle.mjs), built again when
// a source changes, so `npx zwgk` works right after `npm ci` with no build step.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { programFile } from './bundle.mjs';
const cli = await programFile(fileURLToPath(new URL('../src/cli.ts', import.meta.url)));
const { main } = await import(pathToFileURL(cli).href);
process.exitCode = await main(process.argv.slice(2));
