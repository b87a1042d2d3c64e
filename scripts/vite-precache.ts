/**
 * Names in index.html, as `<link rel="prefetch">`, the built files the app may load that index.html
 * would not name otherwise: workers (the camera's barcode decoder, CAMCOUNT-8) and lazily imported
 * chunks. The service worker (`public/sw.js`) caches at install every asset index.html names, so a
 * till that opened the app once has them with no network; online, the browser fetches them early.
 * docs/decisions/0028.
 */
import type { Plugin } from 'vite';

/** The part of a bundle's output entry this plugin reads (Rollup/Rolldown OutputChunk | OutputAsset). */
export type BundleEntry = {
  readonly type: 'chunk' | 'asset';
  readonly fileName: string;
  readonly isEntry?: boolean;
};

/** The script files of a build that index.html does not already name, sorted. */
export function filesToPrefetch(bundle: Readonly<Record<string, BundleEntry>>, html: string): string[] {
  return Object.values(bundle)
    .filter((o) => o.fileName.endsWith('.js') && !(o.type === 'chunk' && o.isEntry))
    .map((o) => o.fileName)
    .filter((f) => !html.includes(`/${f}"`))
    .sort();
}

export function precacheWorkers(): Plugin {
  let base = '/';
  return {
    name: 'loupe:precache-workers',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle) return;
        return filesToPrefetch(ctx.bundle as Record<string, BundleEntry>, html).map((file) => ({
          tag: 'link',
          attrs: { rel: 'prefetch', href: `${base}${file}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}
