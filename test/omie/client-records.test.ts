/**
 * Records as Omie may really send them — numbers as strings, "" and absent fields, S/N flags,
 * formatted documents, impossible dates — parsed leniently; unusable ones skipped with a reason.
 */
import { describe, expect, it } from 'vitest';
import type { OmieCliente, OmieTitulo, SkippedRecord } from '../../src/main/omie';
import { APP_SECRET, pages, useSim } from './sim-harness';

describe('Omie record parsing over HTTP', () => {
  const h = useSim({ clients: 8, months: 1 });

  async function listClientes() {
    const got = await pages(h.client({ pageSize: 500 }).listarClientes());
    return { records: got.flatMap((p) => p.records), skipped: got.flatMap((p) => p.skipped) };
  }
  async function listTitulos() {
    const got = await pages(h.client({ pageSize: 500 }).listarContasReceber());
    return { records: got.flatMap((p) => p.records), skipped: got.flatMap((p) => p.skipped) };
  }
  const cliente = (records: OmieCliente[], code: string) => records.find((r) => r.codigoClienteOmie === code);
  const titulo = (records: OmieTitulo[], code: string) => records.find((r) => r.codigoLancamentoOmie === code);
  const reasonOf = (skipped: SkippedRecord[], code: string | null) => skipped.find((s) => s.omieCodigo === code)?.reason;

  it('customers: lenient where Omie is loose, skips what cannot be used', async () => {
    const c = h.sim.control;
    c.addRawCliente({
      codigo_cliente_omie: '9000000001', // a numeric string
      razao_social: '',
      nome_fantasia: '  Só Fantasia  ',
      cnpj_cpf: '52998224725', // unformatted valid CPF
      inativo: '',
      pessoa_fisica: '',
      cidade: 'RIO DE JANEIRO (RJ)',
      estado: '',
    });
    c.addRawCliente({
      codigo_cliente_omie: 9000000002,
      razao_social: 'Alfa Beta Comércio Ltda',
      cnpj_cpf: '11.222.333/0001-81',
      inativo: 'S',
      pessoa_fisica: 'N',
      email: '',
      tags: [{ tag: 'Cliente' }, { tag: '' }, 'Fornecedor'],
      info: { dInc: '15/10/2026', hInc: '', dAlt: '31/02/2026', hAlt: '10:00:00' },
    });
    c.addRawCliente({ codigo_cliente_omie: 9000000003, razao_social: 'Documento Ruim', cnpj_cpf: '11.222.333/0001-00' });
    c.addRawCliente({ codigo_cliente_omie: 9000000004, razao_social: 'CPF Ruim', cnpj_cpf: '123.456.789-00' });
    c.addRawCliente({ codigo_cliente_omie: 9000000005, razao_social: 'A'.repeat(501) });
    c.addRawCliente({ codigo_cliente_omie: 9000000006, razao_social: 'Controle\u0007 Ltda' });
    c.addRawCliente({ codigo_cliente_omie: 9000000007, razao_social: '', nome_fantasia: '' });
    c.addRawCliente({ codigo_cliente_omie: 9000000008, cnpj_cpf: '123', razao_social: `Vazou ${APP_SECRET}` });
    c.addRawCliente({ codigo_cliente_omie: 'abc', razao_social: 'Sem código numérico' });
    c.addRawCliente({ razao_social: 'Sem código' });

    const { records, skipped } = await listClientes();
    expect(cliente(records, '9000000001')).toEqual({
      codigoClienteOmie: '9000000001',
      codigoClienteIntegracao: null,
      razaoSocial: null,
      nomeFantasia: 'Só Fantasia',
      name: 'Só Fantasia',
      document: '52998224725',
      email: null,
      inativo: false,
      tags: [],
      pessoaFisica: null,
      cidade: 'RIO DE JANEIRO',
      uf: 'RJ',
      includedAt: null,
      alteredAt: null,
    });
    expect(cliente(records, '9000000002')).toMatchObject({
      name: 'Alfa Beta Comércio Ltda',
      document: '11222333000181',
      email: null,
      inativo: true,
      pessoaFisica: false,
      tags: ['Cliente', 'Fornecedor'],
      includedAt: '2026-10-15T03:00:00.000Z',
      alteredAt: null, // 31/02 does not exist
    });
    expect(reasonOf(skipped, '9000000003')).toMatch(/invalid CNPJ check digits/);
    expect(reasonOf(skipped, '9000000004')).toMatch(/invalid CPF check digits/);
    expect(reasonOf(skipped, '9000000005')).toMatch(/longer than 500/);
    expect(reasonOf(skipped, '9000000006')).toMatch(/control characters/);
    expect(reasonOf(skipped, '9000000007')).toMatch(/no razao_social nor nome_fantasia/);
    expect(reasonOf(skipped, '9000000008')).toMatch(/neither a CPF nor a CNPJ/);
    expect(skipped.filter((s) => s.omieCodigo === null).map((s) => s.reason)).toEqual([
      'missing or invalid codigo_cliente_omie',
      'missing or invalid codigo_cliente_omie',
    ]);
    expect(skipped).toHaveLength(8);
    for (const s of skipped) {
      expect(s.excerpt.length).toBeLessThanOrEqual(200);
      expect(s.excerpt).not.toContain(APP_SECRET);
    }
    expect(skipped.find((s) => s.omieCodigo === '9000000008')!.excerpt).toContain('[app_secret]');
    // The seeded records are all still there.
    expect(records).toHaveLength(h.sim.control.clientes().length - 10 + 2);
  });

  it('titles: amounts from numbers or decimal strings exact to the cent; unusable amounts and codes skipped', async () => {
    const c = h.sim.control;
    const owner = c.clientes()[0]!.codigo_cliente_omie;
    c.addRawTitulo({ codigo_lancamento_omie: '9100000001', codigo_cliente_fornecedor: String(owner), valor_documento: '1234.5', data_emissao: '', data_vencimento: '32/01/2026' });
    c.addRawTitulo({ codigo_lancamento_omie: 9100000002, codigo_cliente_fornecedor: owner, valor_documento: 0.1 + 0.2, data_emissao: '05/10/2026', status_titulo: 'recebido', numero_parcela: '001/003' });
    c.addRawTitulo({ codigo_lancamento_omie: 9100000003, codigo_cliente_fornecedor: owner, valor_documento: 'NaN' });
    c.addRawTitulo({ codigo_lancamento_omie: 9100000004, codigo_cliente_fornecedor: owner });
    c.addRawTitulo({ codigo_lancamento_omie: 9100000005, codigo_cliente_fornecedor: owner, valor_documento: 'abc' });
    c.addRawTitulo({ codigo_lancamento_omie: 9100000006, valor_documento: 10 });
    c.addRawTitulo({ codigo_lancamento_omie: 9100000007, codigo_cliente_fornecedor: owner, valor_documento: '1.005' });
    c.addRawTitulo({ codigo_cliente_fornecedor: owner, valor_documento: 10 });

    const { records, skipped } = await listTitulos();
    expect(titulo(records, '9100000001')).toEqual({
      codigoLancamentoOmie: '9100000001',
      codigoClienteOmie: String(owner),
      valorDocumento: 123450n,
      dataEmissao: null,
      dataRegistro: null,
      dataVencimento: null,
      status: '',
      numeroDocumento: null,
      numeroParcela: null,
      alteredAt: null,
    });
    expect(titulo(records, '9100000002')).toMatchObject({ valorDocumento: 30n, dataEmissao: '2026-10-05', status: 'RECEBIDO', numeroParcela: '001/003' });
    expect(reasonOf(skipped, '9100000003')).toMatch(/valor_documento is not an amount/);
    expect(reasonOf(skipped, '9100000004')).toMatch(/valor_documento is not an amount \(absent\)/);
    expect(reasonOf(skipped, '9100000005')).toMatch(/valor_documento is not an amount/);
    expect(reasonOf(skipped, '9100000006')).toMatch(/codigo_cliente_fornecedor/);
    expect(reasonOf(skipped, '9100000007')).toMatch(/valor_documento/); // fractions of a cent in a string
    expect(reasonOf(skipped, null)).toMatch(/codigo_lancamento_omie/);
    expect(skipped).toHaveLength(6);
    expect(records).toHaveLength(h.sim.control.titulos().length - 6);
  });
});
