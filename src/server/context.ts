/** What every handler can reach: the database, the report store, the user of the request. */
import type { Context } from 'hono';
import type { LoginLimiter, User } from './auth.js';
import type { DbLike } from './sql.js';
import type { ReportRepo } from './reports.js';
import type { CheckCache } from './check-cache.js';

export interface AppDeps {
  db: DbLike;
  /** The report store; pages that need it say so when it is missing. */
  reports?: ReportRepo;
  limiter?: LoginLimiter;
  /** Cookies get `Secure` when true, or when 'auto' and the request came over https. */
  secureCookies?: boolean | 'auto';
  /** Trust X-Forwarded-For / X-Forwarded-Proto (behind a reverse proxy). */
  trustProxy?: boolean;
  limits?: Partial<Limits>;
  /** Demo mode: the login page lists the demo accounts. */
  demo?: boolean;
}

export interface Limits {
  /** Largest request body for uploads, bytes. */
  uploadBytes: number;
  /** Largest single file, bytes. */
  fileBytes: number;
  /** Most files per request. */
  files: number;
  /** Largest JSON body, bytes. */
  jsonBytes: number;
  /** Largest pasted text, characters. */
  textChars: number;
}

export const DEFAULT_LIMITS: Limits = {
  uploadBytes: 60 * 1024 * 1024,
  fileBytes: 20 * 1024 * 1024,
  files: 30,
  jsonBytes: 2 * 1024 * 1024,
  textChars: 500_000,
};

export interface Services {
  db: DbLike;
  reports?: ReportRepo;
  limiter: LoginLimiter;
  limits: Limits;
  checks: CheckCache;
  secureCookies: boolean | 'auto';
  trustProxy: boolean;
  demo: boolean;
}

export type Env = {
  Variables: {
    s: Services;
    user: User | undefined;
    csrf: string | undefined;
    /** The request was authenticated by an API token (no cookie, no CSRF). */
    viaToken: boolean;
    cspNonce: string;
  };
};

export type Ctx = Context<Env>;
