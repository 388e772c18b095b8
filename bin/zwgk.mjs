#!/usr/bin/env -S node --max-old-space-size=1024 --max-semi-space-size=4
// The heap cap keeps V8 from growing the heap to ~480 MB of garbage on a 10,000-page crawl
// (~65 MB live); the smaller young generation took the audit's peak RSS from ~293 MB to ~255 MB
// with no speed lost that the bench could tell (`npm run bench`, which runs the audit with these
// flags, read from this line).
// Runs the TypeScript sources directly through tsx, so `npx zwgk` works right after `npm ci`
// with no build step.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
