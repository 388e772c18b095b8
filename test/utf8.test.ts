// The fast UTF-8 decoder must give exactly what Buffer#toString gives, on real pages as on
// the edge cases (BOM, astral characters, NUL, malformed bytes).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { utf8Text } from '../src/utf8.ts';

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );

describe('utf8Text', () => {
  it('decodes every corpus file as Buffer#toString does', () => {
    const all = files(join(import.meta.dirname, 'fixtures/corpus'));
    expect(all.length).toBeGreaterThan(20);
    for (const f of all) {
      const bytes = readFileSync(f);
      expect(utf8Text(bytes), f).toBe(bytes.toString('utf8'));
    }
  });

  it('keeps a BOM, astral characters and NUL, and replaces malformed bytes', () => {
    for (const s of ['\ufeff政府', '😀𠀀中文\u0000x', 'ascii only', '', 'é\u2028']) {
      expect(utf8Text(Buffer.from(s))).toBe(s);
    }
    const bad = Buffer.from([0x61, 0xff, 0xe4, 0xb8, 0x62, 0xe4, 0xb8, 0xad]);
    expect(utf8Text(bad)).toBe(bad.toString('utf8'));
    expect(utf8Text(bad)).toContain('\ufffd');
  });
});
