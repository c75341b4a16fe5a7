/**
 * Organs and regions in the store: the organ a report belongs to (by the key of its name, or by a
 * reviewer's decision), the region it is placed in, and the reviewer's corrections — merge two
 * organs, split a spelling off into an organ of its own, set the region by hand. After each, the
 * continuity findings of the organs concerned are recomputed, and roll-ups and "not reported"
 * follow because they are read from the organs' current regions.
 */
import { InputError } from '../errors.js';
import { compact, nfkc } from '../parse/normalize.js';
import type { Report } from '../model/report.js';
import type { Db } from './db.js';
import { identifyOrgan, regionPath, type OrganIdentity, type PlaceHints, type RegionPart } from './organs.js';
import { divisionByCode, divisionChain, placeDivision } from './places.js';
import { refreshOrgan } from './pairs.js';

export interface StoredOrgan {
  id: number;
  key: string;
  name: string;
  region: string | null;
  regionCode: string | null;
  source: 'inferred' | 'set';
}

/** A name as written, in the form reviewer decisions are kept under. */
export function writtenForm(name: string): string {
  return compact(nfkc(name));
}

/** What a report tells about its organ's place besides the name: postcode, telephone, address and prose. */
export function hintsOf(report: Report, prose = ''): PlaceHints {
  const c = report.meta.contact;
  return { postcode: c?.postcode ?? null, phone: c?.phone ?? null, text: [c?.address ?? '', report.meta.title ?? '', prose.slice(0, 20_000)].join('\n') };
}

const ORGAN_SQL = `SELECT id, key, name, region_path AS region, region_code AS "regionCode", region_source AS source FROM store_organs`;

async function organWhere(db: Db, where: string, params: unknown[]): Promise<StoredOrgan[]> {
  return db.query<StoredOrgan>(`${ORGAN_SQL} WHERE ${where} ORDER BY id`, params);
}

