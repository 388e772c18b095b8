// Text normalisation shared by extractors and checks: full-width → half-width (NFKC),
// all white space (including &nbsp; and the ideographic space) removed or folded.

export function squash(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}

/** For matching labels and column names: NFKC, no spaces at all, lower case. */
export function normLabel(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]+/g, '')
    .toLowerCase();
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
