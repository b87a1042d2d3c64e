import { createEffect, createSignal, on, Show } from 'solid-js';
import { capable, discountLimit } from '../../../domain/capabilities.ts';
import { useApp } from '../app-state.ts';
import { approveWithPin } from '../local/approvals.ts';
import { useSale } from './sale-context.ts';
import { S } from './strings.ts';

/**
 * A discount within the cashier's limit is in force as it is typed (no blur needed, so Enter,
 * Ctrl+Enter, a click on Complete or a scan never see an older value); above the limit a manager
 * approves with a PIN, and until then the sale cannot complete.
 */
export function DiscountControl() {
  const app = useApp();
  const sale = useSale();
  const text = sale.discountText;
  const [manager, setManager] = createSignal('');
  const [pin, setPin] = createSignal('');
  const [error, setError] = createSignal<string>();
  // A finished or emptied sale starts the next one with no discount and no leftover error.
  createEffect(
    on(
      () => sale.lines().length === 0,
      (empty) => {
        if (empty) setError(undefined);
      },
    ),
  );
  const limit = sale.discountLimit;
  const requested = sale.requestedBp;
  const needsApproval = () => {
    const bp = requested();
    return bp !== undefined && bp > limit() && (sale.approval()?.maxBasisPoints ?? 0) < bp;
  };

  const type = (value: string) => {
    sale.setDiscountText(value);
    setError(percentOk(value) ? undefined : S.discountInvalid);
  };
  const percentOk = (value: string) => sale.requestedBp() !== undefined || value.trim() === '';

  const approve = async (e: SubmitEvent) => {
    e.preventDefault();
    // Online the relay checks the PIN; offline, this till's key vault does (USER-4).
    const r = await approveWithPin(manager(), pin(), app.deviceId);
    if (!r.ok) return setError(r.error.message);
    const role = r.value.role;
    const settings = app.data()?.capabilities();
    const max = discountLimit(settings, role);
    const bp = requested() ?? 0;
    if (!capable(settings, role, 'discount.above-limit') || max < bp)
      return setError(S.overrideNotAllowed(r.value.name, text()));
    // The approval stands: an earlier failed attempt's message no longer applies.
    setError(undefined);
    sale.setApproval({ ...r.value, maxBasisPoints: max });
    sale.setDiscountBp(bp);
    setPin('');
  };

  return (
    <section class="discount" aria-label={S.discountRegion}>
      <label class="field">
        {S.discountLabel}
        <input
          data-testid="discount"
          inputmode="decimal"
          value={text()}
          onInput={(e) => type(e.currentTarget.value)}
          placeholder="0"
          aria-describedby="discount-limit"
        />
      </label>
      <span class="muted" id="discount-limit">
        {S.discountLimit(limit() / 100)}
      </span>
      <Show when={sale.approval()}>{(a) => <p class="ok">{S.approvedBy(a().name)}</p>}</Show>
      <Show when={needsApproval()}>
        <form class="override" onSubmit={approve} aria-label={S.overrideForm}>
          <p>{S.discountAboveLimit}</p>
          <input
            aria-label={S.overrideManager}
            placeholder={S.overrideManager}
            value={manager()}
            onInput={(e) => setManager(e.currentTarget.value)}
          />
          <input
            aria-label={S.overridePin}
            type="password"
            placeholder="PIN"
            value={pin()}
            onInput={(e) => setPin(e.currentTarget.value)}
          />
          <button type="submit">{S.overrideApprove}</button>
        </form>
      </Show>
      <Show when={error()}>
        <p class="error" role="alert" data-testid="discount-error">
          {error()}
        </p>
      </Show>
    </section>
  );
}
