/** Serves the built web app (dist/client) with an SPA fallback; a helpful page when not built. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Loupe relay</title>
<body style="font-family:system-ui;max-width:40rem;margin:4rem auto">
<h1>Loupe relay is running</h1>
<p>The web app has not been built yet. Run <code>npm run build</code>, then reload this page.</p>
<p>The API answers at <a href="/api/health">/api/health</a>; devices sync over the websocket on this same port.</p>`;

export function serveStatic(root: string, urlPath: string, res: ServerResponse): void {
  const base = resolve(root);
  const index = join(base, 'index.html');
  if (!existsSync(index)) {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(NOT_BUILT);
    return;
  }
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    path = '/';
  }
  const candidate = normalize(join(base, path));
  // Never serve outside the build folder, whatever `..` the URL carries.
  const inside = candidate === base || candidate.startsWith(base + sep);
  const file = inside && existsSync(candidate) && statSync(candidate).isFile() ? candidate : undefined;
  if (!file && extname(path) !== '' && path !== '/index.html') {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    return;
  }
  const target = file ?? index;
  const type = TYPES[extname(target)] ?? 'application/octet-stream';
  // Hashed assets can be cached for ever; index.html must be revalidated so updates arrive.
  const cache = target.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': cache }).end(readFileSync(target));
}
