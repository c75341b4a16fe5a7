/**
 * Accounts, sessions, CSRF tokens, API tokens and login rate limiting.
 *
 * - Passwords: node:crypto scrypt (N=2^15, r=8, p=1), 16-byte salt, compared in constant time.
 * - Sessions: a random 32-byte token in an HttpOnly, SameSite=Lax cookie (Secure behind https);
 *   only its SHA-256 is stored. Each session has its own CSRF token.
 * - API tokens: `nb_…` random tokens, stored hashed, sent as `Authorization: Bearer …`.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { all, one, type DbLike } from './sql.js';

export type Role = 'admin' | 'reviewer' | 'clerk';
export const ROLES: readonly Role[] = ['admin', 'reviewer', 'clerk'];
export const ROLE_ZH: Record<Role, string> = { admin: '管理员', reviewer: '审阅人', clerk: '填报人' };

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** The organ a clerk reports for (its name as stored). */
  organ: string | null;
  /** The region a reviewer oversees (its name). */
  region: string | null;
  disabled: boolean;
}

const SCRYPT = { N: 1 << 15, r: 8, p: 1, keylen: 32, maxmem: 64 * 1024 * 1024 };

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number, keylen: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keylen, { N, r, p, maxmem: SCRYPT.maxmem }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keylen);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((x) => Number.isInteger(x) && x > 0) || N > 1 << 20) return false;
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  const key = await scryptAsync(password, salt, N, r, p, expected.length);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A password hashed once at start-up, compared against when the user does not exist (same timing). */
let dummyHash: Promise<string> | undefined;
function dummy(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(12).toString('hex'));
  return dummyHash;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// ---------------------------------------------------------------- users

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  organ: string | null;
  region: string | null;
  disabled: boolean;
  password_hash: string;
}

function toUser(row: UserRow): User {
  return {
    id: Number(row.id),
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    organ: row.organ,
    region: row.region,
    disabled: Boolean(row.disabled),
  };
}

export interface NewUser {
  username: string;
  displayName?: string;
  role: Role;
  organ?: string | null;
  region?: string | null;
  password: string;
}

export const USERNAME_RE = /^[A-Za-z0-9_.\-\u4e00-\u9fff]{2,40}$/;

export function validateNewUser(u: Partial<NewUser>): string | null {
  if (!u.username || !USERNAME_RE.test(u.username)) return '用户名须为 2–40 个字母、数字、汉字或 _ . -';
  if (!u.role || !ROLES.includes(u.role)) return '角色须为管理员、审阅人或填报人';
  if (!u.password || u.password.length < 8 || u.password.length > 200) return '密码至少 8 位';
  if (u.role === 'clerk' && !u.organ?.trim()) return '填报人须指定所属机关';
  if (u.role === 'reviewer' && !u.region?.trim()) return '审阅人须指定负责的地区';
  if ((u.displayName ?? '').length > 60) return '姓名过长';
  return null;
}

