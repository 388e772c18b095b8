// CPU used so far by this process and every process under it (Chromium's browser, renderers,
// GPU and utility processes), by kind, in ms. Linux only: read from /proc, since neither node
// nor Playwright reports a child's CPU while it runs. A process that already exited counts in
// its parent's reaped-children time only, so callers read it while the browser is still up.
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

interface Proc {
  pid: number;
  ppid: number;
  ms: number;
  kind: string;
}

function read(pid: string): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself hold spaces and parentheses.
    const f = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    // Chromium rewrites its children's command lines into one space-separated string.
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    const type = /--type=([\w-]+)/.exec(cmd)?.[1];
    const sub = /--utility-sub-type=[\w.]*?(\w+)(?: |$)/.exec(cmd)?.[1];
    const kind = !/chrom/.test(cmd.split(' ')[0]) ? 'other' : (sub ?? type ?? 'browser');
    return {
      pid: Number(pid),
      ppid: Number(f[1]),
      ms: (Number(f[11]) + Number(f[12])) * TICK_MS,
      kind,
    };
  } catch {
    return undefined; // exited meanwhile
  }
}

/**
 * CPU ms by kind of process over `root` (default: this process, `self`) and its descendants:
 * Chromium's by `--type` (`browser` for its main process), any other program as `other`.
 */
export function treeCpuMs(root = process.pid): Record<string, number> {
  const procs = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(read)
    .filter((p) => p !== undefined);
  const inTree = new Set([root]);
  // Parents come before children often but not always: repeat until nothing is added.
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs) {
      if (!inTree.has(p.pid) && inTree.has(p.ppid)) grew = Boolean(inTree.add(p.pid));
    }
  }
  const byKind: Record<string, number> = {};
  for (const p of procs) {
    const kind = p.pid === root ? 'self' : p.kind;
    if (inTree.has(p.pid)) byKind[kind] = (byKind[kind] ?? 0) + p.ms;
  }
  return byKind;
}
