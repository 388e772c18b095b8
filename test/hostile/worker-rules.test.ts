// A worker judges only by the rule code its coordinator runs: one with uncommitted changes to a
// check (same version, same commit) has another rules hash and refuses the job, saying why.
import { cpSync, mkdtempSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { queueName, refusal } from '../../src/queue/jobs.ts';
import { ROOT, rulesHash, toolInfo } from '../../src/version.ts';

const copy = () => {
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-rules-'));
  for (const f of ['checks', 'src', 'config'])
    cpSync(join(ROOT, f), join(dir, f), { recursive: true });
  return dir;
};

describe('the rules hash', () => {
  it('is the same for the same files, and changes with a check, a profile or a lexicon', () => {
    const a = copy();
    const b = copy();
    expect(rulesHash(a)).toBe(rulesHash(b));
    expect(rulesHash(a)).toBe(rulesHash(ROOT));
    const edited = copy();
    appendFileSync(join(edited, 'checks/broken-links.ts'), '\n// a local change\n');
    expect(rulesHash(edited)).not.toBe(rulesHash(a));
    const profile = copy();
    writeFileSync(join(profile, 'config/extra.yaml'), 'x: 1\n');
    expect(rulesHash(profile)).not.toBe(rulesHash(a));
  });

  it('is recorded in toolInfo and names the queue, so other rules never take the job', () => {
    const t = toolInfo();
    expect(t.rules).toMatch(/^[0-9a-f]{12}$/);
    expect(queueName(t)).toContain(t.rules);
    expect(queueName({ ...t, rules: 'aaaaaaaaaaaa' })).not.toBe(queueName(t));
  });

  it('makes a worker refuse a job of another version or other rules, and take its own', () => {
    const mine = { version: '0.1.0', commit: 'abc1234', rules: '111111111111' };
    expect(refusal(mine, mine)).toBeUndefined();
    expect(refusal({ ...mine, rules: '222222222222' }, mine)).toMatch(/规则代码.*不同.*拒绝执行/);
    expect(refusal({ ...mine, commit: 'def5678' }, mine)).toMatch(/版本.*不同，拒绝执行/);
  });
});
