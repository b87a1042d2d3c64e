/**
 * For crash tests: the relay as `npm start` runs it, in a child process that can be killed
 * (SIGKILL) and restarted on the same database file. Its stderr is collected, so a test can
 * check what the relay logged (a channel closed, an error while deciding).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { DatabaseSync } from 'node:sqlite';
import { freePort } from '../../../scripts/test-services.ts';

export { freePort };

export type RelayProcess = { proc: ChildProcess; stderr: () => string };

/** Starts `scripts/start.ts` on `port` and `dbPath`; resolves once it prints "Ready.". `env` adds
 *  to the relay's environment, e.g. `REDIS_URL` for one of several instances (SCALE-*, XINST-*). */
export async function startRelayProcess(
  port: number,
  dbPath: string,
  password: string,
  env: Readonly<Record<string, string>> = {},
): Promise<RelayProcess> {
  const proc = spawn(process.execPath, ['scripts/start.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOUPE_DB: dbPath,
      LOUPE_DEMO_PASSWORD: password,
      LOUPE_AUTOBUILD: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  proc.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    proc.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready.')) resolve();
    });
    proc.once('exit', (code, signal) =>
      reject(new Error(`relay exited early (${code ?? signal}): ${out}${err}`)),
    );
  });
  return { proc, stderr: () => err };
}

export async function kill(relay: RelayProcess): Promise<void> {
  if (relay.proc.exitCode !== null) return;
  const exited = new Promise((resolve) => relay.proc.once('exit', resolve));
  relay.proc.kill('SIGKILL');
  await exited;
}

/** One read of the relay's database from outside (the relay may be writing). */
export function readDb<T>(dbPath: string, sql: string, ...args: string[]): T {
  const db = new DatabaseSync(dbPath, { readOnly: true });
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    return db.prepare(sql).get(...args) as T;
  } finally {
    db.close();
  }
}
