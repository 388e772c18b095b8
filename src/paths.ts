// Where the data lives: one home that does not depend on the current folder, so every command run
// from anywhere lands in the same history. ZWGK_HOME overrides it; --db and --out override per
// command. Each run's reports go to their own folder (out/<run>/), `latest` pointing at the newest.
import { existsSync, lstatSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function dataHome(): string {
  if (process.env.ZWGK_HOME) return resolve(process.env.ZWGK_HOME);
  const base = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'zwgk-audit');
}

export const defaultDb = () => join(dataHome(), 'zwgk.db');
export const demoDb = () => join(dataHome(), 'demo.db');
export const outRoot = () => join(dataHome(), 'out');
export const runOutDir = (runId: string) => join(outRoot(), runId);

/** Points <out>/latest at a run's folder (a symlink; replaced each run). */
export function markLatest(runDir: string): void {
  const root = resolve(runDir, '..');
  const link = join(root, 'latest');
  try {
    mkdirSync(root, { recursive: true });
    if (existsSync(link) || isLink(link)) rmSync(link, { force: true, recursive: false });
    symlinkSync(runDir, link, 'dir');
  } catch {
    /* a file system without symlinks: the run's own folder is still printed */
  }
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
