/**
 * Pairing (BRIDGE-3…5): the bridge shows a one-time numeric code on its console; the app trades
 * it for a long-lived token. Only a SHA-256 of each token is stored, so a copied state file does
 * not let anyone connect. A code works once, expires, and burns after a few wrong guesses.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { array, integer, object, optional, string } from '../domain/parse.ts';
import { err, ok, type Result } from '../domain/result.ts';

export type PairError = { readonly code: 'invalid-code' | 'expired-code'; readonly message: string };
export type PairingCode = { readonly code: string; readonly expiresAt: number };

const parseStore = object({
  tokens: array(
    object({ hash: string({ pattern: /^[0-9a-f]{64}$/ }), createdAt: integer(), label: optional(string()) }),
    {
      max: 10_000,
    },
  ),
});
type Store = { tokens: { hash: string; createdAt: number; label?: string }[] };

const sha256 = (s: string): Buffer => createHash('sha256').update(s).digest();

export type PairingOptions = {
  readonly stateDir: string;
  readonly codeDigits?: number;
  readonly codeTtlMs?: number;
  readonly maxAttempts?: number;
  readonly now?: () => number;
  readonly onNewCode?: (code: PairingCode) => void;
  /** Issue a new code once one is used (not when one expires or burns: that needs a restart). */
  readonly renewAfterUse?: boolean;
};

export class Pairing {
  readonly #o: Required<Omit<PairingOptions, 'onNewCode'>> & Pick<PairingOptions, 'onNewCode'>;
  #code: (PairingCode & { attempts: number }) | undefined;
  #store: Store = { tokens: [] };

  private constructor(options: PairingOptions) {
    this.#o = {
      codeDigits: 8,
      codeTtlMs: 10 * 60_000,
      maxAttempts: 5,
      now: Date.now,
      renewAfterUse: false,
      ...options,
    };
  }

  static async open(options: PairingOptions): Promise<Pairing> {
    const p = new Pairing(options);
    await mkdir(options.stateDir, { recursive: true });
    try {
      const parsed = parseStore(JSON.parse(await readFile(p.#file, 'utf8')));
      if (parsed.ok) p.#store = parsed.value;
    } catch {
      // no file yet: nothing paired
    }
    return p;
  }

  get #file(): string {
    return join(this.#o.stateDir, 'tokens.json');
  }

  /** Issues a fresh code, replacing any previous one. */
  newCode(): PairingCode {
    const digits = this.#o.codeDigits;
    const code = String(randomInt(0, 10 ** digits)).padStart(digits, '0');
    this.#code = { code, expiresAt: this.#o.now() + this.#o.codeTtlMs, attempts: 0 };
    this.#o.onNewCode?.({ code, expiresAt: this.#code.expiresAt });
    return { code, expiresAt: this.#code.expiresAt };
  }

  async exchange(code: string, label?: string): Promise<Result<{ token: string }, PairError>> {
    const current = this.#code;
    if (!current)
      return err({ code: 'invalid-code', message: 'no pairing code is active; restart the bridge' });
    if (this.#o.now() > current.expiresAt) {
      this.#code = undefined;
      return err({ code: 'expired-code', message: 'the pairing code has expired' });
    }
    const a = sha256(code);
    if (!timingSafeEqual(a, sha256(current.code))) {
      current.attempts += 1;
      if (current.attempts >= this.#o.maxAttempts) this.#code = undefined;
      return err({ code: 'invalid-code', message: 'wrong pairing code' });
    }
    this.#code = undefined; // one use only; the next device gets a fresh code
    if (this.#o.renewAfterUse) this.newCode();
    const token = randomBytes(32).toString('base64url');
    this.#store.tokens.push({
      hash: sha256(token).toString('hex'),
      createdAt: this.#o.now(),
      ...(label ? { label } : {}),
    });
    await this.#save();
    return ok({ token });
  }

  verify(token: string | null | undefined): boolean {
    if (!token) return false;
    const h = sha256(token);
    let found = false;
    for (const t of this.#store.tokens) found = timingSafeEqual(h, Buffer.from(t.hash, 'hex')) || found;
    return found;
  }

  async #save(): Promise<void> {
    const tmp = `${this.#file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(this.#store, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, this.#file);
  }
}
