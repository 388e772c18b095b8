// The system packages some tests need (Debian's, never downloaded): found or not, what each adds,
// and the one command that installs them. A test that needs one is declared with `describeWith`:
// skipped where it is missing, with a name the skip notice (skip-notice.ts) counts.
import { existsSync } from 'node:fs';
import { describe, it } from 'vitest';
import { findChromium } from '../../src/browser/chromium.ts';

const first = (paths: string[]) => paths.find((p) => existsSync(p));

export const SYSTEM = {
  chromium: {
    found: findChromium(),
    packages: 'chromium fonts-wqy-microhei',
    adds: '浏览器模式、截图、无障碍检测、PDF 报告 / browser mode, screenshots, accessibility, PDF reports',
  },
  redis: {
    found: first(['/usr/bin/redis-server', '/usr/local/bin/redis-server']),
    packages: 'redis-server',
    adds: 'zwgk worker 的测试 / the tests of zwgk worker',
  },
  libreoffice: {
    found: first(['/usr/bin/soffice', '/usr/bin/libreoffice']),
    packages: 'libreoffice-writer-nogui',
    adds: 'Word 转 PDF 的版式检查 / the Word-to-PDF layout check',
  },
} as const;

export type SystemPackage = keyof typeof SYSTEM;

/** The mark a skipped test's name carries, which the skip notice reads. */
export const mark = (what: SystemPackage) => `[需要 ${what}]`;

/** A suite that runs only where `what` is installed; skipped, and counted, where it is not. */
export function describeWith(what: SystemPackage, name: string, fn: () => void): void {
  describe.skipIf(!SYSTEM[what].found)(`${name} ${mark(what)}`, fn);
}

/** One test that runs only where `what` is installed. */
export function itWith(
  what: SystemPackage,
  name: string,
  fn: () => unknown,
  timeout?: number,
): void {
  it.skipIf(!SYSTEM[what].found)(`${name} ${mark(what)}`, fn, timeout);
}

/** Hooks of a file whose tests all need `what`: they do nothing where it is missing. */
export const whenFound = (what: SystemPackage, fn: () => unknown) => (): unknown =>
  SYSTEM[what].found ? fn() : undefined;
