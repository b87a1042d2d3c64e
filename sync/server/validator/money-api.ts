/**
 * `GET /api/money/cards/<number>`: a gift card's or store credit's balance and every move, from SQL
 * (GIFT-5). A card is honoured at every store of the chain, so any signed-in member of staff may
 * look one up by its number; the number's check digit is checked first (GIFT-1).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DatabaseSync } from 'node:sqlite';
import type { Extension } from '@hocuspocus/server';
import { canonicalCardNumber, isValidCardNumber } from '../../../domain/money-held.ts';
import { apiRoute, json, keyRingOf, requireCaller } from '../http-io.ts';
import { MoneySource } from '../money-projection.ts';

const PATH = /^\/api\/money\/cards\/([^/]{1,40})$/;

export class MoneyApi {
  readonly #db: DatabaseSync;
  readonly #money: MoneySource;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#money = new MoneySource(db);
  }

  extension(): Extension {
    return apiRoute(
      'loupe-money-api',
      (url) => url.pathname.startsWith('/api/money/'),
      (req, res, url) => this.#handle(req, res, url),
    );
  }

  async #handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const match = PATH.exec(url.pathname);
    if (!match) return json(res, 404, { error: 'not-found', message: 'no such money endpoint' });
    if (req.method !== 'GET') return json(res, 405, { error: 'method-not-allowed' });
    const claims = await requireCaller(req, res, keyRingOf(this.#db), {
      capability: 'sell',
      forbidden: 'only staff who sell look up cards',
    });
    if (!claims) return;
    const typed = decodeURIComponent(match[1] ?? '');
    const number = canonicalCardNumber(typed);
    if (!number || !isValidCardNumber(number))
      return json(res, 400, {
        error: 'invalid-card-number',
        message: 'A card number is 12 digits with a check digit; check the number on the card.',
      });
    const card = this.#money.card(number);
    if (!card)
      return json(res, 404, {
        error: 'card-unknown',
        message: 'No gift card or store credit with this number is on record.',
      });
    json(res, 200, { card });
  }
}
