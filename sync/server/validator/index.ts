/**
 * The relay with its validator: what `npm start`, the tests and the benchmarks run.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Extension } from '@hocuspocus/server';
import { AuditApi } from '../audit-api.ts';
import type { DocumentStore } from '../document-store.ts';
import { InstalmentReminders } from '../instalment-reminders.ts';
import { createRelay, type Relay, type RelayOptions } from '../relay.ts';
import { ReportsApi } from '../reports/reports-api.ts';
import { AttachmentsApi } from './attachments-api.ts';
import { BackofficeApi } from './backoffice-api.ts';
import { ClientDirectory } from './client-directory.ts';
import { clientSearchExtensions } from './client-search-api.ts';
import { ClientelingApi } from './clienteling-api.ts';
import { ClientsApi } from './clients-api.ts';
import { ConflictsApi } from './conflicts-api.ts';
import { CommandDecider } from './decider.ts';
import { seedDemoHistory } from './demo-history.ts';
import { EndOfDayApi } from './end-of-day-api.ts';
import { ValidatorExtension, type ValidatorOptions } from './extension.ts';
import { MoneyApi } from './money-api.ts';
import { validatorMigrations } from './schema.ts';
import { workExtensions } from './work-api.ts';
import { CommandWriters, WriterExtension } from './writers.ts';

export type ValidatingRelay = Relay & { validator: ValidatorExtension };

/** The validator and its HTTP endpoint, built on the relay's database. */
export function validatorExtensions(
  db: DatabaseSync,
  documents: DocumentStore,
  options: ValidatorOptions = {},
): [ValidatorExtension, ...Extension[]] {
  return [
    new ValidatorExtension(db, documents, options),
    new WriterExtension(new CommandWriters(db)),
    // HTTP APIs over the validator's SQL, one module each (the pattern: sync/server/http-io.ts).
    new ConflictsApi(db).extension(),
    new BackofficeApi(db).extension(),
    new ClientDirectory(db).extension(),
    new ClientsApi(db).extension(),
    new ClientelingApi(db).extension(),
    ...clientSearchExtensions(db, documents),
    ...workExtensions(db, options.mail),
    new MoneyApi(db).extension(),
    new AttachmentsApi(db).extension(),
    new ReportsApi(db).extension(),
    new AuditApi(db).extension(),
    new EndOfDayApi(db).extension(),
    new InstalmentReminders(db, options.reminders).extension(),
  ];
}

export async function startRelay(
  options: Omit<RelayOptions, 'extensions'> & {
    validator?: ValidatorOptions;
    /** With a freshly seeded demo, add a few weeks of decided commands (default true). */
    demoHistory?: boolean;
  } = {},
): Promise<ValidatingRelay> {
  const { validator: validatorOptions, demoHistory: _history, ...relayOptions } = options;
  let validator: ValidatorExtension | undefined;
  const relay = await createRelay({
    ...relayOptions,
    migrations: [...validatorMigrations, ...(relayOptions.migrations ?? [])],
    extensions: (db, documents) => {
      const extensions = validatorExtensions(db, documents, validatorOptions);
      validator = extensions[0];
      return extensions;
    },
  });
  if (!validator) throw new Error('relay did not build its extensions');
  const v = validator;
  if (relay.demo && options.demoHistory !== false)
    await seedDemoHistory(
      relay.db,
      relay.hocuspocus,
      // The demo's history is made by the relay itself, not read from a device's outbox.
      new CommandDecider(relay.db, { attribution: 'envelope' }),
      v.projector,
      relay.demo,
    );
  // The demo's history was decided beside the validator: its figures are published once, now.
  if (relay.demo && options.demoHistory !== false) await v.reports.publishAll();
  const destroyRelay = relay.destroy;
  return {
    ...relay,
    validator: v,
    async destroy() {
      await v.stop();
      await destroyRelay();
    },
  };
}

export { type Conflict, ConflictsApi } from './conflicts-api.ts';
export { CommandDecider, type Decision } from './decider.ts';
export { ValidatorExtension } from './extension.ts';
export { validatorMigrations } from './schema.ts';
