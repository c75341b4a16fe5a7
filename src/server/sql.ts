/**
 * The few SQL calls the web application makes, over the store's database handle (`openDb`).
 * Parameters are always passed as $1, $2 … — no SQL is ever built from input.
 */
export interface DbLike {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<unknown>;
}

export async function all<T>(db: DbLike, sql: string, params: unknown[] = []): Promise<T[]> {
  const result = (await db.query<T>(sql, params)) as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

export async function one<T>(db: DbLike, sql: string, params: unknown[] = []): Promise<T | undefined> {
  const rows = await all<T>(db, sql, params);
  return rows[0];
}

/** JSON columns come back parsed from PGlite and pg alike; tolerate text as well. */
export function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
