/**
 * The fast reading of Omie's Brasília date + time (per-day cache, ISO text built from a cached day
 * prefix) against the plain one, instantFromBrasilia: the same answer for every input, including
 * days Brasília moved its clocks (2017-10-15 had no 00:00), late evenings that are the next UTC day,
 * odd spellings, bad inputs and the ends of the four-digit years.
 */
import { faker } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { instantFromBrasilia } from '../../src/main/omie/brasilia';
import { brasiliaInstant } from '../../src/main/omie/brasilia-instants';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

describe('brasiliaInstant', () => {
  it('gives instantFromBrasilia’s answer for 5,000 random dates and times, 1985–2035', () => {
    faker.seed(20261129);
    const mismatches: string[] = [];
    for (let i = 0; i < 5_000; i++) {
      const day = faker.date.between({ from: '1985-01-01T00:00:00Z', to: '2035-12-31T00:00:00Z' });
      const date = `${pad(day.getUTCDate())}/${pad(day.getUTCMonth() + 1)}/${day.getUTCFullYear()}`;
      const time = `${pad(faker.number.int(23))}:${pad(faker.number.int(59))}:${pad(faker.number.int(59))}`;
      // the first call fills the day's cache, the second reads from it
      for (let twice = 0; twice < 2; twice++) {
        if (brasiliaInstant(date, time) !== instantFromBrasilia(date, time)) mismatches.push(`${date} ${time}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it.each([
    ['15/10/2017', '00:30:00'], // clocks jumped from 00:00 to 01:00 (start of summer time)
    ['15/10/2017', '12:00:00'],
    ['18/02/2018', '23:30:00'], // clocks went back at midnight (end of summer time)
    ['31/10/2026', '21:00:00'], // the next UTC day
    ['31/12/2026', '23:59:59'], // the next UTC year
    ['01/01/2026', '9:05'], // one-digit hour, no seconds
    ['01/01/2026', ' 10:00:00 '],
    ['01/01/2026', ''],
    ['01/01/2026', '   '],
    ['01/01/2026', null],
    ['01/01/2026', 1200],
    ['01/01/2026', '24:00:00'],
    ['01/01/2026', '10:60'],
    ['01/01/2026', 'meio-dia'],
    ['31/02/2026', '10:00:00'],
    ['2026-01-01', '10:00:00'],
    ['', '10:00:00'],
    [null, '10:00:00'],
    ['31/12/9999', '20:59:59'],
    ['31/12/9999', '21:00:00'], // year 10000 in UTC: written "+010000-…"
    ['01/01/0001', '00:00:00'],
  ])('%s %s: the same as instantFromBrasilia', (date, time) => {
    expect(brasiliaInstant(date, time)).toBe(instantFromBrasilia(date, time));
    expect(brasiliaInstant(date, time)).toBe(instantFromBrasilia(date, time));
  });
});
