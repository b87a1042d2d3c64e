import { expect, type Locator, type Page } from '@playwright/test';
import { bridgePort, pairingCode } from '../bridge-twin.ts';
import { openArea } from './areas.ts';

/** Settings › Hardware: pairing with the local bridge and its devices. */
export class HardwarePage {
  readonly page: Page;
  readonly link: Locator;
  constructor(page: Page) {
    this.page = page;
    this.link = page.getByTestId('bridge-link');
  }

  async open(): Promise<void> {
    await openArea(this.page, 'Hardware');
    await expect(this.page.getByRole('heading', { name: 'Hardware', level: 1 })).toBeVisible();
  }

  /** Types the code the bridge shows, as an associate would, and waits for the connection. */
  async pair(code = pairingCode(), port = bridgePort()): Promise<void> {
    await this.page.getByTestId('bridge-port').fill(String(port));
    await this.page.getByTestId('pairing-code').fill(`${code.slice(0, 4)} ${code.slice(4)}`);
    await this.page.getByRole('button', { name: 'Pair', exact: true }).click();
    await expect(this.link).toHaveText('Connected');
  }

  device(kind: string): Locator {
    return this.page.locator(`[data-testid="device"][data-kind="${kind}"]`);
  }

  async expectReady(kinds: readonly string[]): Promise<void> {
    for (const kind of kinds) await expect(this.device(kind).first()).toHaveAttribute('data-status', 'ready');
  }
}
