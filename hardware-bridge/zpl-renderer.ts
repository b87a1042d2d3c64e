/**
 * The ZPL renderer carries ~9 MB of inlined wasm: it is required lazily (only when a tag is
 * rendered for a preview or a test) and natively, so Vite's test transform never parses it.
 */
import { createRequire } from 'node:module';
import type * as ZplRenderer from 'zpl-renderer-js';

const require = createRequire(import.meta.url);

export const loadZplRenderer = (): typeof ZplRenderer => require('zpl-renderer-js') as typeof ZplRenderer;
