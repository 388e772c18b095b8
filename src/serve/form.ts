// Form fields as strings, whatever a client sends (JSON bodies can carry objects), and what counts
// as written: not only spaces, the ideographic space or zero-width characters.
export function formFields<K extends string>(body: unknown, names: K[]): Record<K, string> {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return Object.fromEntries(
    names.map((n) => [n, typeof b[n] === 'string' ? (b[n] as string) : '']),
  ) as Record<K, string>;
}

export function isBlank(s: string): boolean {
  return s.replace(/[\s\u200B-\u200D\u2060\uFEFF\u3000\u00A0]/g, '') === '';
}
