import { describe, expect, it } from 'vitest';
import { pushesContent } from './listening-provider.ts';

describe('listening provider for relay-owned documents', () => {
  it('holds back sync replies and updates, lets requests and authentication through', () => {
    expect(pushesContent({ encoder: {} })).toBe(true);
    expect(pushesContent({ update: new Uint8Array(1) })).toBe(true);
    expect(pushesContent({ document: {} })).toBe(false);
    expect(pushesContent({ token: 't', documentName: 'stock/x' })).toBe(false);
    expect(pushesContent(undefined)).toBe(false);
  });
});
