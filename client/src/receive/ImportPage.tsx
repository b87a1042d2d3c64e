/**
 * Bulk import from a CSV or spreadsheet export (IMPORT-*): choose the file, map its columns (guessed
 * from the headers), see a preview and every row's problem in words, then send the good rows as
 * `piece.import` parts through the outbox. Nothing is stock until the relay accepts the last part,
 * and then all of it is (IMPORT-2); a re-import of the same file skips what is already here (IMPORT-3).
 */
import { A } from '@solidjs/router';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { newImportId } from '../../../domain/ids.ts';
import { currency as toCurrency } from '../../../domain/money.ts';
import { can, type Role } from '../../../domain/roles.ts';
import { outcomeText } from '../../../sync/shared/outcome-codes.ts';
import {
  type ColumnMapping,
  type CsvTable,
  describeSource,
  FIELD_WORDS,
  guessMapping,
  IMPORT_FIELDS,
  type ImportField,
  importParts,
  planImport,
  REQUIRED_FIELDS,
  readCsv,
  unmappedRequired,
} from '../../../sync/shared/piece-import.ts';
import { useApp } from '../app-state.ts';
import { fmt } from '../format.ts';
import { appendCommand, stateOf } from '../local/outbox.ts';
import { R } from './strings.ts';

const PREVIEW_ROWS = 8;
const SHOWN_ERRORS = 50;

