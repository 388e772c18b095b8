// A finding's fingerprint: the same problem (check, page, defect key) gets the same value in
// every run, whatever the wording of the message or the order of pages.
import { createHash } from 'node:crypto';

export function normalizeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    u.hostname = u.hostname.toLowerCase();
    u.port = ''; // a site keeps its port between runs; the demo's sample sites do not
    if (u.pathname.endsWith('/index.html') || u.pathname.endsWith('/index.htm'))
      u.pathname = u.pathname.replace(/index\.html?$/, '');
    return u.href;
  } catch {
    return url;
  }
}

export function fingerprint(check: string, url: string, key: string): string {
  // Keys often hold URLs too (a dead link's target): normalised the same way.
  const k = key.replace(/https?:\/\/[^\s|,]+/g, (u) => normalizeUrl(u));
  return createHash('sha1')
    .update(`${check}\n${normalizeUrl(url)}\n${k}`)
    .digest('hex')
    .slice(0, 16);
}

/** A finding's fingerprint: by its group where it has one (the pages it lists may change). */
export function findingFingerprint(
  check: string,
  f: { url: string; key: string; group?: string },
): string {
  return f.group !== undefined
    ? fingerprint(check, '', `group:${f.group}`)
    : fingerprint(check, f.url, f.key);
}
