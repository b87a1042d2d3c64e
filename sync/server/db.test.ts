import { describe, expect, it } from 'vitest';
import { type Migration, migrate, openDatabase } from './db.ts';

const table = (id: string, name: string): Migration => ({
  id,
  up: (db) => db.exec(`CREATE TABLE ${name} (id INTEGER PRIMARY KEY)`),
});

const tables = (db: ReturnType<typeof openDatabase>) =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  )
    .map((r) => r.name)
    .filter((n) => n !== 'migrations');

describe('migrate', () => {
  it('a new database is set up quietly; an existing one says which steps it upgrades, once each', () => {
    const db = openDatabase(':memory:');
    const lines: string[] = [];
    const log = (l: string) => lines.push(l);
    expect(migrate(db, [table('one', 'a'), table('two', 'b')], log)).toEqual(['one', 'two']);
    expect(lines).toEqual([]);

    // The next release adds a step: only it runs, and the operator reads that it is running.
    expect(migrate(db, [table('one', 'a'), table('two', 'b'), table('three', 'c')], log)).toEqual(['three']);
    expect(lines[0]).toBe('Upgrading the database: three…');
    expect(lines.at(-1)).toBe('Database upgraded.');
    expect(tables(db)).toEqual(['a', 'b', 'c']);

    // Nothing to do: nothing said.
    lines.length = 0;
    expect(migrate(db, [table('one', 'a'), table('two', 'b'), table('three', 'c')], log)).toEqual([]);
    expect(lines).toEqual([]);
    db.close();
  });

  it('a failing step leaves the database as the steps before it left it, and is tried again next time', () => {
    const db = openDatabase(':memory:');
    const broken: Migration = {
      id: 'two',
      up: (d) => {
        d.exec('CREATE TABLE b (id INTEGER PRIMARY KEY)');
        throw new Error('disk full');
      },
    };
    expect(() => migrate(db, [table('one', 'a'), broken])).toThrow('disk full');
    expect(tables(db)).toEqual(['a']);
    expect(migrate(db, [table('one', 'a'), table('two', 'b')])).toEqual(['two']);
    expect(tables(db)).toEqual(['a', 'b']);
    db.close();
  });

  it('a list naming one step twice is refused before any step runs', () => {
    const db = openDatabase(':memory:');
    expect(() => migrate(db, [table('one', 'a'), table('one', 'b')])).toThrow('duplicate migration id one');
    expect(tables(db)).toEqual([]);
    db.close();
  });
});
