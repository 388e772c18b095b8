// A vitest reporter: at the end of a run, says once (in Chinese and English) how many tests were
// skipped for a missing system package and the one command that installs them. With
// ZWGK_REQUIRE_SYSTEM=1 (CI, which installs everything) such a skip fails the run.
import type { Reporter, TestModule } from 'vitest/node';
import { SYSTEM, mark, type SystemPackage } from './system.ts';

export default class SkipNotice implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const skipped = new Map<SystemPackage, number>();
    for (const m of modules)
      for (const t of m.children.allTests()) {
        if (t.result().state !== 'skipped') continue;
        for (const what of Object.keys(SYSTEM) as SystemPackage[])
          if (t.fullName.includes(mark(what))) skipped.set(what, (skipped.get(what) ?? 0) + 1);
      }
    if (skipped.size === 0) return;
    const total = [...skipped.values()].reduce((a, b) => a + b, 0);
    const packages = [...skipped.keys()].map((w) => SYSTEM[w].packages).join(' ');
    const lines = [
      '',
      `注意：${total} 项测试因缺少系统软件包而跳过 / ${total} tests skipped: system packages missing`,
      ...[...skipped].map(([w, n]) => `  - ${w}（${n} 项）：${SYSTEM[w].adds}`),
      `  安装 / install: sudo apt-get install -y ${packages}`,
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (process.env.ZWGK_REQUIRE_SYSTEM === '1') {
      process.stdout.write(
        'ZWGK_REQUIRE_SYSTEM=1：CI 中不允许跳过这些测试 / no skips allowed here\n',
      );
      process.exitCode = 1;
    }
  }
}
