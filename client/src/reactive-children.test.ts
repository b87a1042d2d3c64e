/**
 * A `<Show>` or `<Match>` child callback runs once, untracked, when its condition turns true: a
 * plain expression it returns (a string built from signals) is computed then and never follows
 * its signals again. The owner's "Figures as of" stayed at the first publish while the figures
 * under it moved; a client's spend stayed as it was before a sale. Such callbacks must return JSX
 * (`<>{…}</>`), whose expressions Solid keeps tracking.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname);

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? tsxFiles(join(dir, e.name))
      : e.name.endsWith('.tsx') && !e.name.endsWith('.test.tsx')
        ? [join(dir, e.name)]
        : [],
  );
}

/** Callbacks given to Show/Match whose body is not JSX: `file:line`. */
function untrackedCallbacks(source: string): number[] {
  const lines: number[] = [];
  const callback = /<(Show|Match)\b[^>]*>\s*\{\s*\(\w+\)\s*=>\s*/g;
  for (const m of source.matchAll(callback)) {
    const rest = source.slice((m.index ?? 0) + m[0].length).trimStart();
    const jsx = rest.startsWith('<') || (rest.startsWith('(') && rest.slice(1).trimStart().startsWith('<'));
    if (!jsx) lines.push(source.slice(0, m.index).split('\n').length);
  }
  return lines;
}

describe('Show and Match children that follow their signals', () => {
  it('finds a callback that returns a plain expression, and not one that returns JSX', () => {
    expect(untrackedCallbacks('<Show when={a()}>{(v) => label(v().x)}</Show>')).toEqual([1]);
    expect(untrackedCallbacks('<Show when={a()}>\n  {(v) => <>{label(v().x)}</>}</Show>')).toEqual([]);
    expect(untrackedCallbacks('<Match when={a()}>{(v) => (\n  <span>{v().x}</span>\n)}</Match>')).toEqual([]);
  });

  it('no screen returns a plain expression from a Show or Match callback', () => {
    const found = tsxFiles(root).flatMap((f) =>
      untrackedCallbacks(readFileSync(f, 'utf8')).map((line) => `${relative(root, f)}:${line}`),
    );
    expect(found).toEqual([]);
  });
});
