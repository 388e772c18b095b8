// The office password: scrypt (node:crypto) with a random salt, compared in constant time.
// Given as ZWGK_ADMIN_PASSWORD_HASH (from `zwgk serve --hash-password`) or ZWGK_ADMIN_PASSWORD,
// which is hashed at start-up and never kept or logged.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

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
