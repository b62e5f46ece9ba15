/**
 * Omie keeps customers, suppliers and carriers in one register; the role is only a tag.
 * A record tagged Fornecedor/Transportadora and not Cliente is not a customer. A record with
 * no tags at all counts as a customer (many accounts never tag their customers).
 */
const CUSTOMER = 'cliente';
const OTHER_ROLES = new Map([
  ['fornecedor', 'Fornecedor'],
  ['transportadora', 'Transportadora'],
]);

function normalize(tag: string): string {
  if (tag === 'Cliente') return CUSTOMER; // the common case, without Unicode work
  return tag.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();
}

/** Why a record is not a customer ("not a customer (Fornecedor)"), or null when it is one. */
export function notACustomerReason(tags: readonly string[]): string | null {
  const normalized = tags.map(normalize);
  if (normalized.includes(CUSTOMER)) return null;
  const roles = [...new Set(normalized.map((t) => OTHER_ROLES.get(t)).filter((r): r is string => r !== undefined))];
  return roles.length > 0 ? `not a customer (${roles.join(', ')})` : null;
}

/** Tags as stored in clients.omie_tags: a comma list, or null when there are none. */
export function tagsToDb(tags: readonly string[]): string | null {
  const clean = tags.map((t) => t.trim()).filter((t) => t !== '');
  return clean.length > 0 ? clean.join(',') : null;
}
