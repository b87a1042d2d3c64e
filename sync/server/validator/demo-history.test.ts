import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { names } from '../../shared/doc-names.ts';
import { stockJobs } from '../../shared/docs/stock.ts';
import { readWorks } from '../../shared/docs/work.ts';
import { ConflictsApi } from './conflicts-api.ts';
import { startRelay } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'loupe-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('demo history', () => {
  it('SEED-6: a new demo comes with decided history; a restart on its database adds none', async () => {
    const options = {
      port: 0,
      host: '127.0.0.1',
      dbPath: join(dir, 'loupe.db'),
      staticDir: join(dir, 'none'),
      seedDemo: { password: 'x', piecesPerStore: 40, clientsPerStore: 10 },
    };
    const relay = await startRelay(options);
    const count = (sql: string) => Number((relay.db.prepare(sql).get() as { n: number }).n);
    const commands = count('SELECT count(*) AS n FROM commands');
    expect(commands).toBeGreaterThan(20);
    // Every command accepted but the one double sale, which a manager already resolved.
    expect(count("SELECT count(*) AS n FROM commands WHERE status = 'rejected'")).toBe(2);
    expect(
      count("SELECT count(*) AS n FROM commands WHERE status = 'rejected' AND resolved_at IS NULL"),
    ).toBe(0);
    expect(count('SELECT count(*) AS n FROM sales')).toBe(24);
    expect(count('SELECT count(*) AS n FROM returns')).toBe(2);
    expect(count('SELECT count(*) AS n FROM orders WHERE paid_minor > 0')).toBe(4);
    // SEED-7: two custom orders and two repairs per store, in SQL and in work/<store>, at their stages.
    expect(count("SELECT count(*) AS n FROM orders WHERE kind = 'repair'")).toBe(4);
    for (const store of relay.demo?.stores ?? []) {
      const conn = await relay.hocuspocus.openDirectConnection(names.work(store.id), {});
      const works = readWorks(conn.document as NonNullable<typeof conn.document>);
      expect(works.map((w) => w.kind).sort()).toEqual(['custom', 'custom', 'repair', 'repair']);
      expect(works.find((w) => w.kind === 'custom' && w.stones.length > 0)?.quote.length).toBe(4);
      await conn.disconnect();
      const stock = await relay.hocuspocus.openDirectConnection(names.stock(store.id), {});
      const jobs = stockJobs(stock.document as NonNullable<typeof stock.document>).toJSON() as Record<
        string,
        { stage: string }
      >;
      expect(
        Object.values(jobs)
          .map((j) => j.stage)
          .sort(),
      ).toEqual(['design', 'in-production', 'at-bench', 'ready'].sort());
      await stock.disconnect();
    }
    expect(count("SELECT count(*) AS n FROM pieces WHERE status = 'sold'")).toBe(22);
    for (const store of relay.demo?.stores ?? [])
      expect(new ConflictsApi(relay.db).list(store.id)).toEqual([]);
    await relay.destroy();

    const again = await startRelay(options);
    expect(Number((again.db.prepare('SELECT count(*) AS n FROM commands').get() as { n: number }).n)).toBe(
      commands,
    );
    await again.destroy();
  });
});
