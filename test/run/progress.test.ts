// What the progress line says as a run goes on (a clock given by the test, no waiting).
import { describe, expect, it } from 'vitest';
import { Progress } from '../../src/run/progress.ts';

const pipe = { isTTY: false, write: () => true } as unknown as NodeJS.WriteStream;
const tty = { isTTY: true, write: () => true } as unknown as NodeJS.WriteStream;

describe('Progress', () => {
  it('shows units done of all, the units in progress with their own pages, failures and the time left', () => {
    let t = 0;
    const p = new Progress(3, pipe, true, () => t);
    p.update('wlj', 47, 0);
    p.update('sfj', 12, 2);
    expect(p.line()).toBe('单位 0/3 · 进行中：wlj 47 页、sfj 12 页 · 失败页面 2');
    t = 60_000;
    p.done('wlj');
    p.update('sjj', 3, 0);
    expect(p.line()).toBe(
      '单位 1/3 · 进行中：sfj 12 页、sjj 3 页 · 失败页面 2 · 预计还需 1 分 0 秒',
    );
    p.done('sfj');
    p.done('sjj');
    t = 90_000;
    expect(p.summary()).toBe('完成：单位 3/3 · 共抓取 62 页 · 失败页面 2 · 用时 1 分 30 秒');
  });

  it('draws a bar on a terminal', () => {
    const p = new Progress(4, tty, true, () => 0);
    p.done('a');
    expect(p.line()).toMatch(/^\[#####-{15}\] 单位 1\/4/);
  });
});
