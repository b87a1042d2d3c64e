/**
 * The relay's Redis option (SCALE-*): `REDIS_URL` or `{ host, port }` → the configuration of
 * `@hocuspocus/extension-redis` (pub/sub between relay instances, a Redlock per stored document).
 */
import type { Configuration } from '@hocuspocus/extension-redis';

export type RedisOption =
  | string
  | {
      host: string;
      port: number;
      password?: string;
      /** Key and channel namespace; instances of one chain share it. Default `loupe`. */
      prefix?: string;
    };

/** `redis://[user:password@]host[:port][/db]`, or `rediss://` for TLS. */
export function redisConfiguration(option: RedisOption): Partial<Configuration> {
  if (typeof option !== 'string') {
    return {
      host: option.host,
      port: option.port,
      prefix: option.prefix ?? 'loupe',
      ...(option.password ? { options: { password: option.password } } : {}),
    };
  }
  let url: URL;
  try {
    url = new URL(option);
  } catch {
    throw new Error(`REDIS_URL is not a URL: ${JSON.stringify(option)} (expected redis://host:port)`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new Error(`REDIS_URL must start with redis:// or rediss:// (got ${url.protocol})`);
  const db = url.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) throw new Error(`REDIS_URL database must be a number (got ${db})`);
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1',
    port: url.port ? Number(url.port) : 6379,
    prefix: 'loupe',
    options: {
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      ...(db ? { db: Number(db) } : {}),
      ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    },
  };
}
