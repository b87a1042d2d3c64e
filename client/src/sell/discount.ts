/** Discounts are typed as a percentage at the counter and travel as basis points. */

/** "12.5" → 1250 basis points; anything else → undefined. */
export const percentToBasisPoints = (text: string): number | undefined => {
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : undefined;
};
