import { Faker, base, en, pt_BR } from '@faker-js/faker';
import { DAY_SEC } from './brasilia';
import { cnpjFormatted, cpfFormatted } from './documents';
import { BAIRROS, PLACES, type Place, PROVEDORES, RAMOS, SUFIXOS } from './places';
import { Rng } from './rng';

export const TAG_CLIENTE = 1;
export const TAG_FORNECEDOR = 2;
export const TAG_TRANSPORTADORA = 4;

/** A generated customer kept compact; the Omie-shaped object is built only when served (see materialize-cliente.ts). */
export interface GenCliente {
  readonly gen: true;
  codigo: number;
  razao: string;
  fantasia: string;
  pf: boolean;
  doc: string;
  /** null → the `email` field is absent from the record. */
  email: string | null;
  inativo: boolean;
  tags: number;
  place: Place;
  cep: string;
  street: string;
  numero: string;
  complemento: string;
  bairro: string;
  phone: string;
  contato: string;
  ie: string;
  simples: boolean;
  /** Brasília wall seconds. */
  inc: number;
  alt: number;
  uInc: string;
  uAlt: string;
  /** Monthly fee in cents (0 for supplier/carrier-only records); titles are drawn around it. */
  feeCents: number;
  obs: string | null;
}

interface Pools {
  lastNames: string[];
  firstNames: string[];
  fullNames: string[];
  streets: string[];
  companies: string[];
  users: string[];
}

function makePools(seed: number): { pools: Pools; rngSeed: number } {
  const faker = new Faker({ locale: [pt_BR, en, base] });
  faker.seed(seed);
  const many = (n: number, f: () => string) => Array.from({ length: n }, f);
  const pools: Pools = {
    lastNames: many(300, () => faker.person.lastName()),
    firstNames: many(200, () => faker.person.firstName()),
    fullNames: many(600, () => faker.person.fullName()),
    streets: many(400, () => faker.location.street()),
    companies: many(400, () => faker.company.name()),
    users: many(12, () => `P${faker.string.numeric(9)}`),
  };
  return { pools, rngSeed: faker.number.int({ min: 1, max: 2 ** 31 - 1 }) };
}

/** Extra supplier/carrier-only records: ~2% on top of `clients`, spread evenly among the customers. */
function extraCount(clients: number): number {
  return Math.round(clients * 0.02);
}

/**
 * Generates `clients` customers plus the extra supplier/carrier-only records, ordered by ascending
 * `codigo_cliente_omie`. Everything is drawn from `seed` and placed before `anchorSec` (wall seconds).
 */
export function generateClientes(seed: number, clients: number, anchorSec: number): { rows: GenCliente[]; users: string[] } {
  const { pools, rngSeed } = makePools(seed);
  const rng = new Rng(rngSeed);
  const extras = extraCount(clients);
  const total = clients + extras;
  const rows: GenCliente[] = new Array(total);
  let codigo = 2_300_000 + rng.int(0, 99_999);
  for (let i = 0; i < total; i++) {
    codigo += rng.int(1, 2999);
    const extra = Math.floor(((i + 1) * extras) / total) > Math.floor((i * extras) / total);
    rows[i] = generateOne(rng, pools, codigo, extra, anchorSec);
  }
  return { rows, users: pools.users };
}

function generateOne(rng: Rng, p: Pools, codigo: number, extra: boolean, anchorSec: number): GenCliente {
  const pf = !extra && rng.chance(0.1);
  const last = rng.pick(p.lastNames);
  let razao: string;
  let fantasia: string;
  if (pf) {
    razao = rng.pick(p.fullNames);
    fantasia = rng.chance(0.5) ? razao : '';
  } else {
    const ramo = rng.pick(RAMOS);
    const suf = rng.pick(SUFIXOS);
    const r = rng.next();
    if (r < 0.3) razao = `${last} ${ramo} ${suf}`;
    else if (r < 0.55) razao = `${last} & ${rng.pick(p.lastNames)} ${ramo} ${suf}`;
    else if (r < 0.8) razao = `${ramo} ${last} ${suf}`;
    else razao = rng.pick(p.companies);
    const short = `${last} ${ramo.split(' ')[0] ?? ''}`.trim();
    const f = rng.next();
    fantasia = f < 0.25 ? razao : f < 0.93 ? short : '';
  }
  if (rng.chance(0.15)) {
    razao = razao.toLocaleUpperCase('pt-BR');
    fantasia = fantasia.toLocaleUpperCase('pt-BR');
  }
  if (!pf && rng.chance(0.03)) {
    if (fantasia === '') fantasia = razao;
    razao = '';
  }
  razao = razao.slice(0, 60);
  fantasia = fantasia.slice(0, 100);
  const place = rng.pick(PLACES);
  const e = rng.next();
  const email = e < 0.04 ? null : e < 0.12 ? '' : emailFor(rng, pf ? razao || fantasia : fantasia || razao, pf);
  let tags = extra ? (rng.chance(0.7) ? TAG_FORNECEDOR : TAG_TRANSPORTADORA) : TAG_CLIENTE;
  if (!extra && rng.chance(0.05)) tags |= TAG_FORNECEDOR;
  const inc = anchorSec - rng.int(DAY_SEC, 5 * 365 * DAY_SEC);
  const alt = rng.chance(0.4) ? inc : rng.int(inc, anchorSec - 60);
  return {
    gen: true,
    codigo,
    razao,
    fantasia,
    pf,
    doc: pf ? cpfFormatted(rng) : cnpjFormatted(rng),
    email,
    inativo: rng.chance(0.05),
    tags,
    place,
    cep: `${place.cep}${rng.digits(8 - place.cep.length)}`,
    street: rng.pick(p.streets),
    numero: rng.chance(0.05) ? 'S/N' : String(rng.int(1, 4999)),
    complemento: rng.chance(0.3) ? `Sala ${rng.int(1, 1500)}` : '',
    bairro: rng.pick(BAIRROS),
    phone: `${rng.int(2, 9)}${rng.digits(7)}`,
    contato: rng.pick(p.fullNames),
    ie: pf || rng.chance(0.3) ? 'ISENTO' : rng.digits(rng.int(9, 12)),
    simples: rng.chance(0.6),
    inc,
    alt,
    uInc: rng.pick(p.users),
    uAlt: rng.pick(p.users),
    feeCents: extra ? 0 : feeCents(rng),
    obs: rng.chance(0.1) ? rng.pick(['Cobrança via boleto.', 'Enviar NF para o financeiro.', 'Cliente desde a migração do sistema antigo.', 'Não faturar sem pedido de compra.']) : null,
  };
}

function feeCents(rng: Rng): number {
  const reais = Math.exp(Math.log(99) + rng.next() * (Math.log(30_000) - Math.log(99)));
  return rng.chance(0.4) ? Math.round(reais) * 100 : Math.round(reais * 100);
}

function emailFor(rng: Rng, name: string, pf: boolean): string {
  const words = slugWords(name);
  if (pf) return `${words.slice(0, 2).join('.') || 'cliente'}${rng.chance(0.3) ? rng.int(1, 99) : ''}@${rng.pick(PROVEDORES)}`;
  const domain = `${words.slice(0, 2).join('') || 'empresa'}.com.br`;
  return `${rng.pick(['financeiro', 'contato', 'nfe', 'adm', 'contasapagar'])}@${domain}`;
}

function slugWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !['ltda', 'sa', 'me', 'epp', 'eireli', 'de', 'da', 'do', 'e'].includes(w));
}
