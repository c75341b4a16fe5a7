/** Storing fetched reports in the report store (src/store): the organ placed, the region, the source. */
import { Store } from '../store/index.js';
import { recordSource } from './ledger.js';
import { organIdentity } from './organ.js';
import type { Importer } from './run.js';

export function storeImporter(store: Store): Importer {
  return {
    async directory() {
      const [organs, regions] = await Promise.all([store.organs(), store.regions()]);
      return { organs: organs.map((o) => ({ name: o.name, key: o.key, region: o.region })), regions: regions.map((r) => r.path) };
    },
    async importReport(bytes, name, placement, source) {
      return store.db.transaction(async (tx) => {
        const inTx = new Store(tx);
        const r = await inTx.importBytes(bytes, name, { organ: placement.organ || undefined });
        // the page's region for an organ whose own name shows none
        if (placement.region) {
          const rows = await tx.query<{ region_path: string | null }>('SELECT region_path FROM store_organs WHERE key = $1', [organIdentity(r.organ).key]);
          if (rows.length && rows[0].region_path === null) await inTx.setOrganRegion(r.organ, placement.region);
        }
        await recordSource(tx, r.id, source);
        return { id: r.id, created: r.created, organ: r.organ, findings: r.findings };
      });
    },
  };
}
