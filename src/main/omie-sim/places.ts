/** Real Brazilian cities (name, UF, IBGE code, CEP prefix, DDD) for addresses: `cidade` is served as "NAME (UF)". */
export interface Place {
  name: string;
  uf: string;
  ibge: string;
  cep: string;
  ddd: string;
  /** As served: "NAME (UF)" in capitals. */
  cidade: string;
}

const RAW: [string, string, string, string, string][] = [
  ['São Paulo', 'SP', '3550308', '0', '11'],
  ['São Paulo', 'SP', '3550308', '0', '11'],
  ['São Paulo', 'SP', '3550308', '0', '11'],
  ['Campinas', 'SP', '3509502', '13', '19'],
  ['Ribeirão Preto', 'SP', '3543402', '14', '16'],
  ['Santos', 'SP', '3548500', '110', '13'],
  ['São José dos Campos', 'SP', '3549904', '122', '12'],
  ['Sorocaba', 'SP', '3552205', '180', '15'],
  ['Rio de Janeiro', 'RJ', '3304557', '2', '21'],
  ['Rio de Janeiro', 'RJ', '3304557', '2', '21'],
  ['Niterói', 'RJ', '3303302', '240', '21'],
  ['Belo Horizonte', 'MG', '3106200', '30', '31'],
  ['Uberlândia', 'MG', '3170206', '384', '34'],
  ['Juiz de Fora', 'MG', '3136702', '360', '32'],
  ['Vitória', 'ES', '3205309', '290', '27'],
  ['Curitiba', 'PR', '4106902', '8', '41'],
  ['Londrina', 'PR', '4113700', '860', '43'],
  ['Maringá', 'PR', '4115200', '870', '44'],
  ['Florianópolis', 'SC', '4205407', '880', '48'],
  ['Joinville', 'SC', '4209102', '892', '47'],
  ['Blumenau', 'SC', '4202404', '890', '47'],
  ['Porto Alegre', 'RS', '4314902', '90', '51'],
  ['Caxias do Sul', 'RS', '4305108', '950', '54'],
  ['Salvador', 'BA', '2927408', '40', '71'],
  ['Recife', 'PE', '2611606', '50', '81'],
  ['Fortaleza', 'CE', '2304400', '60', '85'],
  ['Natal', 'RN', '2408102', '59', '84'],
  ['João Pessoa', 'PB', '2507507', '58', '83'],
  ['Maceió', 'AL', '2704302', '57', '82'],
  ['Aracaju', 'SE', '2800308', '49', '79'],
  ['Teresina', 'PI', '2211001', '64', '86'],
  ['São Luís', 'MA', '2111300', '65', '98'],
  ['Belém', 'PA', '1501402', '66', '91'],
  ['Manaus', 'AM', '1302603', '69', '92'],
  ['Macapá', 'AP', '1600303', '689', '96'],
  ['Boa Vista', 'RR', '1400100', '693', '95'],
  ['Porto Velho', 'RO', '1100205', '768', '69'],
  ['Ariquemes', 'RO', '1100023', '7687', '69'],
  ['Rio Branco', 'AC', '1200401', '699', '68'],
  ['Palmas', 'TO', '1721000', '770', '63'],
  ['Brasília', 'DF', '5300108', '70', '61'],
  ['Goiânia', 'GO', '5208707', '74', '62'],
  ['Cuiabá', 'MT', '5103403', '78', '65'],
  ['Campo Grande', 'MS', '5002704', '79', '67'],
];

export const PLACES: readonly Place[] = RAW.map(([name, uf, ibge, cep, ddd]) => ({
  name,
  uf,
  ibge,
  cep,
  ddd,
  cidade: `${name.toLocaleUpperCase('pt-BR')} (${uf})`,
}));

export const BAIRROS: readonly string[] = [
  'Centro', 'Jardim América', 'Vila Mariana', 'Boa Vista', 'Santa Efigênia', 'Jardim Paulista', 'Bela Vista',
  'Vila Nova', 'São José', 'Industrial', 'Distrito Industrial', 'Santo Antônio', 'São Cristóvão', 'Liberdade',
  'Aclimação', 'Campo Belo', 'Jardim Botânico', 'Água Verde', 'Batel', 'Trindade', 'Pituba', 'Meireles',
  'Savassi', 'Funcionários', 'Copacabana', 'Botafogo', 'Moinhos de Vento', 'Petrópolis', 'Boa Viagem', 'Asa Sul',
];

/** Lines of business, with accents on purpose. */
export const RAMOS: readonly string[] = [
  'Comércio de Alimentos', 'Serviços de Informática', 'Soluções em Tecnologia', 'Construções', 'Engenharia',
  'Logística', 'Distribuidora de Bebidas', 'Indústria e Comércio', 'Consultoria Empresarial', 'Educação',
  'Clínica Médica', 'Saúde Ocupacional', 'Transportes', 'Materiais Elétricos', 'Confecções', 'Móveis Planejados',
  'Auto Peças', 'Agronegócios', 'Comunicação Visual', 'Contabilidade', 'Farmácia', 'Panificação', 'Ótica',
  'Segurança Eletrônica', 'Marketing Digital', 'Papelaria', 'Calçados', 'Climatização', 'Gráfica', 'Importação e Exportação',
];

export const SUFIXOS: readonly string[] = ['Ltda', 'Ltda', 'Ltda', 'Ltda', 'S.A.', 'EIRELI', 'ME', 'EPP', 'Ltda.'];

export const PROVEDORES: readonly string[] = ['gmail.com', 'hotmail.com', 'outlook.com', 'yahoo.com.br', 'uol.com.br', 'bol.com.br', 'terra.com.br'];
