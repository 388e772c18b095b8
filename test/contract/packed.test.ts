// The stored parts of a page read back exactly, whether packed now (brotli, marked) or by an
// earlier version (raw deflate, unmarked): a store keeps its history across versions.
import { deflateRawSync } from 'node:zlib';
import { expect, it } from 'vitest';
import {
  packArtifacts,
  packBytes,
  packHtml,
  packText,
  unpackArtifacts,
  unpackHtml,
  unpackText,
} from '../../src/contract/packed.ts';
import { extractPageAndText } from '../../src/extract/page.ts';
import { corpusPages } from '../helpers/context.ts';

it('reads back what it packs, and what an earlier version packed with deflate', () => {
  for (const { html } of corpusPages().slice(0, 8)) {
    const { artifacts, text } = extractPageAndText(html, 'http://www.fixture.gov.cn/a.html');
    expect(unpackHtml(packHtml(html))).toBe(html);
    expect(unpackHtml(packBytes(Buffer.from(html)))).toBe(html);
    expect(unpackText(packText(text))).toBe(text);
    expect(unpackArtifacts(packArtifacts(artifacts))).toEqual(artifacts);
    // As an earlier version stored them.
    const old = (b: Buffer) => deflateRawSync(b, { level: 1 });
    expect(unpackHtml(old(Buffer.from(html)))).toBe(html);
    expect(unpackText(old(Buffer.from(text, 'utf16le')))).toBe(text);
    expect(unpackArtifacts(old(Buffer.from(JSON.stringify(artifacts))))).toEqual(artifacts);
  }
  expect(unpackText(packText(''))).toBe('');
  expect(unpackText(deflateRawSync(Buffer.alloc(0)))).toBe('');
});

it('marks its blobs with a first byte no deflate stream has', () => {
  // A deflate block's type is in bits 1-2 of its first byte; 3 (0xff's) is reserved.
  for (const level of [0, 1, 6, 9])
    for (const input of [Buffer.alloc(0), Buffer.from('政务公开'.repeat(500)), Buffer.alloc(70000)])
      expect((deflateRawSync(input, { level })[0] >> 1) & 3).not.toBe(3);
  expect(packText('政务公开')[0]).toBe(0xff);
});
