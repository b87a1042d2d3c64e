/** The public surface of the domain core. Other folders import from here only. */
export * from './assert.ts';
export * from './client.ts';
export * from './command-payloads.ts';
export * from './commands.ts';
export * from './decide.ts';
export * from './decision-types.ts';
export * from './exchange.ts';
export * from './ids.ts';
export * from './memory-state.ts';
export * from './money.ts';
export * from './money-parse.ts';
export * from './parse.ts';
export * from './piece.ts';
export * from './piece-status.ts';
export * from './result.ts';
export * from './roles.ts';
export * from './units.ts';
