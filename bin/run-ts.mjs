#!/usr/bin/env node
// Runs one TypeScript file (bench scripts, the report server's audits) as its bundle (bundle.mjs).
import { pathToFileURL } from 'node:url';
import { programFile } from './bundle.mjs';
const [file, ...rest] = process.argv.slice(2);
const run = await programFile(file);
process.argv = [process.argv[0], file, ...rest];
await import(pathToFileURL(run).href);