/** The organ part of a key: what follows the place. */
function organPart(key: string): string {
  return key.slice(key.indexOf('|') + 1).replace(/#\d+$/, '');
}

/**
 * The stored organ a name stands for, without creating one: a reviewer's decision for this
 * spelling first, then the key (or a key merged into another organ), then the same organ under
 * the other form of its key — placed by the division data in one report, not in another.
 */
export async function findOrgan(db: Db, name: string, hints: PlaceHints = {}): Promise<{ organ: StoredOrgan | undefined; identity: OrganIdentity }> {
  const identity = identifyOrgan(name, hints);
  const pinned = await organWhere(db, `id = (SELECT organ_id FROM store_organ_links WHERE kind = 'name' AND value = $1)`, [writtenForm(name)]);
  if (pinned.length) return { organ: pinned[0], identity };
  const byKey = await organWhere(db, `key = $1 OR id = (SELECT organ_id FROM store_organ_links WHERE kind = 'key' AND value = $1)`, [identity.key]);
  if (byKey.length) return { organ: byKey[0], identity };
  const lowest = identity.places[identity.places.length - 1]?.name;
  if (lowest) {
    const own = organPart(identity.key);
    if (identity.regionCode) {
      // the same organ stored before under its written place, when no report had placed it yet
      const written = await organWhere(db, `key = $1`, [`${lowest}|${own}`]);
      if (written.length) return { organ: written[0], identity };
    } else {
      // placed by another report's postcode or telephone: one organ of this name in a region of this name
      const placed = await organWhere(db, `key LIKE $1 AND key NOT LIKE '%#%' AND (region_path = $2 OR region_path LIKE $3)`, [`%|${own}`, lowest, `%/${lowest}`]);
      const same = placed.filter((o) => organPart(o.key) === own);
      if (same.length === 1) return { organ: same[0], identity };
    }
  }
  return { organ: undefined, identity };
}

/** The organ a report of this name belongs to, created (and placed) when new. */
export async function ensureOrgan(db: Db, name: string, hints: PlaceHints = {}): Promise<number> {
  const { organ, identity } = await findOrgan(db, name, hints);
  if (organ) {
    await improvePlace(db, organ, identity);
    return organ.id;
  }
  const region = await placeRegion(db, identity.region, identity.regionCode);
  const made = await db.query<{ id: number }>('INSERT INTO store_organs (key, name, region_path, region_code) VALUES ($1, $2, $3, $4) RETURNING id', [
    identity.key, name, region, identity.regionCode,
  ]);
  return made[0].id;
}

/** A later report that places a known organ better (a code where there was none, a city above its district). */
async function improvePlace(db: Db, organ: StoredOrgan, identity: OrganIdentity): Promise<void> {
  if (organ.source === 'set') return;
  const better = identity.regionCode
    ? organ.regionCode !== identity.regionCode && !organ.regionCode
    : !organ.regionCode && identity.region.length > (organ.region?.split('/').length ?? 0) && (!organ.region || regionPath(identity.region).endsWith(organ.region));
  if (!better) return;
  const region = await placeRegion(db, identity.region, identity.regionCode);
  const key = identity.regionCode && !organ.key.includes('#') ? identity.key : organ.key;
  const taken = key !== organ.key && (await organWhere(db, 'key = $1', [key])).length > 0;
  await db.query('UPDATE store_organs SET region_path = $1, region_code = $2, key = $3 WHERE id = $4', [region, identity.regionCode, taken ? organ.key : key, organ.id]);
  if (key !== organ.key && !taken) await db.query(`INSERT INTO store_organ_links (kind, value, organ_id) VALUES ('key', $1, $2) ON CONFLICT (kind, value) DO NOTHING`, [organ.key, organ.id]);
}

/**
 * The stored region path of a chain of places. A chain the data does not place, written without
 * the places above it ("德堡区"), joins the one region of that name written with them
 * ("庆谷市/德堡区"); a chain written with them takes in the organs placed under the shorter form.
 */
export async function placeRegion(db: Db, parts: RegionPart[], code: string | null): Promise<string | null> {
  if (!parts.length) return null;
  let path = regionPath(parts);
  if (!code) {
    const longer = await db.query<{ path: string }>('SELECT path FROM store_regions WHERE path LIKE $1', [`%/${path}`]);
    if (longer.length === 1) return longer[0].path;
  }
  const codes = code ? new Map(chainOfCode(code)) : new Map<string, string>();
  for (let i = 0; i < parts.length; i++) {
    const p = regionPath(parts.slice(0, i + 1));
    const parent = i ? regionPath(parts.slice(0, i)) : null;
    await db.query('INSERT INTO store_regions (path, name, parent_path, level, code) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (path) DO UPDATE SET code = COALESCE(store_regions.code, EXCLUDED.code)', [
      p, parts[i].name, parent, parts[i].level, codes.get(p) ?? null,
    ]);
  }
  // the shorter forms of this chain ("德堡区" for "庆谷市/德堡区") are this region
  const names = parts.map((p) => p.name);
  for (let k = 1; k < names.length; k++) {
    const shorter = names.slice(names.length - k).join('/');
    const moved = await db.query<{ id: number }>(`UPDATE store_organs SET region_path = $1 WHERE region_path = $2 AND region_source = 'inferred' RETURNING id`, [path, shorter]);
    if (moved.length) await dropUnusedRegion(db, shorter);
  }
  path = regionPath(parts);
  return path;
}

/** Region path → code for a division and those above it. */
function chainOfCode(code: string): Array<[string, string]> {
  const found = divisionByCode(code);
  if (!found) return [];
  const chain = divisionChain(found);
  return chain.map((x, i) => [regionPath(chain.slice(0, i + 1)), x.code]);
}

async function dropUnusedRegion(db: Db, path: string): Promise<void> {
  const used = await db.query('SELECT 1 FROM store_organs WHERE region_path = $1 UNION ALL SELECT 1 FROM store_regions WHERE parent_path = $1 LIMIT 1', [path]);
  if (!used.length) {
    const parent = await db.query<{ parent_path: string | null }>('SELECT parent_path FROM store_regions WHERE path = $1', [path]);
    await db.query('DELETE FROM store_regions WHERE path = $1', [path]);
    if (parent[0]?.parent_path) await dropUnusedRegion(db, parent[0].parent_path);
  }
}

/** The organ a reviewer means: "#12" (its number), the name the store shows, or a name as written on one of its reports. */
export async function organNamed(db: Db, name: string): Promise<StoredOrgan> {
  const id = /^#?(\d+)$/.exec(name.trim());
  let found = id ? await organWhere(db, 'id = $1', [Number(id[1])]) : await organWhere(db, 'name = $1', [name]);
  if (!found.length) {
    const wf = writtenForm(name);
    const spelled = await db.query<{ organ_id: number; organ_name: string | null }>('SELECT DISTINCT organ_id, organ_name FROM store_reports WHERE organ_name IS NOT NULL');
    const ids = [...new Set(spelled.filter((r) => writtenForm(r.organ_name!) === wf).map((r) => r.organ_id))];
    if (ids.length) found = await organWhere(db, 'id = ANY($1::int[])', [ids]);
  }
  if (!found.length) {
    const f = await findOrgan(db, name);
    if (f.organ) found = [f.organ];
  }
  if (!found.length) throw new InputError(name, '报告库中没有这个机关（nianbao organ list 列出全部机关）');
  if (found.length > 1) throw new InputError(name, `有 ${found.length} 个机关用过这个名称，请用编号指定（${found.map((o) => `#${o.id}`).join('、')}）`);
  return found[0];
}

async function link(db: Db, kind: 'key' | 'name', value: string, organId: number): Promise<void> {
  await db.query('INSERT INTO store_organ_links (kind, value, organ_id) VALUES ($1, $2, $3) ON CONFLICT (kind, value) DO UPDATE SET organ_id = EXCLUDED.organ_id', [kind, value, organId]);
}

/** Reports of `from` become reports of `into`; the names and key of `from` lead to `into` from now on. */
export async function mergeOrgans(db: Db, into: string, from: string[]): Promise<{ into: StoredOrgan; merged: StoredOrgan[] }> {
  const target = await organNamed(db, into);
  const merged: StoredOrgan[] = [];
  for (const name of from) {
    const source = await organNamed(db, name);
    if (source.id === target.id) continue;
    const names = await db.query<{ organ_name: string }>('SELECT DISTINCT organ_name FROM store_reports WHERE organ_id = $1 AND organ_name IS NOT NULL', [source.id]);
    await db.query('UPDATE store_reports SET organ_id = $1 WHERE organ_id = $2', [target.id, source.id]);
    await db.query('UPDATE store_organ_links SET organ_id = $1 WHERE organ_id = $2', [target.id, source.id]);
    await link(db, 'key', source.key, target.id);
    for (const n of [source.name, ...names.map((r) => r.organ_name)]) await link(db, 'name', writtenForm(n), target.id);
    await db.query('DELETE FROM store_organs WHERE id = $1', [source.id]);
    if (source.region) await dropUnusedRegion(db, source.region);
    merged.push(source);
  }
  await refreshOrgan(db, target.id);
  return { into: target, merged };
}

/** The reports written under `name` leave their organ for an organ of their own (a reviewer's split). */
export async function splitOrgan(db: Db, name: string, region?: string): Promise<{ from: StoredOrgan; to: StoredOrgan; reports: number }> {
  const organ = await organNamed(db, name);
  const wf = writtenForm(name);
  const rows = await db.query<{ id: string; organ_name: string | null }>('SELECT id, organ_name FROM store_reports WHERE organ_id = $1', [organ.id]);
  const moving = rows.filter((r) => r.organ_name !== null && writtenForm(r.organ_name) === wf);
  if (!moving.length) throw new InputError(name, `机关“${organ.name}”没有以这个名称报送的报告`);
  if (moving.length === rows.length) throw new InputError(name, `机关“${organ.name}”的报告都用这个名称，无可拆分`);
  const siblings = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM store_organs WHERE key LIKE $1', [`${organ.key.replace(/#\d+$/, '')}#%`]);
  const key = `${organ.key.replace(/#\d+$/, '')}#${Number(siblings[0].n) + 1}`;
  const identity = identifyOrgan(moving[0].organ_name!);
  const path = await placeRegion(db, identity.region, identity.regionCode);
  const made = await db.query<{ id: number }>('INSERT INTO store_organs (key, name, region_path, region_code) VALUES ($1, $2, $3, $4) RETURNING id', [key, moving[0].organ_name, path, identity.regionCode]);
  const toId = made[0].id;
  await db.query('UPDATE store_reports SET organ_id = $1 WHERE id = ANY($2::text[])', [toId, moving.map((r) => r.id)]);
  await link(db, 'name', wf, toId);
  if (writtenForm(organ.name) === wf) {
    const left = rows.find((r) => r.organ_name !== null && writtenForm(r.organ_name) !== wf);
    if (left) await db.query('UPDATE store_organs SET name = $1 WHERE id = $2', [left.organ_name, organ.id]);
  }
  if (region) await setRegion(db, `#${toId}`, region);
  await refreshOrgan(db, organ.id);
  await refreshOrgan(db, toId);
  const to = (await organWhere(db, 'id = $1', [toId]))[0];
  return { from: organ, to, reports: moving.length };
}

/** A reviewer places an organ: a six-digit code, or place names from the top down ("双鸭山市/宝山区"). */
export async function setRegion(db: Db, name: string, region: string): Promise<StoredOrgan> {
  const organ = await organNamed(db, name);
  const { parts, code } = regionOfText(region);
  const path = await placeRegion(db, parts, code);
  await db.query(`UPDATE store_organs SET region_path = $1, region_code = $2, region_source = 'set' WHERE id = $3`, [path, code, organ.id]);
  if (organ.region && organ.region !== path) await dropUnusedRegion(db, organ.region);
  return (await organWhere(db, 'id = $1', [organ.id]))[0];
}

/** A region as a reviewer writes it, placed in the division data when the data knows it. */
export function regionOfText(region: string): { parts: RegionPart[]; code: string | null } {
  const text = region.trim();
  if (/^\d{6}$/.test(text)) {
    const d = divisionByCode(text);
    if (!d) throw new InputError(region, '行政区划代码不存在');
    return { parts: divisionChain(d).map((x) => ({ name: x.name, level: x.level })), code: d.code };
  }
  const names = text.split('/').map((s) => s.trim()).filter(Boolean);
  if (!names.length) throw new InputError(region, '地区不能为空');
  const d = placeDivision(names, null);
  if (d) return { parts: divisionChain(d).map((x) => ({ name: x.name, level: x.level })), code: d.code };
  return { parts: names.map((n) => ({ name: n, level: null })), code: null };
}

/** Every name an organ's reports were written under, with the years of each, and the years missing between its first and last. */
export async function organHistory(db: Db, organId: number): Promise<{ names: Array<{ name: string; years: number[] }>; years: number[]; gaps: number[] }> {
  const rows = await db.query<{ organ_name: string | null; year: number | null }>('SELECT DISTINCT organ_name, year FROM store_reports WHERE organ_id = $1 ORDER BY year', [organId]);
  const byName = new Map<string, Set<number>>();
  for (const r of rows) {
    const set = byName.get(r.organ_name ?? '') ?? byName.set(r.organ_name ?? '', new Set()).get(r.organ_name ?? '')!;
    if (r.year !== null) set.add(r.year);
  }
  const years = [...new Set(rows.map((r) => r.year).filter((y): y is number => y !== null))].sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let y = years[0]; years.length && y < years[years.length - 1]; y++) if (!years.includes(y)) gaps.push(y);
  const names = [...byName].map(([name, ys]) => ({ name, years: [...ys].sort((a, b) => a - b) })).sort((a, b) => (a.years[0] ?? 0) - (b.years[0] ?? 0) || (a.name < b.name ? -1 : 1));
  return { names, years, gaps };
}

/** Organs stored under keys of an earlier version of nianbao are identified again (once, when the store is opened). */
export async function reidentifyLegacy(db: Db): Promise<void> {
  const legacy = await organWhere(db, `key NOT LIKE '%|%'`, []);
  for (const o of legacy) {
    await db.transaction(async (tx) => {
      const latest = await tx.query<{ report: unknown; prose: string }>('SELECT report, prose FROM store_reports WHERE organ_id = $1 ORDER BY seq DESC LIMIT 1', [o.id]);
      const report = latest.length ? ((typeof latest[0].report === 'string' ? JSON.parse(latest[0].report) : latest[0].report) as Report) : null;
      const identity = identifyOrgan(o.name, report ? hintsOf(report, latest[0].prose) : {});
      const other = await organWhere(tx, 'key = $1 AND id <> $2', [identity.key, o.id]);
      if (other.length) {
        await tx.query('UPDATE store_reports SET organ_id = $1 WHERE organ_id = $2', [other[0].id, o.id]);
        await tx.query('DELETE FROM store_organs WHERE id = $1', [o.id]);
        await refreshOrgan(tx, other[0].id);
        return;
      }
      const path = o.source === 'set' ? o.region : await placeRegion(tx, identity.region, identity.regionCode);
      await tx.query('UPDATE store_organs SET key = $1, region_path = $2, region_code = $3 WHERE id = $4', [identity.key, path, o.source === 'set' ? null : identity.regionCode, o.id]);
      if (o.region && o.region !== path) await dropUnusedRegion(tx, o.region);
    });
  }
}
