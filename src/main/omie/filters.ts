/** Our filters → Omie's request parameters (dd/mm/aaaa, hh:mm:ss Brasília, "S"/"N"). */
import { AppError } from '../../shared/errors';
import { dayToBr, isDay } from '../../shared/period';
import { toBrasilia } from './brasilia';
import type { ClientesFilters, ContasReceberFilters } from './types';

function instant(name: string, iso: string): number {
  const ms = Date.parse(iso);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso) || Number.isNaN(ms)) throw new AppError('bad_input', `${name} must be an ISO instant, got "${iso.slice(0, 40)}"`);
  return ms;
}

function day(name: string, value: string): string {
  if (!isDay(value)) throw new AppError('bad_input', `${name} must be a day YYYY-MM-DD, got "${value.slice(0, 40)}"`);
  return dayToBr(value);
}

function codigoNumber(name: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new AppError('bad_input', `${name} must be an Omie code, got "${value.slice(0, 40)}"`);
  return n;
}

export function clientesParams(f: ClientesFilters = {}): Record<string, unknown> {
  const p: Record<string, unknown> = { apenas_importado_api: 'N' };
  if (f.alteredSince !== undefined) {
    const b = toBrasilia(instant('alteredSince', f.alteredSince));
    p.filtrar_por_data_de = b.date;
    p.filtrar_por_hora_de = b.time;
  }
  if (f.alteredUntil !== undefined) {
    const b = toBrasilia(instant('alteredUntil', f.alteredUntil));
    p.filtrar_por_data_ate = b.date;
    p.filtrar_por_hora_ate = b.time;
  }
  if (f.onlyAltered) p.filtrar_apenas_alteracao = 'S';
  if (f.codigos && f.codigos.length > 0) {
    p.clientesPorCodigo = f.codigos.map((c) => ({ codigo_cliente_omie: codigoNumber('codigos', c) }));
  }
  return p;
}

export function contasReceberParams(f: ContasReceberFilters = {}): Record<string, unknown> {
  const p: Record<string, unknown> = {};
  if (f.emissaoDe !== undefined) p.filtrar_por_emissao_de = day('emissaoDe', f.emissaoDe);
  if (f.emissaoAte !== undefined) p.filtrar_por_emissao_ate = day('emissaoAte', f.emissaoAte);
  if (f.alteradoDe !== undefined) p.filtrar_por_data_de = day('alteradoDe', f.alteradoDe);
  if (f.alteradoAte !== undefined) p.filtrar_por_data_ate = day('alteradoAte', f.alteradoAte);
  if (f.cliente !== undefined) p.filtrar_cliente = codigoNumber('cliente', f.cliente);
  if (f.status !== undefined && f.status.trim() !== '') p.filtrar_por_status = f.status.trim();
  return p;
}
