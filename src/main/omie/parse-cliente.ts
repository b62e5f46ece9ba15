/** clientes_cadastro → OmieCliente: lenient reading, then a strict zod check. Bad records become skips. */
import { z } from 'zod';
import { instantFromBrasilia } from './brasilia';
import { CONTROL_CHARS, asObject, cidadeUf, codigo, document, firstIssue, flag, isoInstantSchema, rawExcerpt, text, type Parsed } from './lenient';
import type { Scrub } from './secret';
import type { OmieCliente } from './types';

const MAX_NAME_LENGTH = 500;

const optionalText = z.string().min(1).nullable();

const nameText = z
  .string()
  .min(1, 'no razao_social nor nome_fantasia')
  .max(MAX_NAME_LENGTH, `name longer than ${MAX_NAME_LENGTH} characters`)
  .refine((s) => !CONTROL_CHARS.test(s), 'name contains control characters');

const OmieClienteSchema = z.strictObject({
  codigoClienteOmie: z.string().regex(/^[1-9]\d*$/),
  codigoClienteIntegracao: optionalText,
  razaoSocial: nameText.nullable(),
  nomeFantasia: nameText.nullable(),
  name: nameText,
  document: z.string().regex(/^[0-9A-Z]{11,14}$/).nullable(),
  email: optionalText,
  inativo: z.boolean(),
  tags: z.array(z.string().min(1)),
  pessoaFisica: z.boolean().nullable(),
  cidade: optionalText,
  uf: z.string().regex(/^[A-Z]{2}$/).nullable(),
  includedAt: isoInstantSchema,
  alteredAt: isoInstantSchema,
}) satisfies z.ZodType<OmieCliente>;

export function parseCliente(raw: unknown, scrub: Scrub): Parsed<OmieCliente> {
  const r = asObject(raw);
  const omieCodigo = r ? codigo(r.codigo_cliente_omie) : null;
  const skip = (reason: string): Parsed<OmieCliente> => ({
    ok: false,
    skipped: { omieCodigo, reason: scrub(reason), excerpt: rawExcerpt(raw, scrub) },
  });
  if (!r) return skip('record is not an object');
  if (omieCodigo === null) return skip('missing or invalid codigo_cliente_omie');

  const doc = document(r.cnpj_cpf);
  if (!doc.ok) return skip(doc.reason);
  const razaoSocial = text(r.razao_social);
  const nomeFantasia = text(r.nome_fantasia);
  const info = asObject(r.info) ?? {};
  const { cidade, uf } = cidadeUf(r.cidade, r.estado);
  const tags = Array.isArray(r.tags)
    ? r.tags.map((t) => text(asObject(t)?.tag ?? t)).filter((t): t is string => t !== null)
    : [];

  const candidate: OmieCliente = {
    codigoClienteOmie: omieCodigo,
    codigoClienteIntegracao: text(r.codigo_cliente_integracao),
    razaoSocial,
    nomeFantasia,
    name: razaoSocial ?? nomeFantasia ?? '',
    document: doc.document,
    email: text(r.email),
    inativo: flag(r.inativo) === true,
    tags,
    pessoaFisica: flag(r.pessoa_fisica),
    cidade,
    uf,
    includedAt: brasiliaInstant(info.dInc, info.hInc),
    alteredAt: brasiliaInstant(info.dAlt, info.hAlt),
  };
  const checked = OmieClienteSchema.safeParse(candidate);
  if (!checked.success) return skip(firstIssue(checked.error));
  // the schema transforms nothing: the checked candidate is the record (zod's copy would be garbage)
  return { ok: true, record: candidate };
}

const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const DAY_MS = 86_400_000;
/** Per Omie date text: the instant of its 00:00:00, or null when the day is not usable from the cache. */
const dayStarts = new Map<string, number | null>();
const MAX_CACHED_DAYS = 20_000;

/**
 * instantFromBrasilia, with the zone arithmetic done once per date instead of once per record
 * (it dominated the parse). Only days whose offset is the same at 00:00:00 and 23:59:59 are taken
 * from the cache (offsets change at most once a day); any other day, or an unusual input, goes
 * through instantFromBrasilia itself, so the answer is always the same.
 */
function brasiliaInstant(date: unknown, time: unknown): string | null {
  if (typeof date !== 'string') return instantFromBrasilia(date, time);
  let start = dayStarts.get(date);
  if (start === undefined) {
    const first = instantFromBrasilia(date, '00:00:00');
    const last = instantFromBrasilia(date, '23:59:59');
    const a = first === null ? Number.NaN : Date.parse(first);
    const b = last === null ? Number.NaN : Date.parse(last);
    start = b - a === DAY_MS - 1000 ? a : null;
    if (dayStarts.size >= MAX_CACHED_DAYS) dayStarts.clear();
    dayStarts.set(date, start);
  }
  if (start === null) return instantFromBrasilia(date, time);
  if (typeof time !== 'string' || time.trim() === '') return new Date(start).toISOString();
  const m = TIME.exec(time.trim());
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = Number(m[3] ?? 0);
  if (hour > 23 || minute > 59 || second > 59) return null;
  return new Date(start + hour * 3_600_000 + minute * 60_000 + second * 1000).toISOString();
}
