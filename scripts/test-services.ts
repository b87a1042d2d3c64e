/**
 * Real PostgreSQL and Redis servers for tests, started on loopback on free ports in a temp dir
 * and stopped afterwards. No mocks, no fixed sleeps: readiness is polled. Missing binaries fail
 * loudly, naming the Debian package CI must install (never a silent skip).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export type PostgresService = {
  /** `postgres://loupe@127.0.0.1:<port>/postgres` (trust auth on loopback). */
  url: string;
  port: number;
  /** A new, empty database on this server; returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /** A new, empty schema in the database at `databaseUrl`; returns a URL whose connections use it
   *  (search_path): a namespace of its own for a few milliseconds, where a database takes ~0.25 s. */
  createSchema(databaseUrl: string): Promise<string>;
  /** Drops a schema `createSchema` made (its URL) and everything in it. */
  dropSchema(schemaUrl: string): Promise<void>;
  stop(): Promise<void>;
};

export type RedisService = { url: string; host: string; port: number; stop(): Promise<void> };

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no free port');
  return address.port;
}

/** Polls `probe` until it returns true (errors count as "not yet"); throws after `timeoutMs`. */
export async function waitFor(
  what: string,
  probe: () => Promise<boolean>,
  options: { timeoutMs?: number; gaveUp?: () => string | undefined } = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (let delay = 10; Date.now() < deadline; delay = Math.min(delay * 2, 200)) {
    const reason = options.gaveUp?.();
    if (reason) throw new Error(`${what} failed: ${reason}`);
    try {
      if (await probe()) return;
    } catch (e) {
      last = e;
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
  throw new Error(`${what} not ready after ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}

function postgresBinDir(): string {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (!newest)
    throw new Error(
      'PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin: ' +
        'install the Debian package "postgresql" (apt-get install -y postgresql), or set PG_BIN.',
    );
  return join(root, newest, 'bin');
}

/** PostgreSQL refuses to run as root: as root, run its tools as the `postgres` user. */
function asServerUser(dir: string): { run: (cmd: string, args: string[]) => string } {
  const root = process.getuid?.() === 0;
  if (root) {
    let uid: number;
    let gid: number;
    try {
      uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    } catch {
      throw new Error(
        'Running as root and no "postgres" user exists to run PostgreSQL: install the Debian package "postgresql".',
      );
    }
    chownSync(dir, uid, gid);
  }
  return {
    run: (cmd, args) =>
      execFileSync(root ? 'runuser' : cmd, root ? ['-u', 'postgres', '--', cmd, ...args] : args, {
        stdio: ['ignore', 'pipe', 'pipe'],
      }).toString(),
  };
}

export async function startPostgres(): Promise<PostgresService> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'loupe-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const port = await freePort();
  const { run } = asServerUser(dir);
  const fail = (step: string, e: unknown): never => {
    const out = e as { stderr?: Buffer; stdout?: Buffer };
    const serverLog = existsSync(log) ? readFileSync(log, 'utf8') : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `PostgreSQL ${step} failed: ${out.stderr?.toString() ?? ''}${out.stdout?.toString() ?? ''}${serverLog}`,
    );
  };
  try {
    run(join(bin, 'initdb'), ['-D', data, '-U', 'loupe', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  } catch (e) {
    fail('initdb', e);
  }
  const serverOptions = `-k ${dir} -p ${port} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  try {
    // -w: pg_ctl itself polls until the server accepts connections.
    run(join(bin, 'pg_ctl'), ['-D', data, '-l', log, '-o', serverOptions, '-w', '-t', '60', 'start']);
  } catch (e) {
    fail('start', e);
  }
  const url = `postgres://loupe@127.0.0.1:${port}/postgres`;
  await waitFor('PostgreSQL', async () => {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } finally {
      await client.end().catch(() => {});
    }
  });
  let databases = 0;
  let schemas = 0;
  const inDatabase = async (databaseUrl: string, sql: string) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  let stopped: Promise<void> | undefined;
  return {
    url,
    port,
    async createDatabase(name = `loupe_test_${++databases}`) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://loupe@127.0.0.1:${port}/${name}`;
    },
    async createSchema(databaseUrl) {
      const name = `loupe_schema_${++schemas}`;
      await inDatabase(databaseUrl, `CREATE SCHEMA ${name}`);
      const schemaUrl = new URL(databaseUrl);
      schemaUrl.searchParams.set('options', `-c search_path=${name}`);
      return schemaUrl.toString();
    },
    async dropSchema(schemaUrl) {
      const url = new URL(schemaUrl);
      const name = /search_path=([a-z_][a-z0-9_]*)$/.exec(url.searchParams.get('options') ?? '')?.[1];
      if (!name) throw new Error(`not a schema URL: ${schemaUrl}`);
      url.searchParams.delete('options');
      await inDatabase(url.toString(), `DROP SCHEMA ${name} CASCADE`);
    },
    stop() {
      stopped ??= (async () => {
        try {
          run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      })();
      return stopped;
    },
  };
}

function redisServerBinary(): string {
  for (const candidate of [process.env.REDIS_SERVER, '/usr/bin/redis-server', '/usr/local/bin/redis-server'])
    if (candidate && existsSync(candidate)) return candidate;
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server']).toString().trim();
  } catch {
    throw new Error(
      'redis-server not found: install the Debian package "redis-server" (apt-get install -y redis-server), ' +
        'or set REDIS_SERVER.',
    );
  }
}

/** A RESP `PING` over a plain socket: true once the server answers `+PONG`. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setTimeout(1000, () => socket.destroy(new Error('timeout')));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) {
        socket.end();
        resolve(answer.startsWith('+PONG'));
      }
    });
    socket.on('error', reject);
  });
}

export async function startRedis(): Promise<RedisService> {
  const binary = redisServerBinary();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'loupe-redis-'));
  const child: ChildProcess = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  await waitFor('Redis', () => ping(port), {
    gaveUp: () => (exited ? `redis-server exited: ${output}` : undefined),
  });
  let stopped: Promise<void> | undefined;
  return {
    url: `redis://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    stop() {
      stopped ??= (async () => {
        if (!exited) child.kill('SIGTERM');
        await exit;
        rmSync(dir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}

/** A real SMTP server (`smtp-server`) on 127.0.0.1 that keeps every message it receives, raw. */
export type SmtpService = { url: string; mail: Buffer[]; stop(): Promise<void> };

export async function startSmtp(): Promise<SmtpService> {
  const { SMTPServer } = await import('smtp-server');
  const mail: Buffer[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mail.push(Buffer.concat(chunks));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    mail,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
