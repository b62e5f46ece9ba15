import { brDate, brTime, dayOfWall } from './brasilia';
import { type GenCliente, TAG_CLIENTE, TAG_FORNECEDOR, TAG_TRANSPORTADORA } from './generate-clientes';
import type { OmieInfo, OmieTag, RawCliente } from './types';

export function infoOf(inc: number, alt: number, uInc: string, uAlt: string, cImpAPI = 'N'): OmieInfo {
  return {
    cImpAPI,
    dAlt: brDate(dayOfWall(alt)),
    dInc: brDate(dayOfWall(inc)),
    hAlt: brTime(alt),
    hInc: brTime(inc),
    uAlt,
    uInc,
  };
}

export function tagsOf(mask: number): OmieTag[] {
  const tags: OmieTag[] = [];
  if (mask & TAG_CLIENTE) tags.push({ tag: 'Cliente' });
  if (mask & TAG_FORNECEDOR) tags.push({ tag: 'Fornecedor' });
  if (mask & TAG_TRANSPORTADORA) tags.push({ tag: 'Transportadora' });
  return tags;
}

export interface ShowOptions {
  obs: boolean;
  caracteristicas: boolean;
}

export const DEFAULT_SHOW: ShowOptions = { obs: false, caracteristicas: false };

/** The Omie-shaped `clientes_cadastro` object for a generated customer. */
export function materializeCliente(row: GenCliente, show: ShowOptions = DEFAULT_SHOW): RawCliente {
  // Literal in alphabetical key order, so omieJson can serialize it without copying.
  const out: RawCliente = {
    bairro: row.bairro,
    bloquear_faturamento: 'N',
    ...(show.caracteristicas ? { caracteristicas: [] } : {}),
    cep: row.cep,
    cidade: row.place.cidade,
    cidade_ibge: row.place.ibge,
    cnpj_cpf: row.doc,
    codigo_cliente_integracao: '',
    codigo_cliente_omie: row.codigo,
    codigo_pais: '1058',
    complemento: row.complemento,
    contato: row.contato,
    contribuinte: row.ie === 'ISENTO' ? 'N' : 'S',
    dadosBancarios: { agencia: '', cChavePix: '', codigo_banco: '', conta_corrente: '', doc_titular: '', nome_titular: '', transf_padrao: 'N' },
    ...(row.email !== null ? { email: row.email } : {}),
    endereco: row.street,
    enderecoEntrega: {},
    endereco_numero: row.numero,
    estado: row.place.uf,
    exterior: 'N',
    homepage: '',
    importado_api: 'N',
    inativo: row.inativo ? 'S' : 'N',
    info: infoOf(row.inc, row.alt, row.uInc, row.uAlt),
    inscricao_estadual: row.ie,
    inscricao_municipal: '',
    nome_fantasia: row.fantasia,
    ...(show.obs && row.obs !== null ? { observacao: row.obs } : {}),
    optante_simples_nacional: row.simples ? 'S' : 'N',
    pessoa_fisica: row.pf ? 'S' : 'N',
    razao_social: row.razao,
    recomendacoes: {},
    tags: tagsOf(row.tags),
    telefone1_ddd: row.place.ddd,
    telefone1_numero: row.phone,
    valor_limite_credito: 0,
  };
  return out;
}
