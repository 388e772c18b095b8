// Debian's redis-server on a free loopback port, for the tests of the queue (no persistence).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { closedPort } from './ports.ts';

export const REDIS_SERVER = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find(
  existsSync,
);

export interface TestRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startRedis(fixedPort?: number): Promise<TestRedis> {
  if (!REDIS_SERVER)
    throw new Error('redis-server is not installed (apt-get install redis-server)');
  const port = fixedPort ?? (await closedPort());
  const child: ChildProcess = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ready to accept connections')) ok();
    });
    child.once('exit', (code) => fail(new Error(`redis-server exited (${code}): ${out}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGKILL');
      }),
  };
}
