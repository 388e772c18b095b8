// A host that hangs (answers one byte a second) never makes the audit exit in silence: the
// host's back-off held nothing open, the event loop emptied and `zwgk audit` exited 13 with no
// message, the run left `running`. The real command, as a user runs it.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from '../../src/version.ts';

let server: Server;
let port = 0;
const trickles = new Set<NodeJS.Timeout>();
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/') {
      const links = [1, 2].map((i) => `<a href="/slow/${i}.html">栏目${i}</a>`);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(
        `<html><head><title>测试局</title></head><body>${links.join('')}</body></html>`,
      );
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    const t = setInterval(() => res.write('<'), 1000);
    trickles.add(t);
    res.on('close', () => (clearInterval(t), trickles.delete(t)));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  for (const t of trickles) clearInterval(t);
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

it('finishes the run and writes its reports when the links of a host hang', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-hang-'));
  const config = join(dir, 'units.yaml');
  writeFileSync(
    config,
    stringify({
      network: { loopbackOnly: true },
      crawl: { delayMs: 0, timeoutMs: 1000, recheckPauseMs: 100, homepageRetrySpreadMs: 30 },
      browser: { enabled: false },
      units: [
        {
          id: 'slow',
          name: '慢站测试局',
          kind: 'department',
          site: `http://www.slow.gov.cn:${port}/`,
          hosts: { 'www.slow.gov.cn': ['127.0.0.1'] },
        },
      ],
    }),
  );
  const out = join(dir, 'out');
  const r = await new Promise<{ code: number | null; err: string; stdout: string }>((ok) => {
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'bin/zwgk.mjs'),
        'audit',
        '--config',
        config,
        '--db',
        join(dir, 'z.db'),
        '--out',
        out,
      ],
      { env: { ...process.env, ZWGK_HOME: dir } },
    );
    let err = '';
    let stdout = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => (stdout += d));
    child.on('close', (code) => ok({ code, err, stdout }));
  });
  expect(r.err).not.toMatch(/内部错误/);
  expect(r.code, r.err).toBe(0);
  expect(r.stdout).toContain('慢站测试局');
  const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
  expect(run.status).toBe('complete');
  expect(existsSync(join(out, 'units', 'slow.html'))).toBe(true);
}, 90_000);
