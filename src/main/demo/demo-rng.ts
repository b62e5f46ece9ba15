import { type Faker, fakerPT_BR } from '@faker-js/faker';

/** The demo's one source of randomness: faker's pt-BR locale, seeded, so every demo looks the same. */
export function demoFaker(seed: number): Faker {
  fakerPT_BR.seed(seed);
  return fakerPT_BR;
}
