/**
 * `npm start`: the relay (websocket + HTTP API + web app) on HOST:PORT (default 127.0.0.1:4321,
 * this computer only; HOST=0.0.0.0 or the till's address serves tills on the store's network)
 * over the SQLite file LOUPE_DB (default ./data/loupe.db). On an empty database it creates the demo
 * organisation and prints its users. Ctrl-C stores every open document before exiting.
 * DATABASE_URL: Yjs documents (PG-*) and the relay's SQL state (REPL-*) in PostgreSQL, the SQLite file
 * LOUPE_DB then being this instance's replica of the log there; REDIS_URL: several
 * relay instances serve one chain through Redis (SCALE-*). See sync/README.md, Operations.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { PgDocumentStore } from '../sync/server/pg-document-store.ts';
import { startRelay } from '../sync/server/validator/index.ts';

if (!process.version.startsWith('v24.')) {
  console.error(`Loupe needs Node 24 (found ${process.version}): run it with npm start.`);
  process.exit(1);
}

// A fresh clone has no web app build yet: make one, so `npm install && npm start` just works
// (LOUPE_AUTOBUILD=0 skips it: tests that start relay processes need no web app).
if (process.env.LOUPE_AUTOBUILD !== '0' && !existsSync('dist/client/index.html')) {
  console.log('Building the web app (first start)…');
  const built = spawnSync('vite', ['build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (built.status !== 0) {
    console.error('The web app did not build; the relay starts anyway (npm run build to retry).');
  }
}

const documentStore = process.env.DATABASE_URL
  ? await PgDocumentStore.connect(process.env.DATABASE_URL)
  : undefined;

// The relay with its command validator (sync/server/validator).
// Where the banner says: loopback unless HOST names another address (SERVE-1).
const host = process.env.HOST?.trim() || '127.0.0.1';
const relay = await startRelay({
  host,
  port: Number(process.env.PORT ?? 4321),
  dbPath: process.env.LOUPE_DB ?? './data/loupe.db',
  seedDemo: true,
  ...(documentStore && process.env.DATABASE_URL ? { documentStore, sqlLog: process.env.DATABASE_URL } : {}),
  ...(process.env.REDIS_URL ? { redis: process.env.REDIS_URL } : {}),
});

console.log(
  `\nLoupe relay ${relay.url}  (websocket ${relay.wsUrl}, database ${process.env.LOUPE_DB ?? './data/loupe.db'})`,
);
if (host === '0.0.0.0' || host === '::') {
  const lan = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => `http://${a?.address}:${relay.port}`);
  console.log(
    `Listening on every interface (HOST=${host})${lan.length ? `: tills open ${lan.join(', ')}` : ''}.`,
  );
} else if (host === '127.0.0.1' || host === 'localhost' || host === '::1') {
  console.log('Only this computer can connect (set HOST to serve tills on the store network).');
}
if (documentStore)
  console.log(
    'Yjs documents and the relay’s SQL log in PostgreSQL (DATABASE_URL); the SQLite file is this instance’s replica of it.',
  );
if (process.env.REDIS_URL) console.log('Scale-out through Redis (REDIS_URL).');
if (relay.demo) {
  const d = relay.demo;
  console.log(`\nDemo organisation created: ${d.pieces} pieces, ${d.clients} clients.`);
  for (const s of d.stores) console.log(`  store ${s.name} (${s.currency})  ${s.id}`);
  console.log(`\nDemo users — password "${d.password}" (set LOUPE_DEMO_PASSWORD to change), or PIN:`);
  const storeName = (id: string) => d.stores.find((s) => s.id === id)?.name ?? id;
  for (const u of d.users) {
    const where = u.role === 'owner' ? 'all stores' : u.stores.map(storeName).join(', ');
    console.log(`  ${u.login.padEnd(18)} PIN ${u.pin}  ${u.role.padEnd(9)} ${u.name} — ${where}`);
  }
}
console.log('\nReady. Ctrl-C to stop.');

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: storing documents and stopping…`);
  try {
    await relay.destroy();
    await documentStore?.close();
    process.exit(0);
  } catch (e) {
    console.error('shutdown failed', e);
    process.exit(1);
  }
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
