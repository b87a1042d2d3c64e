import { expect, type Locator, type Page } from '@playwright/test';

/** "Use camera" on a scanning screen (CAMCOUNT-*): the camera as one more scanner. */
export class CameraScannerPanel {
  readonly page: Page;
  readonly root: Locator;
  readonly toggle: Locator;
  readonly problem: Locator;
  readonly stats: Locator;
  constructor(page: Page, testid = 'count-camera') {
    this.page = page;
    this.root = page.getByTestId(testid);
    this.toggle = page.getByTestId(`${testid}-toggle`);
    this.problem = page.getByTestId(`${testid}-problem`);
    this.stats = page.getByTestId(`${testid}-stats`);
  }

  async start(): Promise<void> {
    await this.toggle.click();
    await expect(this.root).toHaveAttribute('data-phase', /starting|on/);
  }

  /** A read of the camera in the live list: its kind is taken, repeat or refused. */
  read(code: string, kind?: 'taken' | 'repeat' | 'refused'): Locator {
    return this.root.locator(
      kind ? `li[data-code="${code}"][data-kind="${kind}"]` : `li[data-code="${code}"]`,
    );
  }

  /** The mean decode time of the last frames (in the worker), the frame size. */
  async decodeStats(): Promise<{
    decodeMs: number;
    captureMs: number;
    frames: number;
    size: string;
  }> {
    return {
      decodeMs: Number(await this.stats.getAttribute('data-decode-ms')),
      captureMs: Number(await this.stats.getAttribute('data-capture-ms')),
      frames: Number(await this.stats.getAttribute('data-frames')),
      size: (await this.stats.getAttribute('data-size')) ?? '',
    };
  }
}