export async function createUser(db: DbLike, u: NewUser): Promise<User> {
  const hash = await hashPassword(u.password);
  const row = await one<UserRow>(
    db,
    `INSERT INTO web_users (username, display_name, role, organ, region, password_hash)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
    [u.username, u.displayName ?? '', u.role, u.role === 'clerk' ? u.organ?.trim() ?? null : null, u.role === 'reviewer' ? u.region?.trim() ?? null : null, hash],
  );
  return toUser(row!);
}

export async function findUserByName(db: DbLike, username: string): Promise<User | undefined> {
  const row = await one<UserRow>(db, 'SELECT * FROM web_users WHERE username = $1', [username]);
  return row && toUser(row);
}

export async function getUser(db: DbLike, id: number): Promise<User | undefined> {
  const row = await one<UserRow>(db, 'SELECT * FROM web_users WHERE id = $1', [id]);
  return row && toUser(row);
}

export async function listUsers(db: DbLike): Promise<User[]> {
  return (await all<UserRow>(db, 'SELECT * FROM web_users ORDER BY role, username')).map(toUser);
}

export async function updateUser(
  db: DbLike,
  id: number,
  patch: { displayName?: string; role?: Role; organ?: string | null; region?: string | null; disabled?: boolean; password?: string },
): Promise<User | undefined> {
  const current = await one<UserRow>(db, 'SELECT * FROM web_users WHERE id = $1', [id]);
  if (!current) return undefined;
  const role = patch.role ?? current.role;
  const organ = role === 'clerk' ? (patch.organ !== undefined ? patch.organ : current.organ) : null;
  const region = role === 'reviewer' ? (patch.region !== undefined ? patch.region : current.region) : null;
  const hash = patch.password ? await hashPassword(patch.password) : current.password_hash;
  const row = await one<UserRow>(
    db,
    `UPDATE web_users SET display_name = $2, role = $3, organ = $4, region = $5, disabled = $6, password_hash = $7
     WHERE id = $1 RETURNING *`,
    [id, patch.displayName ?? current.display_name, role, organ, region, patch.disabled ?? current.disabled, hash],
  );
  const changed = (patch.disabled && !current.disabled) || !!patch.password || role !== current.role || organ !== current.organ || region !== current.region;
  if (changed) await db.query('DELETE FROM web_sessions WHERE user_id = $1', [id]);
  return row && toUser(row);
}

/** The user when the password is right and the account enabled; undefined otherwise (same time either way). */
export async function authenticate(db: DbLike, username: string, password: string): Promise<User | undefined> {
  const row = await one<UserRow>(db, 'SELECT * FROM web_users WHERE username = $1', [username]);
  const ok = await verifyPassword(password, row?.password_hash ?? (await dummy()));
  if (!row || !ok || row.disabled) return undefined;
  return toUser(row);
}

// ---------------------------------------------------------------- sessions

export const SESSION_HOURS = 12;

export interface Session {
  user: User;
  csrf: string;
  tokenHash: string;
}

export async function createSession(db: DbLike, userId: number): Promise<{ token: string; csrf: string }> {
  const token = randomToken();
  const csrf = randomToken();
  await db.query(
    `INSERT INTO web_sessions (token_hash, user_id, csrf, expires_at) VALUES ($1, $2, $3, now() + ($4 || ' hours')::interval)`,
    [sha256(token), userId, csrf, String(SESSION_HOURS)],
  );
  // Expired sessions are swept whenever someone logs in.
  await db.query('DELETE FROM web_sessions WHERE expires_at < now()');
  return { token, csrf };
}

export async function loadSession(db: DbLike, token: string): Promise<Session | undefined> {
  if (!token || token.length > 100) return undefined;
  const row = await one<UserRow & { csrf: string; token_hash: string }>(
    db,
    `SELECT u.*, s.csrf, s.token_hash FROM web_sessions s JOIN web_users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled`,
    [sha256(token)],
  );
  return row && { user: toUser(row), csrf: row.csrf, tokenHash: row.token_hash };
}

export async function deleteSession(db: DbLike, token: string): Promise<void> {
  await db.query('DELETE FROM web_sessions WHERE token_hash = $1', [sha256(token)]);
}

/**
 * Ends every session of a user ("log out everywhere"), or every one but `keepToken` (the browser
 * that changed the password stays signed in, all others are signed out). Returns how many ended.
 */
export async function endSessions(db: DbLike, userId: number, keepToken?: string): Promise<number> {
  const rows = keepToken
    ? await all(db, 'DELETE FROM web_sessions WHERE user_id = $1 AND token_hash <> $2 RETURNING token_hash', [userId, sha256(keepToken)])
    : await all(db, 'DELETE FROM web_sessions WHERE user_id = $1 RETURNING token_hash', [userId]);
  return rows.length;
}

export interface SessionInfo {
  createdAt: string;
  expiresAt: string;
  current: boolean;
}

/** A user's live sessions, newest first; `current` marks the one holding `currentToken`. */
export async function listSessions(db: DbLike, userId: number, currentToken?: string): Promise<SessionInfo[]> {
  const current = currentToken ? sha256(currentToken) : '';
  const rows = await all<{ token_hash: string; created_at: Date | string; expires_at: Date | string }>(
    db,
    'SELECT token_hash, created_at, expires_at FROM web_sessions WHERE user_id = $1 AND expires_at > now() ORDER BY created_at DESC',
    [userId],
  );
  return rows.map((r) => ({ createdAt: new Date(r.created_at).toISOString(), expiresAt: new Date(r.expires_at).toISOString(), current: r.token_hash === current }));
}

/**
 * A new password for a user: stored hashed, and every other session of the user ended, so whoever
 * held the old password is signed out everywhere except in the browser that changed it.
 */
export async function changePassword(db: DbLike, userId: number, password: string, keepToken?: string): Promise<void> {
  await db.query('UPDATE web_users SET password_hash = $2 WHERE id = $1', [userId, await hashPassword(password)]);
  await endSessions(db, userId, keepToken);
}

// ---------------------------------------------------------------- API tokens

export interface ApiToken {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export async function createApiToken(db: DbLike, userId: number, name: string): Promise<{ token: string; id: number }> {
  const token = `nb_${randomToken()}`;
  const row = await one<{ id: number }>(db, 'INSERT INTO web_api_tokens (user_id, name, token_hash) VALUES ($1, $2, $3) RETURNING id', [
    userId,
    name.slice(0, 60),
    sha256(token),
  ]);
  return { token, id: Number(row!.id) };
}

export async function listApiTokens(db: DbLike, userId: number): Promise<ApiToken[]> {
  const rows = await all<{ id: number; name: string; created_at: Date | string; last_used_at: Date | string | null }>(
    db,
    'SELECT id, name, created_at, last_used_at FROM web_api_tokens WHERE user_id = $1 ORDER BY id',
    [userId],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    createdAt: new Date(r.created_at).toISOString(),
    lastUsedAt: r.last_used_at ? new Date(r.last_used_at).toISOString() : null,
  }));
}

export async function deleteApiToken(db: DbLike, userId: number, id: number): Promise<boolean> {
  const rows = await all(db, 'DELETE FROM web_api_tokens WHERE id = $1 AND user_id = $2 RETURNING id', [id, userId]);
  return rows.length > 0;
}

export async function userForApiToken(db: DbLike, token: string): Promise<User | undefined> {
  if (!token.startsWith('nb_') || token.length > 100) return undefined;
  const row = await one<UserRow & { token_id: number }>(
    db,
    `SELECT u.*, t.id AS token_id FROM web_api_tokens t JOIN web_users u ON u.id = t.user_id
     WHERE t.token_hash = $1 AND NOT u.disabled`,
    [sha256(token)],
  );
  if (!row) return undefined;
  await db.query('UPDATE web_api_tokens SET last_used_at = now() WHERE id = $1', [row.token_id]);
  return toUser(row);
}

// ---------------------------------------------------------------- login rate limiting

/**
 * Failed logins counted per (address, username) and per address in a sliding window; over the
 * limit, further attempts are refused without checking the password until the window passes.
 */
export class LoginLimiter {
  private failures = new Map<string, number[]>();
  constructor(
    readonly perAccount = 5,
    readonly perAddress = 30,
    readonly windowMs = 15 * 60 * 1000,
    private now: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const t = this.now();
    const list = (this.failures.get(key) ?? []).filter((x) => t - x < this.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Seconds to wait, or 0 when an attempt is allowed. */
  retryAfter(address: string, username: string): number {
    const keys: [string, number][] = [
      [`a|${address}|${username.toLowerCase()}`, this.perAccount],
      [`ip|${address}`, this.perAddress],
    ];
    let wait = 0;
    for (const [key, limit] of keys) {
      const list = this.recent(key);
      if (list.length >= limit) wait = Math.max(wait, Math.ceil((list[0] + this.windowMs - this.now()) / 1000));
    }
    return wait;
  }

  fail(address: string, username: string): void {
    for (const key of [`a|${address}|${username.toLowerCase()}`, `ip|${address}`]) {
      const list = this.recent(key);
      list.push(this.now());
      this.failures.set(key, list);
    }
    if (this.failures.size > 100_000) this.failures.clear();
  }

  succeed(address: string, username: string): void {
    this.failures.delete(`a|${address}|${username.toLowerCase()}`);
  }
}
