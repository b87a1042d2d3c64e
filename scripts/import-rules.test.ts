import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkImport, checkTree, importsOf } from './import-rules.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('import rules (DESIGN.md)', () => {
  it('the whole tree follows them', () => {
    expect(checkTree(root)).toEqual([]);
  });

  it('finds static, type-only, re-exported and dynamic imports, not ones in comments', () => {
    const src = [
      "import { a } from './a.ts';",
      "import type { B } from '../b.ts';",
      "export * from './c.ts';",
      "const d = await import('yjs');",
      "import './side-effect.ts';",
      "// import { x } from 'solid-js';",
    ].join('\n');
    expect(importsOf(src)).toEqual(['./a.ts', '../b.ts', './c.ts', 'yjs', './side-effect.ts']);
  });

  it('domain/ may not import Yjs, Solid, Node built-ins or the other folders', () => {
    expect(checkImport('domain/money.ts', './result.ts')).toBeUndefined();
    expect(checkImport('domain/money.ts', 'yjs')).toBeDefined();
    expect(checkImport('domain/money.ts', 'solid-js')).toBeDefined();
    expect(checkImport('domain/money.ts', 'node:fs')).toBeDefined();
    expect(checkImport('domain/money.ts', '../sync/shared/doc-names.ts')).toBeDefined();
    expect(checkImport('domain/money.ts', '../client/src/app.tsx')).toBeDefined();
    expect(checkImport('domain/money.ts', '../hardware-bridge/protocol.ts')).toBeDefined();
    expect(checkImport('domain/money.test.ts', 'fast-check')).toBeUndefined();
    expect(checkImport('domain/money.test.ts', 'node:fs')).toBeUndefined();
    expect(checkImport('domain/money.test.ts', 'yjs')).toBeDefined();
    expect(checkImport('domain/money.test.ts', '../sync/shared/doc-names.ts')).toBeDefined();
  });

  it('client/ may import domain/ and sync/shared, never relay-server code', () => {
    expect(checkImport('client/src/a.ts', '../../domain/money.ts')).toBeUndefined();
    expect(checkImport('client/src/a.ts', '../../sync/shared/doc-names.ts')).toBeUndefined();
    expect(checkImport('client/src/a.ts', '../../sync/server/relay.ts')).toBeDefined();
    expect(checkImport('client/src/a.ts', 'node:crypto')).toBeDefined();
    expect(checkImport('client/src/a.ts', '@hocuspocus/server')).toBeDefined();
    expect(checkImport('client/src/a.ts', '../../hardware-bridge/protocol.ts')).toBeUndefined();
    expect(checkImport('client/src/a.ts', '../../hardware-bridge/printer.ts')).toBeDefined();
  });

  it('sync/shared stays browser-safe; hardware-bridge/ imports domain/ at most', () => {
    expect(checkImport('sync/shared/device.ts', 'node:sqlite')).toBeDefined();
    expect(checkImport('sync/shared/device.ts', '../server/relay.ts')).toBeDefined();
    expect(checkImport('sync/shared/device.ts', '@hocuspocus/provider')).toBeUndefined();
    expect(checkImport('hardware-bridge/main.ts', '../domain/parse.ts')).toBeUndefined();
    expect(checkImport('hardware-bridge/main.ts', '../sync/shared/doc-names.ts')).toBeDefined();
    expect(checkImport('hardware-bridge/main.ts', 'yjs')).toBeDefined();
    expect(checkImport('sync/server/relay.ts', '../../client/src/a.ts')).toBeDefined();
  });
});
