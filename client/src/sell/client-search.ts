/** Finding a client at the counter by any part of name, phone or e-mail; phone digits match loosely. */
import type { ClientView } from '../local/records.ts';

const digits = (s: string) => s.replace(/\D/g, '');

export function searchClients(clients: Record<string, ClientView>, query: string, limit = 8): ClientView[] {
  const q = query.trim().toLowerCase();
  if (q.length < 2) return [];
  const qd = digits(q);
  const out: ClientView[] = [];
  for (const c of Object.values(clients)) {
    const hit =
      c.name.toLowerCase().includes(q) ||
      c.email.toLowerCase().includes(q) ||
      (qd.length >= 3 && digits(c.phone).includes(qd));
    if (hit) out.push(c);
  }
  return out.sort((a, b) => a.name.localeCompare(b.name)).slice(0, limit);
}
