import { createSignal, Show } from 'solid-js';
import { isOutcomeCode, OUTCOME_MESSAGES } from '../../../sync/shared/outcome-codes.ts';
import { useApp } from '../app-state.ts';
import { appendCommand } from '../local/outbox.ts';
import { B } from './book-strings.ts';

/**
 * PRIVACY-1..4 on the profile, for managers and owners: export everything held about the client
 * (relay API, JSON file), or erase them on their request (`client.erase`, decided by the relay).
 */
export function ClientPrivacySection(props: { clientId: string }) {
  const app = useApp();
  const [status, setStatus] = createSignal<string>();
  const [erasing, setErasing] = createSignal(false);
  const [reason, setReason] = createSignal('');
  const [sent, setSent] = createSignal<string>();
  const isManager = () => ['manager', 'owner'].includes(app.session()?.user.role ?? '');
  const outcome = () => {
    const id = sent();
    return id ? app.data()?.outcomes()[id] : undefined;
  };
  const exportData = async () => {
    const d = app.data();
    const token = app.session()?.token;
    if (!d || !token) return;
    setStatus(B.exporting);
    try {
      const q = new URLSearchParams({ store: d.store, client: props.clientId });
      const res = await fetch(`/api/clients/export?${q}`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(String(res.status));
      const blob = new Blob([JSON.stringify(await res.json(), null, 2)], { type: 'application/json' });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `client-${props.clientId}.json`;
      a.click();
      URL.revokeObjectURL(a.href);
      setStatus(undefined);
    } catch {
      setStatus(B.exportFailed);
    }
  };
  const erase = (e: SubmitEvent) => {
    e.preventDefault();
    const d = app.data();
    const why = reason().trim();
    if (!d || !why) return;
    const c = appendCommand(d.outbox, app.actor(), 'client.erase', { clientId: props.clientId, reason: why });
    setSent(c.id);
    setErasing(false);
  };
  return (
    <Show when={isManager()}>
      <section class="card privacy-card" aria-labelledby="privacy-h" data-testid="client-privacy">
        <h2 id="privacy-h">{B.privacy}</h2>
        <div class="actions">
          <button type="button" data-testid="export-client" onClick={() => void exportData()}>
            {B.exportButton}
          </button>
          <button type="button" data-testid="erase-client" onClick={() => setErasing(true)}>
            {B.eraseButton}
          </button>
        </div>
        <Show when={erasing()}>
          <form onSubmit={erase} class="erase-form">
            <p class="notice">{B.eraseWarning}</p>
            <label class="field">
              {B.eraseReason}
              <input
                data-testid="erase-reason"
                required
                maxLength={500}
                value={reason()}
                onInput={(e) => setReason(e.currentTarget.value)}
              />
            </label>
            <div class="actions">
              <button type="submit" class="danger" data-testid="erase-confirm">
                {B.eraseConfirm}
              </button>
              <button type="button" onClick={() => setErasing(false)}>
                {B.cancel}
              </button>
            </div>
          </form>
        </Show>
        <Show when={status()}>
          <p role="status">{status()}</p>
        </Show>
        <Show when={outcome()?.status === 'rejected'}>
          <p class="error" role="alert">
            {(() => {
              const code = outcome()?.code;
              return code && isOutcomeCode(code) ? OUTCOME_MESSAGES[code] : (outcome()?.reason ?? '');
            })()}
          </p>
        </Show>
      </section>
    </Show>
  );
}
