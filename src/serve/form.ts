// Form fields as strings, whatever a client sends (JSON bodies can carry objects; a multipart
// form's fields come as { type: 'field', value }), and what counts as written: not only spaces,
// the ideographic space or zero-width characters.
export function formFields<K extends string>(body: unknown, names: K[]): Record<K, string> {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const text = (v: unknown) => {
    if (typeof v === 'string') return v;
    const f = v as { type?: unknown; value?: unknown } | null;
    return f && f.type === 'field' && typeof f.value === 'string' ? f.value : '';
  };
  return Object.fromEntries(names.map((n) => [n, text(b[n])])) as Record<K, string>;
}

/** A multipart form's file field: its name and bytes (cut at the size limit: `truncated`). */
export async function formFile(
  body: unknown,
  name: string,
): Promise<{ filename: string; data: Buffer; truncated: boolean } | undefined> {
  const f = (
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined
  ) as
    | {
        type?: string;
        filename?: string;
        toBuffer?: () => Promise<Buffer>;
        file?: { truncated?: boolean };
      }
    | undefined;
  if (!f || f.type !== 'file' || !f.toBuffer || !f.filename) return undefined;
  const data = await f.toBuffer();
  return { filename: f.filename, data, truncated: Boolean(f.file?.truncated) };
}

export function isBlank(s: string): boolean {
  return s.replace(/[\s\u200B-\u200D\u2060\uFEFF\u3000\u00A0]/g, '') === '';
}
