import { describe, expect, it } from 'vitest';
import { filesToPrefetch } from './vite-precache.ts';

const html = `<script type="module" crossorigin src="/assets/index-AAA.js"></script>
<link rel="modulepreload" crossorigin href="/assets/vendor-BBB.js">
<link rel="stylesheet" crossorigin href="/assets/index-CCC.css">`;

describe('filesToPrefetch (the precache list the service worker reads from index.html)', () => {
  it('CAMCOUNT-8: names the camera decoder worker, and any lazy chunk, once each', () => {
    const bundle = {
      'assets/index-AAA.js': { type: 'chunk' as const, fileName: 'assets/index-AAA.js', isEntry: true },
      'assets/vendor-BBB.js': { type: 'chunk' as const, fileName: 'assets/vendor-BBB.js', isEntry: false },
      'assets/report-DDD.js': { type: 'chunk' as const, fileName: 'assets/report-DDD.js', isEntry: false },
      'assets/decode-worker-EEE.js': { type: 'asset' as const, fileName: 'assets/decode-worker-EEE.js' },
      'assets/index-CCC.css': { type: 'asset' as const, fileName: 'assets/index-CCC.css' },
      'assets/logo-FFF.svg': { type: 'asset' as const, fileName: 'assets/logo-FFF.svg' },
    };
    // The entry and the chunk index.html preloads are named already; styles and images are not scripts.
    expect(filesToPrefetch(bundle, html)).toEqual(['assets/decode-worker-EEE.js', 'assets/report-DDD.js']);
  });
});
