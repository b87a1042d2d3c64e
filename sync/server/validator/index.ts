/**
 * The relay with its validator: what `npm start`, the tests and the benchmarks run.
 */
import { createRelay, type Relay, type RelayOptions } from '../relay.ts';
import { ValidatorExtension, type ValidatorOptions } from './extension.ts';
import { validatorMigrations } from './schema.ts';

export type ValidatingRelay = Relay & { validator: ValidatorExtension };

export async function startRelay(
  options: Omit<RelayOptions, 'extensions'> & { validator?: ValidatorOptions } = {},
): Promise<ValidatingRelay> {
  const { validator: validatorOptions, ...relayOptions } = options;
  let validator: ValidatorExtension | undefined;
  const relay = await createRelay({
    ...relayOptions,
    migrations: [...validatorMigrations, ...(relayOptions.migrations ?? [])],
    extensions: (db) => {
      validator = new ValidatorExtension(db, validatorOptions);
      return [validator];
    },
  });
  if (!validator) throw new Error('relay did not build its extensions');
  const v = validator;
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

export { CommandDecider, type Decision } from './decider.ts';
export { ValidatorExtension } from './extension.ts';
export { validatorMigrations } from './schema.ts';
