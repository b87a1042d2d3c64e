import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase } from './db.ts';
import { SqliteDocumentStore } from './document-store.ts';
import { syncMigrations } from './migrations.ts';
import { runStorageContract } from './storage-contract.ts';

runStorageContract('SQLite (node:sqlite)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-store-'));
  const db = openDatabase(join(dir, 'loupe.db'));
  migrate(db, syncMigrations);
  return {
    store: new SqliteDocumentStore(db),
    dispose: async () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
