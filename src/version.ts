import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface ToolInfo {
  version: string;
  commit: string;
  /** A hash of the rule code and data as they are on disk (uncommitted changes included). */
  rules: string;
}

/** What decides a verdict: the checks, the code they run on, and the shipped profiles and lexicons. */
const RULE_FOLDERS = ['checks', 'src', 'config'];

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );

const rulesCache = new Map<string, string>();

/**
 * The rule code's hash: a worker with uncommitted changes to a check claims the same commit as
 * its coordinator, but not the same hash, and so refuses the job instead of judging by other rules.
 */
export function rulesHash(root = ROOT): string {
  let hash = rulesCache.get(root);
  if (hash) return hash;
  const h = createHash('sha256');
  for (const folder of RULE_FOLDERS)
    for (const file of files(join(root, folder)).sort()) {
      h.update(relative(root, file));
      h.update('\0');
      h.update(readFileSync(file));
      h.update('\0');
    }
  hash = h.digest('hex').slice(0, 12);
  rulesCache.set(root, hash);
  return hash;
}

export function toolInfo(): ToolInfo {
  const version = (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
  ).version;
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
  } catch {
    /* not a git checkout */
  }
  return { version, commit, rules: rulesHash() };
}
