/** Writes schema/*.schema.json from the runtime schemas: `npx tsx scripts/gen-schema.ts`. A test keeps them in step. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findingsJsonSchema, reportJsonSchema } from '../src/model/schema-export.js';

const dir = join(import.meta.dirname, '..', 'schema');
writeFileSync(join(dir, 'report.schema.json'), `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
writeFileSync(join(dir, 'findings.schema.json'), `${JSON.stringify(findingsJsonSchema(), null, 2)}\n`);
