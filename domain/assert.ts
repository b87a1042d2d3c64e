/** Thrown only for programming errors: states the code believes cannot happen. */
export class AssertionError extends Error {
  override name = 'AssertionError';
}

export function assert(condition: unknown, message = 'assertion failed'): asserts condition {
  if (!condition) throw new AssertionError(message);
}

/** Returns the value or throws if it is null/undefined. */
export function must<T>(value: T | null | undefined, message = 'unexpected empty value'): T {
  if (value === null || value === undefined) throw new AssertionError(message);
  return value;
}

/** Ends every `switch` over a union so a new member is a compile error. */
export function unreachable(value: never, message = 'unreachable'): never {
  throw new AssertionError(`${message}: ${JSON.stringify(value)}`);
}
