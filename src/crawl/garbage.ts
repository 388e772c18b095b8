// A 200 answer whose bytes are not a page (binary noise, a truncated archive, an empty body) is no
// homepage: the unit's visitors see nothing. Told from a page by what any page has, markup, and by
// what text never has, control characters and undecodable bytes.

const CONTROL = /[\u0000-\u0008\u000e-\u001f]/g;
const TAG = /<[a-z!?][^<>]{0,200}>/i;

export function garbageReason(body: Buffer, text: string): string | undefined {
  if (body.length === 0 || text.trim() === '') return '返回的是空内容，没有网页';
  const sample = text.slice(0, 8192);
  const control = (sample.match(CONTROL) ?? []).length;
  const replaced = (sample.match(/\ufffd/g) ?? []).length;
  if (control / sample.length > 0.01 || replaced / sample.length > 0.05) {
    return `返回的不是网页（${body.length} 字节，大多是无法识别的二进制数据）`;
  }
  if (!TAG.test(sample)) return `返回的不是网页（${body.length} 字节，没有任何 HTML 标记）`;
  return undefined;
}
