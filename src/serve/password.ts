// The office password: scrypt (node:crypto) with a random salt, compared in constant time.
// Given as ZWGK_ADMIN_PASSWORD_HASH (from `zwgk hash-password`, preferred) or ZWGK_ADMIN_PASSWORD,
// which is hashed at start-up; the process's own environment still holds it (readable in
// /proc/<pid>/environ by the same user), so the hash is the way to run a server.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** The shortest office password accepted (characters). */
export const MIN_PASSWORD = 8;

/** Whether a string is a hash hashPassword made (scrypt$salt$hash). */
export function isPasswordHash(s: string): boolean {
  return /^scrypt\$[A-Za-z0-9_-]{16,}\$[A-Za-z0-9_-]{32,}$/.test(s.trim());
}

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64url')}$${scryptSync(password, salt, 32).toString('base64url')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [kind, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const want = Buffer.from(hash, 'base64url');
  const got = scryptSync(password, Buffer.from(salt, 'base64url'), want.length);
  return timingSafeEqual(want, got);
}
