/** clientes_cadastro → OmieCliente: lenient reading, then a strict zod check. Bad records become skips. */
import { z } from 'zod';
import { brasiliaInstant } from './brasilia-instants';
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
