// `npm run bench:against -- REV [--repeat N] [--pages N]`: `npm run bench:browser` of commit REV
// and of this checkout, taken in turns in the same run, and how many times faster this one is.
// This VM's Chromium is 2-3x slower on some days than on others (a bare `page.goto()` loop:
// ~40 ms a navigation one day, ~85 the next), so pages/s taken on another day say little about
// the code; both codes measured turn by turn on the same machine state do. The commit runs in a
// git worktree with this checkout's node_modules.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { ROOT } from '../src/version.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    repeat: { type: 'string', default: '2' },
    pages: { type: 'string', default: '300' },
  },
});
const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
const rev = positionals[0];
if (!rev) throw new Error('usage: npm run bench:against -- REV [--repeat N] [--pages N]');
const sha = git('rev-parse', '--verify', `${rev}^{commit}`);

const dir = mkdtempSync(join(tmpdir(), 'zwgk-against-'));
git('worktree', 'add', '--detach', dir, sha);
symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
if (
  git('show', `${sha}:package-lock.json`) !==
  readFileSync(join(ROOT, 'package-lock.json'), 'utf8').trim()
)
  console.log(
    `note: ${rev}'s package-lock.json differs; it runs with this checkout's node_modules`,
  );

/** pages/s by tab count, as bench:browser prints them: "browser, 2 tabs: 301 pages, 9.1 pages/s". */
async function browserBench(cwd: string): Promise<Map<number, number>> {
  const args = ['run', '-s', 'bench:browser', '--', '--pages', values.pages!];
  const { stdout } = await promisify(execFile)('npm', args, { cwd, maxBuffer: 1 << 24 });
  const found = [...stdout.matchAll(/^browser, (\d+) tabs: \d+ pages, ([\d.]+) pages\/s/gm)];
  if (found.length === 0) throw new Error(`bench:browser in ${cwd} printed no figures:\n${stdout}`);
  return new Map(found.map((m) => [Number(m[1]), Number(m[2])]));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (m: Map<number, number>) => [...m].map(([t, p]) => `${t} tabs ${p} pages/s`).join(', ');

try {
  const label = `${rev} (${sha.slice(0, 7)})`;
  const rounds: { then: Map<number, number>; now: Map<number, number> }[] = [];
  for (let i = 0; i < Math.max(1, Number(values.repeat)); i++) {
    const then = await browserBench(dir);
    console.log(`${label}: ${fmt(then)}`);
    const now = await browserBench(ROOT);
    console.log(`this checkout: ${fmt(now)}`);
    rounds.push({ then, now });
  }
  for (const tabs of rounds[0].now.keys()) {
    const pairs = rounds.filter((r) => r.then.has(tabs) && r.now.has(tabs));
    if (pairs.length === 0) continue;
    const ratios = pairs.map((r) => r.now.get(tabs)! / r.then.get(tabs)!);
    console.log(
      `${tabs} tabs: ${median(pairs.map((r) => r.now.get(tabs)!))} pages/s against ` +
        `${median(pairs.map((r) => r.then.get(tabs)!))} (medians): ${median(ratios).toFixed(2)}x ` +
        `(each round: ${ratios.map((x) => x.toFixed(2)).join(', ')})`,
    );
  }
} finally {
  git('worktree', 'remove', '--force', dir);
  rmSync(dir, { recursive: true, force: true });
}
