/**
 * `npm run rebuild-documents`: rewrites every `catalog/<store>` and `stock/<store>` document and `org` from the SQL of LOUPE_DB
 * (default ./data/loupe.db; with DATABASE_URL, the documents and the SQL log in PostgreSQL, LOUPE_DB
 * being this machine's replica of it). Stop the relay
 * first. See sync/server/rebuild-documents.ts and sync/SPEC.md DOC-5, DOC-7, DOC-9.
 */
import { PgDocumentStore } from '../sync/server/pg-document-store.ts';
import { rebuildDatabase } from '../sync/server/rebuild-documents.ts';

const dbPath = process.env.LOUPE_DB ?? './data/loupe.db';
const pg = process.env.DATABASE_URL ? await PgDocumentStore.connect(process.env.DATABASE_URL) : undefined;
try {
  const report = await rebuildDatabase(dbPath, pg, process.env.DATABASE_URL);
  if (report.legacyCatalogRemoved) console.log('The chain-wide catalog was replaced by per-store catalogs.');
  for (const [store, changes] of Object.entries(report.catalogs))
    console.log(
      `catalog/${store}: ${changes === 0 ? 'already equal to SQL' : `${changes} record(s) rewritten`}`,
    );
  for (const [store, changes] of Object.entries(report.stocks))
    console.log(
      `stock/${store}: ${changes === 0 ? 'already equal to SQL' : `${changes} entr(ies) rewritten`}`,
    );
  console.log(`org: ${report.org === 0 ? 'already equal to SQL' : `${report.org} record(s) rewritten`}`);
} finally {
  await pg?.close();
}
