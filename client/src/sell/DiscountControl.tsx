import { createEffect, createSignal, Show } from 'solid-js';
import { can, maxDiscountBasisPoints, type Role } from '../../../domain/roles.ts';
import { useApp } from '../app-state.ts';
import { loginWithPin } from '../local/session.ts';
import { percentToBasisPoints } from './discount.ts';
import { useSale } from './sale-context.ts';

/** A discount within the cashier's limit applies at once; above it a manager approves with a PIN. */
export function DiscountControl() {
  const app = useApp();
  const sale = useSale();
  const [text, setText] = createSignal('');
  const [manager, setManager] = createSignal('');
  const [pin, setPin] = createSignal('');
  const [error, setError] = createSignal<string>();
  // A finished or emptied sale starts the next one without a discount.
  createEffect(() => {
    if (sale.lines().length === 0 && sale.discountBp() === 0) setText('');
  });
  const limit = () => maxDiscountBasisPoints((app.session()?.user.role ?? 'associate') as Role);
  const requested = () => percentToBasisPoints(text() || '0');
  const needsApproval = () => {
    const bp = requested();
    return bp !== undefined && bp > limit() && (sale.approval()?.maxBasisPoints ?? 0) < bp;
  };

  const apply = (value: string) => {
    setText(value);
    setError(undefined);
    const bp = percentToBasisPoints(value || '0');
    if (bp === undefined) return setError('Enter a percentage such as 10 or 12.5.');
    if (bp <= limit() || (sale.approval()?.maxBasisPoints ?? 0) >= bp) sale.setDiscountBp(bp);
    else sale.setDiscountBp(0);
  };

  const approve = async (e: SubmitEvent) => {
    e.preventDefault();
    const r = await loginWithPin(manager().trim(), pin(), app.deviceId);
    if (!r.ok)
      return setError(
        r.error.code === 'offline' ? 'A manager override needs the store server.' : r.error.message,
      );
    const role = r.value.user.role;
    const max = maxDiscountBasisPoints(role);
    const bp = requested() ?? 0;
    if (!can(role, 'discount.above-limit') || max < bp)
      return setError(`${r.value.user.name} cannot approve ${text()} %.`);
    sale.setApproval({ userId: r.value.user.id, name: r.value.user.name, maxBasisPoints: max });
    sale.setDiscountBp(bp);
    setPin('');
  };

  return (
    <section class="discount" aria-label="Discount">
      <label class="field">
        Discount %
        <input
          data-testid="discount"
          inputmode="decimal"
          value={text()}
          onChange={(e) => apply(e.currentTarget.value)}
          placeholder="0"
        />
      </label>
      <span class="muted">Your limit: {limit() / 100} %</span>
      <Show when={sale.approval()}>{(a) => <p class="ok">Approved by {a().name}</p>}</Show>
      <Show when={needsApproval()}>
        <form class="override" onSubmit={approve} aria-label="Manager override">
          <p>Above your limit — a manager approves with their PIN.</p>
          <input
            aria-label="Manager"
            placeholder="Manager"
            value={manager()}
            onInput={(e) => setManager(e.currentTarget.value)}
          />
          <input
            aria-label="Manager PIN"
            type="password"
            placeholder="PIN"
            value={pin()}
            onInput={(e) => setPin(e.currentTarget.value)}
          />
          <button type="submit">Approve</button>
        </form>
      </Show>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
    </section>
  );
}
