/**
 * GET /api/backup (administrators): the whole store as one backup file (nianbao/backup@1), from
 * one snapshot. With the embedded store only the server's own process can open the data folder,
 * so this is how a running embedded store is backed up.
 */
import { Hono } from 'hono';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Env } from '../context.js';
import { requireLogin } from '../pages.js';
import { writeBackup } from '../../store/backup.js';
import type { Db } from '../../store/db.js';

export function backupRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/backup', requireLogin('admin'), async (c) => {
    const db = c.get('s').db as Partial<Db>;
    if (typeof db.transaction !== 'function' || !db.kind) return c.json({ error: 'unavailable', message: '报告库尚未启用' }, 503);
    const work = mkdtempSync(join(tmpdir(), 'nianbao-backup-'));
    const file = join(work, 'store.nbk');
    try {
      await writeBackup(db as Db, file);
    } catch (error) {
      rmSync(work, { recursive: true, force: true });
      throw error;
    }
    const stream = createReadStream(file);
    stream.on('close', () => rmSync(work, { recursive: true, force: true }));
    const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '');
    return c.body(Readable.toWeb(stream) as ReadableStream, 200, {
      'Content-Type': 'application/gzip',
      'Content-Length': String(statSync(file).size),
      'Content-Disposition': `attachment; filename="nianbao-${stamp}.nbk"`,
    });
  });
  return app;
}
