// @vitest-environment jsdom
import { MemoryRouter, Route } from '@solidjs/router';
import { render, screen } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { AppContext, type AppState } from './app-state.ts';
import { describeSync, type SyncFacts } from './local/sync-state.ts';
import { SyncBadge, waitingWords } from './SyncBadge.tsx';

const facts: SyncFacts = {
  network: true,
  socket: 'connected',
  pending: 0,
  conflicts: 0,
  docsTotal: 3,
  docsSynced: 3,
  hadFirstSync: true,
};

function renderBadge() {
  const [f, setFacts] = createSignal(facts);
  const app = { sync: () => describeSync(f()) } as unknown as AppState;
  render(() => (
    <AppContext.Provider value={app}>
      <MemoryRouter>
        <Route path="/" component={SyncBadge} />
      </MemoryRouter>
    </AppContext.Provider>
  ));
  return setFacts;
}

describe('SyncBadge', () => {
  it('follows the till from online to offline with pending sales, then to a conflict link', async () => {
    const set = renderBadge();
    expect(await screen.findByText('Online')).toBeTruthy();
    set({ ...facts, network: false, socket: 'disconnected', pending: 2 });
    expect(screen.getByTestId('sync-label').textContent).toBe('Offline');
    expect(screen.getByTestId('sync-pending').textContent).toBe('2 commands pending');
    set({ ...facts, conflicts: 1 });
    const link = screen.getByTestId('sync-conflicts');
    expect(link.textContent).toBe('1 conflict waiting');
    expect(link.getAttribute('href')).toBe('/conflicts');
    expect(screen.getByTestId('sync-badge').className).toContain('tone-alert');
  });
});

describe('what waits to be sent, in words', () => {
  const c = (id: string, type: string) => ({
    id,
    type,
    store: 's',
    device: 'd',
    user: 'u',
    at: '',
    payload: {},
  });
  it('names each kind instead of "commands pending"', () => {
    expect(waitingWords([c('1', 'sale.complete')], {})).toBe('1 sale waiting to be sent');
    expect(
      waitingWords([c('1', 'sale.complete'), c('2', 'sale.complete'), c('3', 'sale.return'), c('4', 'x.y')], {
        '3': { status: 'accepted', decidedAt: '' },
      }),
    ).toBe('2 sales, 1 other change waiting to be sent');
    expect(waitingWords([c('1', 'sale.complete')], { '1': { status: 'accepted', decidedAt: '' } })).toBe('');
  });
});
