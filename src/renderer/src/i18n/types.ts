import type { ptBR } from './pt-BR';

/** Every language has exactly the keys of the pt-BR dictionary. */
export type Messages<T = typeof ptBR> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
