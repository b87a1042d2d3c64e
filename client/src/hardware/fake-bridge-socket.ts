/** A scripted stand-in for the browser's WebSocket to the bridge, for unit tests. */
import type { SocketLike } from './bridge-connection.ts';

export class FakeBridgeSocket implements SocketLike {
  readyState = 0;
  readonly sent: Array<{ type: string; id?: string } & Record<string, unknown>> = [];
  closedWith: number | undefined;
  onopen: ((e: Event) => void) | null = null;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onclose: ((e: CloseEvent) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  readonly url: string;

  constructor(url: string) {
    this.url = url;
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(code = 1000): void {
    this.closedWith = code;
    this.readyState = 3;
  }

  // The bridge's side.
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  deliver(message: unknown): void {
    const data = typeof message === 'string' ? message : JSON.stringify(message);
    this.onmessage?.(new MessageEvent('message', { data }));
  }
  drop(code: number): void {
    this.readyState = 3;
    this.onclose?.(new CloseEvent('close', { code }));
  }
  /** The last request of this type the app sent. */
  last(type: string): { type: string; id?: string } & Record<string, unknown> {
    const m = this.sent.filter((x) => x.type === type).at(-1);
    if (!m) throw new Error(`the app sent no ${type}`);
    return m;
  }
  /** Opens and answers hello as a bridge would. */
  greet(simulate = false): void {
    this.open();
    this.deliver({ type: 'welcome', id: this.last('hello').id, version: 1, bridge: '0.1.0', simulate });
  }
}
