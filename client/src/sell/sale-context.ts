import { createContext, useContext } from 'solid-js';
import { must } from '../../../domain/assert.ts';
import type { SaleDraft } from './sale-draft.ts';

/** The cart lives above the routes so a glance at inventory does not empty it. */
export const SaleContext = createContext<SaleDraft>();
export const useSale = (): SaleDraft => must(useContext(SaleContext), 'useSale outside SaleContext');
