/**
 * What the tests of the relay's mail share (MAIL-* work-order links, DUEMAIL-* instalment
 * reminders): a real SMTP server per test, and a demo client given an e-mail address and an
 * e-mail consent through a till. Holds no tests itself (vitest excludes *.support.test.ts).
 */
import { afterEach, expect } from 'vitest';
import { type SmtpService, startSmtp } from '../../scripts/test-services.ts';
import type { OpenDocument } from '../shared/device-client.ts';
import { names } from '../shared/doc-names.ts';
import { readClient, setClientConsent, writeClient } from '../shared/docs/clients.ts';
import type { Till } from './relay-per-test.support.test.ts';
import type { TestRelay } from './test-utils.ts';

/**
 * Call at the top level of a test file, before `closeAfterEach()`: hooks run in reverse, so each
 * test's relay is gone before its SMTP server stops. Returns the start of the test's server.
 */
export function smtpPerTest(): () => Promise<SmtpService> {
  let smtp: SmtpService | undefined;
  afterEach(async () => {
    await smtp?.stop();
    smtp = undefined;
  });
  return async () => {
    smtp = await startSmtp();
    return smtp;
  };
}

/**
 * The `index`th demo client of the till's store, given `email` and e-mail consent as said, from
 * the till; resolves once the relay's copy holds the consent.
 */
export async function clientWithEmail(
  r: TestRelay,
  till: Pick<Till, 'device' | 'store'>,
  opts: { email: string; consent: boolean; index?: number },
): Promise<{ clientId: string; book: OpenDocument }> {
  const { store, device } = till;
  const { email, consent, index = 0 } = opts;
  const clientId = r.demo.clientIds[store]?.[index];
  if (!clientId) throw new Error('no demo client');
  const book = device.open(names.clients(store));
  await book.synced;
  const c = readClient(book.doc, clientId);
  if (!c) throw new Error('demo client unreadable');
  writeClient(book.doc, { ...c, contacts: { ...c.contacts, emails: [email] } });
  setClientConsent(book.doc, clientId, 'email', { granted: consent, date: '2026-03-01' });
  await expect
    .poll(() => {
      const doc = r.hocuspocus.documents.get(names.clients(store));
      return doc ? readClient(doc, clientId)?.consent.email?.granted : undefined;
    })
    .toBe(consent);
  return { clientId, book };
}
