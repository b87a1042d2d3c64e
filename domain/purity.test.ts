import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = import.meta.dirname;
const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

describe('domain purity', () => {
  it.each(sources)('PURE-1: %s imports only relative domain files', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const specifiers = [
      ...text.matchAll(/(?:import|export)[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g),
    ].map((m) => m[1] ?? m[2]);
    for (const s of specifiers) expect(s, `${file} imports ${s}`).toMatch(/^\.\/[a-z0-9-]+\.ts$/);
    expect(text).not.toMatch(/\b(process|require|Buffer|document|window)\./);
  });

  it('PURE-1: every rule in SPEC.md is cited by at least one test name', () => {
    const spec = readFileSync(join(dir, 'SPEC.md'), 'utf8');
    const rules = [...spec.matchAll(/\*\*([A-Z]+-\d+)\*\*/g)].map((m) => m[1]);
    const tests = readdirSync(dir)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    const missing = rules.filter((r) => !new RegExp(`['\`][^'\`]*\\b${r}\\b`).test(tests));
    expect(missing).toEqual([]);
  });
});
