import { useNavigate } from '@solidjs/router';
import { useSale } from './sale-context.ts';
import { S } from './strings.ts';

/** On a piece's page: put it in the cart and go to the counter (where a refusal explains itself). */
export function SellPieceButton(props: { serial: string }) {
  const sale = useSale();
  const navigate = useNavigate();
  return (
    <button
      type="button"
      class="primary"
      data-testid="sell-piece"
      onClick={() => {
        const inCart = sale.lines().some((l) => l.serial === props.serial);
        if (!inCart) sale.scan(props.serial);
        navigate('/sell');
      }}
    >
      {S.sellThisPiece}
    </button>
  );
}
