#!/usr/bin/env -S node --max-old-space-size=1024 --max-semi-space-size=4 --heap-growing-percent=20
// The heap cap keeps V8 from growing the heap to ~480 MB of garbage on a 10,000-page crawl
// (~65 MB live); the smaller young generation took the audit's peak RSS from ~293 MB to ~255 MB
// with no speed lost that the bench could tell (`npm run bench`, which runs the audit with these
// flags, read from this line). A heap grows by a fifth past what a collection left, not up to
// fourfold: an extraction thread held ~30 MB of garbage around ~10 MB live (10,000 pages: peak
// RSS ~297 → ~275 MB, no slower).
// Runs the sources as one bundle kept under node_modules/.cache (bundle.mjs), built again when
// a source changes, so `npx zwgk` works right after `npm ci` with no build step.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { programFile } from './bundle.mjs';
const cli = await programFile(fileURLToPath(new URL('../src/cli.ts', import.meta.url)));
const { main } = await import(pathToFileURL(cli).href);
process.exitCode = await main(process.argv.slice(2));
