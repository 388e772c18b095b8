// Vitest's global setup: every temporary folder of a test run (the tests' own, the CLI
// processes they start, Chromium's profiles, the worker bundle) goes under one folder, removed
// when the run ends. Each run had left ~100 folders in the system's temp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'zwgk-test-'));
  // os.tmpdir() reads TMPDIR: the test processes, forked after this, inherit it.
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
