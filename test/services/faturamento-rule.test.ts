import { describe, expect, it } from 'vitest';
import { faturamentoByMonth, faturamentoDay, isCancelado, type TituloFaturavel } from '../../src/main/services/faturamento-rule';
import { titulosListings } from '../../src/main/services/faturamento-titulos';

let next = 1;
function titulo(p: Partial<TituloFaturavel>): TituloFaturavel {
  return {
    codigoLancamentoOmie: String(next++),
    codigoClienteOmie: '100',
    valorDocumento: 100n,
    dataEmissao: null,
    dataRegistro: null,
    dataVencimento: null,
    status: 'A VENCER',
    ...p,
  };
}

describe('the faturamento rule', () => {
  it('places a title by emissão, else registro, else vencimento', () => {
    expect(faturamentoDay({ dataEmissao: '2026-10-31', dataRegistro: '2026-09-01', dataVencimento: '2026-11-15' })).toBe('2026-10-31');
    expect(faturamentoDay({ dataEmissao: null, dataRegistro: '2026-09-01', dataVencimento: '2026-11-15' })).toBe('2026-09-01');
    expect(faturamentoDay({ dataEmissao: null, dataRegistro: null, dataVencimento: '2026-11-15' })).toBe('2026-11-15');
    expect(faturamentoDay({ dataEmissao: null, dataRegistro: null, dataVencimento: null })).toBeNull();
  });

  it('excludes CANCELADO however it is spaced or cased, and nothing else', () => {
    expect(isCancelado('CANCELADO')).toBe(true);
    expect(isCancelado(' cancelado ')).toBe(true);
    expect(isCancelado('RECEBIDO')).toBe(false);
    expect(isCancelado('')).toBe(false);
  });

  it('sums per customer in cents; the latest copy of a repeated title wins; undated titles never count', () => {
    const a = titulo({ codigoClienteOmie: '1', dataEmissao: '2026-10-01', valorDocumento: 10n });
    const months = faturamentoByMonth(
      [
        a,
        titulo({ codigoClienteOmie: '1', dataRegistro: '2026-10-31', valorDocumento: 1n }),
        titulo({ codigoClienteOmie: '2', dataVencimento: '2026-10-15', valorDocumento: 7n }),
        titulo({ codigoClienteOmie: '2', dataEmissao: '2026-11-01', valorDocumento: 1000n }),
        titulo({ codigoClienteOmie: '3', dataEmissao: '2026-10-02', valorDocumento: 5n, status: 'CANCELADO' }),
        titulo({ codigoClienteOmie: '4', valorDocumento: 9n }),
        { ...a, valorDocumento: 20n },
      ],
      ['2026-10', '2026-12'],
    );
    const oct = months.get('2026-10')!;
    expect([...oct.byOmieCodigo].sort()).toEqual([
      ['1', 21n],
      ['2', 7n],
    ]);
    expect(oct.titles).toBe(3);
    expect(oct.total).toBe(28n);
    expect(months.get('2026-12')).toMatchObject({ titles: 0, total: 0n });
    expect(months.has('2026-11')).toBe(false);
  });
});

describe('what is asked of Omie', () => {
  it('an emissão window widened by 7 days, then an alteration window for undated titles', () => {
    expect(titulosListings({ periods: ['2026-10'] }, '2026-11-10')).toEqual([
      { emissaoDe: '2026-09-24', emissaoAte: '2026-11-07' },
      { alteradoDe: '2026-07-01', alteradoAte: '2026-11-11' },
    ]);
    expect(titulosListings({ periods: ['2026-12', '2026-02'] }, '2027-01-05')[0]).toEqual({ emissaoDe: '2026-01-25', emissaoAte: '2027-01-07' });
  });

  it('one customer or a full scan: a single listing without dates', () => {
    expect(titulosListings({ periods: ['2026-10'], cliente: '123' }, '2026-11-10')).toEqual([{ cliente: '123' }]);
    expect(titulosListings({ periods: ['2026-10'], fullScan: true }, '2026-11-10')).toEqual([{}]);
  });
});
