/**
 * The import rules of DESIGN.md, as code: which top folder may import what.
 * Used by import-rules.test.ts over the whole tree; kept separate so the checker itself is tested.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

export type Area = 'domain' | 'sync/shared' | 'sync/server' | 'client' | 'hardware-bridge' | 'other';

export type Violation = { file: string; specifier: string; rule: string };

const IMPORT_RE =
  /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every module specifier a source file imports or re-exports (static and dynamic). */
export function importsOf(source: string): string[] {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"])\/\/.*$/gm, '$1');
  const out: string[] = [];
  for (const m of withoutComments.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2];
    if (spec) out.push(spec);
  }
  return out;
}

export function areaOf(path: string): Area {
  const p = path.split(sep).join('/');
  if (p.startsWith('domain/')) return 'domain';
  if (p.startsWith('sync/server/')) return 'sync/server';
  if (p.startsWith('sync/')) return 'sync/shared';
  if (p.startsWith('client/')) return 'client';
  if (p.startsWith('hardware-bridge/')) return 'hardware-bridge';
  return 'other';
}

/** Bare packages that must never reach the pure domain nor, for Node-only ones, the browser. */
const UI_OR_CRDT = /^(yjs|y-[\w-]+|lib0|solid-js|@solidjs\/|@hocuspocus\/|@automerge\/)/;
const NODE_ONLY = /^(node:|ws$|pg$|ioredis$|node-hid$|jose$|@hocuspocus\/server|@hocuspocus\/extension-)/;

/** Browser-safe modules of the bridge that the client may use to speak its protocol. */
const BRIDGE_BROWSER_SAFE = new Set(['hardware-bridge/protocol.ts']);

/** Test runners are allowed in tests, and nowhere else matters for them. */
const TEST_FILE = /\.test\.tsx?$/;
const TEST_ONLY = new Set(['vitest', 'fast-check', '@solidjs/testing-library', 'fake-indexeddb/auto']);

/** Returns the rule broken by `file` (repo-relative) importing `specifier`, or undefined. */
export function checkImport(file: string, specifier: string): string | undefined {
  // Tests run on Node with their runners: they may read files and use test tools, not ship them.
  if (TEST_FILE.test(file) && (TEST_ONLY.has(specifier) || specifier.startsWith('node:'))) return undefined;
  const from = areaOf(file);
  const relativeSpec = specifier.startsWith('.');
  const target = relativeSpec
    ? normalize(join(dirname(file), specifier))
        .split(sep)
        .join('/')
    : undefined;
  const to = target ? areaOf(target) : undefined;

  switch (from) {
    case 'domain':
      if (!relativeSpec) return 'domain/ imports no packages and no Node built-ins';
      if (to !== 'domain') return 'domain/ imports only from domain/';
      return undefined;
    case 'sync/shared':
      if (NODE_ONLY.test(specifier)) return 'sync/shared runs in the browser: no Node-only imports';
      if (to && to !== 'domain' && to !== 'sync/shared')
        return 'sync/shared imports only domain/ and sync/shared';
      return undefined;
    case 'sync/server':
      if (to === 'client' || to === 'hardware-bridge')
        return 'sync/server does not import client/ or hardware-bridge/';
      return undefined;
    case 'client':
      if (NODE_ONLY.test(specifier)) return 'client/ runs in the browser: no Node-only imports';
      if (to === 'sync/server') return 'client/ never imports relay-server code';
      if (to === 'hardware-bridge' && target && !BRIDGE_BROWSER_SAFE.has(target))
        return 'client/ may import only the bridge protocol module';
      if (to === 'other') return 'client/ imports only domain/, sync/shared and itself';
      return undefined;
    case 'hardware-bridge':
      if (UI_OR_CRDT.test(specifier)) return 'hardware-bridge/ does not use Yjs, Solid or Hocuspocus';
      if (to && to !== 'domain' && to !== 'hardware-bridge')
        return 'hardware-bridge/ imports domain/ at most';
      return undefined;
    case 'other':
      return undefined;
  }
}

const SOURCE = /\.(ts|tsx)$/;
const SKIP = new Set(['node_modules', 'dist', 'data', '.git', 'test-results', 'playwright-report']);

export function sourceFiles(root: string, dir = root): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(root, full));
    else if (SOURCE.test(entry.name)) out.push(relative(root, full));
  }
  return out;
}

export function checkTree(root: string): Violation[] {
  const violations: Violation[] = [];
  for (const file of sourceFiles(root)) {
    if (areaOf(file) === 'other') continue;
    for (const specifier of importsOf(readFileSync(join(root, file), 'utf8'))) {
      const rule = checkImport(file, specifier);
      if (rule) violations.push({ file, specifier, rule });
    }
  }
  return violations;
}