export function ImportPage() {
  const app = useApp();
  const role = () => (app.session()?.user.role ?? 'associate') as Role;
  const [file, setFile] = createSignal<{ name: string; text: string; table: CsvTable }>();
  const [mapping, setMapping] = createSignal<ColumnMapping>({});
  const [sent, setSent] = createSignal<{ ids: string[]; pieces: number }>();

  const plan = createMemo(() => {
    const f = file();
    const d = app.data();
    if (!f || !d || unmappedRequired(mapping()).length > 0) return undefined;
    return planImport(f.table, mapping(), {
      store: d.store,
      currency: toCurrency(d.storeInfo()?.currency ?? 'EUR'),
      known: (serial) => (d.pieces[serial] || d.stock[serial] ? 'here' : undefined),
    });
  });

  const choose = async (input: HTMLInputElement) => {
    const f = input.files?.[0];
    if (!f) return;
    const text = await f.text();
    const table = readCsv(text);
    setFile({ name: f.name, text, table });
    setMapping(guessMapping(table.headers));
    setSent(undefined);
  };

  const start = async () => {
    const d = app.data();
    const f = file();
    const p = plan();
    if (!d || !f || !p || p.pieces.length === 0) return;
    const source = await describeSource(f.name, f.text);
    const ids: string[] = [];
    for (const part of importParts(newImportId(), source, p.pieces))
      ids.push(appendCommand(d.outbox, app.actor(), 'piece.import', part).id);
    setSent({ ids, pieces: p.pieces.length });
  };

  /** Parts decided so far, and the refusal if any: the progress bar follows the relay's outcomes. */
  const progress = createMemo(() => {
    const s = sent();
    if (!s) return undefined;
    const outcomes = app.data()?.outcomes() ?? {};
    let decided = 0;
    let refused: string | undefined;
    for (const id of s.ids) {
      const state = stateOf(id, outcomes);
      if (state === 'pending') continue;
      decided++;
      if (state === 'rejected' && !refused) refused = outcomeText(outcomes[id] ?? {});
    }
    return { decided, total: s.ids.length, refused, done: decided === s.ids.length && !refused };
  });

  const label = (f: ImportField) => `${FIELD_WORDS[f] ?? f}${REQUIRED_FIELDS.includes(f) ? ' *' : ''}`;

  return (
    <div class="import">
      <h1>{R.importTitle}</h1>
      <Show when={can(role(), 'receive-stock')} fallback={<p class="notice">{R.managersOnly}</p>}>
        <p>
          <A href="/receive" class="link">
            {R.toReceive}
          </A>
        </p>
        <label>
          {R.file}
          <input
            type="file"
            accept=".csv,text/csv,text/plain"
            data-testid="import-file"
            onChange={(e) => void choose(e.currentTarget)}
          />
        </label>
        <Show when={file()}>
          {(f) => (
            <>
              <fieldset class="import-mapping">
                <legend>{R.mapping}</legend>
                <p class="muted">{R.mappingHelp}</p>
                <div class="mapping-grid">
                  <For each={IMPORT_FIELDS}>
                    {(field) => (
                      <label>
                        {label(field)}
                        <select
                          data-testid={`map-${field}`}
                          value={mapping()[field] ?? ''}
                          onChange={(e) => {
                            const v = e.currentTarget.value;
                            setMapping((m) => {
                              const next = { ...m };
                              if (v) next[field] = v;
                              else delete next[field];
                              return next;
                            });
                          }}
                        >
                          <option value="">{R.notInFile}</option>
                          <For each={f().table.headers}>{(h) => <option value={h}>{h}</option>}</For>
                        </select>
                      </label>
                    )}
                  </For>
                </div>
              </fieldset>
              <Show when={unmappedRequired(mapping()).length > 0}>
                <p class="error" role="alert">
                  {R.needColumns(
                    unmappedRequired(mapping())
                      .map((x) => FIELD_WORDS[x] ?? x)
                      .join(', '),
                  )}
                </p>
              </Show>
              <Show when={plan()}>
                {(p) => (
                  <section aria-label={R.preview}>
                    <h2>{R.preview}</h2>
                    <p data-testid="import-summary">
                      {R.summary(p().pieces.length, p().errors.length, p().alreadyHere.length)}
                    </p>
                    <table class="import-preview">
                      <caption>{R.previewRows(Math.min(PREVIEW_ROWS, p().pieces.length))}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{R.serial}</th>
                          <th scope="col">{R.pieceTitle}</th>
                          <th scope="col">{R.metal}</th>
                          <th scope="col">{R.weight}</th>
                          <th scope="col">{R.listPrice}</th>
                          <th scope="col">{R.locationLabel}</th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={p().pieces.slice(0, PREVIEW_ROWS)}>
                          {(piece) => (
                            <tr>
                              <td>{piece.serial}</td>
                              <td>{piece.title}</td>
                              <td>
                                {[piece.metal.replaceAll('-', ' '), piece.karat ? `${piece.karat}k` : '']
                                  .filter(Boolean)
                                  .join(' ')}
                              </td>
                              <td class="num">{(piece.weightMg / 1000).toFixed(2)}</td>
                              <td class="num">{fmt(piece.listPrice)}</td>
                              <td>{piece.location.label}</td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                    <Show when={p().errors.length > 0}>
                      <h3>{R.rowErrors}</h3>
                      <ul
                        class="row-errors"
                        data-testid="import-errors"
                        tabindex="0"
                        aria-label={R.rowErrors}
                      >
                        <For each={p().errors.slice(0, SHOWN_ERRORS)}>{(e) => <li>{e.message}</li>}</For>
                        <Show when={p().errors.length > SHOWN_ERRORS}>
                          <li>{R.moreErrors(p().errors.length - SHOWN_ERRORS)}</li>
                        </Show>
                      </ul>
                    </Show>
                    <Show when={!sent()}>
                      <Show when={p().pieces.length > 0} fallback={<p class="notice">{R.nothingToDo}</p>}>
                        <button
                          type="button"
                          class="primary"
                          data-testid="import-start"
                          onClick={() => void start()}
                        >
                          {R.start(p().pieces.length)}
                        </button>
                      </Show>
                    </Show>
                  </section>
                )}
              </Show>
              <Show when={progress()}>
                {(g) => (
                  <section aria-live="polite">
                    <div
                      class="first-sync import-progress"
                      role="progressbar"
                      aria-label={R.progress}
                      aria-valuemin="0"
                      aria-valuemax={g().total}
                      aria-valuenow={g().decided}
                      data-testid="import-progress"
                    >
                      <div
                        class="bar"
                        style={{ width: `${Math.round((g().decided / Math.max(1, g().total)) * 100)}%` }}
                      />
                      <span>{R.sent(g().total)}</span>
                    </div>
                    <Show when={g().refused}>
                      <p class="error" role="alert" data-testid="import-failed">
                        {R.failed(g().refused ?? '')}
                      </p>
                    </Show>
                    <Show when={g().done}>
                      <p data-testid="import-done">{R.done(sent()?.pieces ?? 0)}</p>
                    </Show>
                  </section>
                )}
              </Show>
            </>
          )}
        </Show>
      </Show>
    </div>
  );
}
