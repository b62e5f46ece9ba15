/** conta_receber_cadastro → OmieTitulo: lenient reading, then a strict zod check. Bad records become skips. */
import { z } from 'zod';
import { moneyFromNumber, parseMoney, type Money } from '../../shared/money';
import { dayFromBr, isDay } from '../../shared/period';
import { instantFromBrasilia } from './brasilia';
import { asObject, codigo, firstIssue, isoInstantSchema, rawExcerpt, text, type Parsed } from './lenient';
import type { Scrub } from './secret';
import type { OmieTitulo } from './types';

const day = z.string().refine(isDay, 'not a calendar day').nullable();
const optionalText = z.string().min(1).nullable();

const OmieTituloSchema = z.strictObject({
  codigoLancamentoOmie: z.string().regex(/^[1-9]\d*$/),
  codigoClienteOmie: z.string().regex(/^[1-9]\d*$/),
  valorDocumento: z.bigint(),
  dataEmissao: day,
  dataRegistro: day,
  dataVencimento: day,
  status: z.string(),
  numeroDocumento: optionalText,
  numeroParcela: optionalText,
  alteredAt: isoInstantSchema,
}) satisfies z.ZodType<OmieTitulo>;

/** valor_documento: a JSON number (7.7, 799) or, leniently, a decimal string ("7.70"). */
export function amount(v: unknown): Money | null {
  try {
    if (typeof v === 'number') return Number.isFinite(v) ? moneyFromNumber(v) : null;
    if (typeof v === 'string' && v.trim() !== '') return parseMoney(v.trim());
  } catch {
    return null;
  }
  return null;
}

const dayOf = (v: unknown) => (typeof v === 'string' ? dayFromBr(v) : null);

export function parseTitulo(raw: unknown, scrub: Scrub): Parsed<OmieTitulo> {
  const r = asObject(raw);
  const omieCodigo = r ? codigo(r.codigo_lancamento_omie) : null;
  const skip = (reason: string): Parsed<OmieTitulo> => ({
    ok: false,
    skipped: { omieCodigo, reason: scrub(reason), excerpt: rawExcerpt(raw, scrub) },
  });
  if (!r) return skip('record is not an object');
  if (omieCodigo === null) return skip('missing or invalid codigo_lancamento_omie');
  const cliente = codigo(r.codigo_cliente_fornecedor);
  if (cliente === null) return skip('missing or invalid codigo_cliente_fornecedor');
  const valor = amount(r.valor_documento);
  if (valor === null) return skip(`valor_documento is not an amount (${String(JSON.stringify(r.valor_documento) ?? 'absent').slice(0, 30)})`);
  const info = asObject(r.info) ?? {};

  const candidate: OmieTitulo = {
    codigoLancamentoOmie: omieCodigo,
    codigoClienteOmie: cliente,
    valorDocumento: valor,
    dataEmissao: dayOf(r.data_emissao),
    dataRegistro: dayOf(r.data_registro),
    dataVencimento: dayOf(r.data_vencimento),
    status: text(r.status_titulo)?.toUpperCase() ?? '',
    numeroDocumento: text(r.numero_documento),
    numeroParcela: text(r.numero_parcela),
    alteredAt: instantFromBrasilia(info.dAlt, info.hAlt),
  };
  const checked = OmieTituloSchema.safeParse(candidate);
  if (!checked.success) return skip(firstIssue(checked.error));
  // the schema transforms nothing: the checked candidate is the record (zod's copy would be garbage)
  return { ok: true, record: candidate };
}
