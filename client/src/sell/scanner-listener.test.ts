// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { listenForScans } from './scanner-listener.ts';

let clock = 0;
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  document.body.innerHTML = '';
});

/** Types like a browser would: keydown, then the character lands in the focused field. */
function type(text: string, gapMs: number) {
  for (const key of [...text, 'Enter']) {
    clock += gapMs;
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    const el = document.activeElement;
    const allowed = (el ?? document.body).dispatchEvent(event);
    if (allowed && key !== 'Enter' && el instanceof HTMLInputElement) {
      el.value += key;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }
}

describe('scanner listener', () => {
  it('a scan into a focused search field goes to the cart and leaves the field as it was', () => {
    const input = document.createElement('input');
    document.body.append(input);
    input.focus();
    const scans: string[] = [];
    const inputs: string[] = [];
    input.addEventListener('input', () => inputs.push(input.value));
    stop = listenForScans((c) => scans.push(c), { now: () => clock });
    type('Mar', 150);
    type('LP-24-000187', 5);
    expect(scans).toEqual(['LP-24-000187']);
    expect(input.value).toBe('Mar');
    expect(inputs.at(-1)).toBe('Mar');
  });

  it('typing by hand then Enter stays in the field', () => {
    const input = document.createElement('input');
    document.body.append(input);
    input.focus();
    const scans: string[] = [];
    stop = listenForScans((c) => scans.push(c), { now: () => clock });
    type('Martin', 120);
    expect(scans).toEqual([]);
    expect(input.value).toBe('Martin');
  });
});
