// Runs one of the server's audits in a child process (audit-child.ts) with a heap limit, so a
// site that exhausts the audit's memory ends that process, not the server: a unit's re-check
// of a zip-bombed site had aborted the server, and again at every restart as the job resumed.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../version.ts';
import type { AuditJob, AuditMessage } from './audit-child.ts';

/** The child died before saying how its audit ended (memory, a crash), with why in words. */
export class AuditCrashed extends Error {}

export interface ChildOptions {
  /** The child's V8 heap limit, MB. */
  memoryMb: number;
  /** Aborted: the audit stops gracefully and keeps what it has. */
  signal: AbortSignal;
  onStart: (runId: string) => void;
}

export function auditInChild(
  job: AuditJob,
  opts: ChildOptions,
): Promise<{ runId: string; status: string }> {
  const child = fork(join(ROOT, 'bin/run-ts.mjs'), [join(ROOT, 'src/serve/audit-child.ts')], {
    // The zwgk command's settings (its first line), the heap limit the server's.
    execArgv: [
      `--max-old-space-size=${opts.memoryMb}`,
      '--max-semi-space-size=4',
      '--heap-growing-percent=30',
    ],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const stop = () => child.connected && child.send({ type: 'stop' });
  opts.signal.addEventListener('abort', stop);
  return new Promise((ok, fail) => {
    let ended: { runId: string; status: string } | Error | undefined;
    child.on('message', (m: AuditMessage) => {
      if (m.type === 'ready') child.send({ type: 'run', job });
      else if (m.type === 'started') opts.onStart(m.runId);
      else if (m.type === 'done') ended = { runId: m.runId, status: m.status };
      else ended = new Error(m.message);
    });
    // 'close', not 'exit': the child's stderr (where V8 says it ran out of heap) is read whole.
    child.on('close', (code, signal) => {
      opts.signal.removeEventListener('abort', stop);
      if (ended instanceof Error) return fail(ended);
      if (ended) return ok(ended);
      fail(new AuditCrashed(crashReason(code, signal, stderr, opts.memoryMb)));
    });
  });
}

/** Why the child died, as the office reads it in the job's row and the log. */
function crashReason(
  code: number | null,
  signal: NodeJS.Signals | null,
  stderr: string,
  memoryMb: number,
): string {
  if (/heap out of memory|Allocation failed|Cannot create a string longer/i.test(stderr))
    return `测评进程内存超限（上限 ${memoryMb} MB）而终止，疑似站点内容异常（如压缩炸弹）`;
  // V8 aborts the process when its heap is exhausted, sometimes before it can say so.
  if (signal === 'SIGABRT' || code === 134)
    return `测评进程异常终止（SIGABRT，多为内存超限，上限 ${memoryMb} MB）`;
  if (signal) return `测评进程被信号 ${signal} 终止`;
  return `测评进程异常退出（退出码 ${code}）`;
}
