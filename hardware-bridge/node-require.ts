/**
 * Node-only packages loaded by file path. Vitest runs this repo with vite-plugin-solid, which
 * starts test workers with `--conditions browser`; `ws` and the ESC/POS encoder then resolve to
 * their browser builds (a stub, and a build needing a global ImageData). Requiring their Node
 * entry files directly gives tests the same code as `npm run bridge`. Remove this file once the
 * vitest config runs Node-side folders without the browser condition.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type EncoderClass from '@point-of-sale/receipt-printer-encoder';
import type * as WsModule from 'ws';
import type * as ZplRenderer from 'zpl-renderer-js';

const require = createRequire(import.meta.url);

function packageFile(pkg: string, file: string): string {
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', pkg, file);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`${pkg}/${file} not found in any node_modules`);
  }
}

export const ws = require(packageFile('ws', 'index.js')) as typeof WsModule;
export const ReceiptPrinterEncoder = require(
  packageFile('@point-of-sale/receipt-printer-encoder', 'dist/receipt-printer-encoder.cjs'),
) as typeof EncoderClass;
export type ReceiptPrinterEncoder = EncoderClass;

/** The ZPL renderer (~9 MB of inlined wasm): required lazily, and natively so Vite never transforms it. */
export const loadZplRenderer = (): typeof ZplRenderer =>
  require(packageFile('zpl-renderer-js', 'dist/index.cjs.js')) as typeof ZplRenderer;
