/**
 * Bulk seeding for the read measures (reconciliation, UI): raw better-sqlite3 prepared inserts in
 * one transaction over a migrated file, rows drawn from a seeded generator (same seed, same data).
 * Ids are uuid-shaped and increasing, and snapshot rows go in (period, omie_codigo) order, so every
 * index is appended to — seeding millions of rows takes seconds, not minutes.
 */
import type Database from 'better-sqlite3';
import { Rng } from '../../src/main/omie-sim/rng';

/** An increasing uuid-shaped id: prefix (one hex digit) + counter. */
export function seqId(prefix: string, n: number): string {
  const hex = n.toString(16).padStart(20, '0');
  return `${prefix}${hex.slice(0, 7)}-${hex.slice(7, 11)}-4${hex.slice(11, 14)}-8${hex.slice(14, 17)}-${hex.slice(17).padStart(12, '0')}`;
}

const LAST = ['Silva', 'Souza', 'Oliveira', 'Santos', 'Lima', 'Pereira', 'Ferreira', 'Costa', 'Rodrigues', 'Almeida', 'Nascimento', 'Carvalho', 'Araújo', 'Ribeiro', 'Gomes', 'Martins', 'Rocha', 'Barbosa', 'Teixeira', 'Moreira', 'Mendes', 'Cardoso', 'Correia', 'Castro', 'Nunes', 'Vieira', 'Monteiro', 'Moura', 'Freitas', 'Pinto'];
const RAMO = ['Comércio', 'Serviços', 'Tecnologia', 'Alimentos', 'Transportes', 'Engenharia', 'Consultoria', 'Distribuidora', 'Indústria', 'Logística', 'Saúde', 'Educação'];
const SUF = ['Ltda', 'S.A.', 'ME', 'EIRELI', 'EPP'];

/** The omie_codigo of the i-th linked client (7 digits, so text order = numeric order). */
export const omieCodigoOf = (i: number): string => String(2_300_000 + i * 7);

export interface SeedClientsOptions {
  clients: number;
  seed: number;
  /** Fraction of clients without omie_codigo (typed in by hand). */
  unlinked: number;
}

export interface SeededClient {
  id: string;
  omieCodigo: string | null;
  /** A monthly fee in cents the contracts and the faturamento are drawn around. */
  feeCents: number;
}

/** Inserts the clients (one transaction) and returns what the other seeders need. */
export function seedClients(raw: Database.Database, options: SeedClientsOptions): SeededClient[] {
  const rng = new Rng(options.seed);
  const insert = raw.prepare(
    `insert into clients (id, name, document, contact_email, omie_codigo, omie_inativo, omie_tags, omie_altered_at, updated_at, created_at)
     values (?, ?, ?, ?, ?, ?, 'Cliente', ?, ?, ?)`,
  );
  const out: SeededClient[] = new Array(options.clients);
  const stamp = '2026-01-15T12:00:00.000Z';
  raw.transaction(() => {
    for (let i = 0; i < options.clients; i++) {
      const id = seqId('a', i);
      const last = rng.pick(LAST);
      const name = `${last} ${rng.pick(RAMO)} ${rng.pick(LAST)} ${rng.pick(SUF)}`;
      const document = String(10_000_000_000_000 + i * 7919 + rng.int(0, 7000)).slice(0, 14);
      const linked = !rng.chance(options.unlinked);
      const omieCodigo = linked ? omieCodigoOf(i) : null;
      const email = rng.chance(0.1) ? null : `financeiro@${last.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '')}${i}.com.br`;
      insert.run(id, name, document, email, omieCodigo, rng.chance(0.05) ? 1 : 0, linked ? stamp : null, stamp, stamp);
      const fee = Math.round(Math.exp(Math.log(9_900) + rng.next() * (Math.log(3_000_000) - Math.log(9_900))));
      out[i] = { id, omieCodigo, feeCents: fee };
    }
  })();
  return out;
}

/** "YYYY-MM" months ending at `last`, oldest first. */
export function monthsEndingAt(last: string, count: number): string[] {
  const [y, m] = last.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let k = count - 1; k >= 0; k--) {
    const idx = y * 12 + (m - 1) - k;
    out.push(`${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

export interface SeedReconciliationOptions {
  seed: number;
  months: string[];
}

export interface SeededReconciliation {
  contracts: number;
  snapshotRows: number;
  notes: number;
}

/**
 * Contracts (≈ 85% of clients, some with a second one; start dates spread over the months and the
 * year before, ≈ 20% ended), one snapshot per month (≈ 90% of linked clients invoiced, mostly the
 * contracted fee, sometimes not; ≈ 1% Omie customers no client links), the months' period rows, a
 * few hundred notes on the last month, and one successful clients sync.
 */
export function seedReconciliation(raw: Database.Database, clients: SeededClient[], options: SeedReconciliationOptions): SeededReconciliation {
  const rng = new Rng(options.seed ^ 0x9e3779b9);
  const months = options.months;
  const first = months[0] as string;
  const pool = [...monthsEndingAt(first, 13).slice(0, 12), ...months];
  const day = (period: string) => `${period}-01`;
  const lastDay = (period: string) => {
    const [y, m] = period.split('-').map(Number) as [number, number];
    return `${period}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
  };
  let contracts = 0;
  let snapshotRows = 0;
  let notes = 0;
  const insertContract = raw.prepare(`insert into contracts (id, client_id, description, mrr, start_date, end_date, status) values (?, ?, ?, ?, ?, ?, ?)`);
  const insertSnapshot = raw.prepare(`insert into erp_revenue_snapshot (id, period, omie_codigo, valor, created_at) values (?, ?, ?, ?, ?)`);
  const insertPeriod = raw.prepare(`insert into erp_revenue_period (period, synced_at, clients, titles, total) values (?, ?, ?, ?, ?)`);
  const insertNote = raw.prepare(`insert into reconciliation_notes (id, period, subject, note, explained, updated_by) values (?, ?, ?, ?, ?, 'bench')`);
  const extraOmie = Math.round(clients.length * 0.01);
  raw.transaction(() => {
    for (const client of clients) {
      if (!rng.chance(0.85)) continue;
      const start = rng.pick(pool);
      const ended = rng.chance(0.2);
      const endIdx = ended ? rng.int(pool.indexOf(start), pool.length - 1) : -1;
      insertContract.run(seqId('b', contracts++), client.id, 'Assinatura', client.feeCents, day(start), ended ? lastDay(pool[endIdx] as string) : null, ended ? 'ended' : 'active');
      if (rng.chance(0.1)) {
        insertContract.run(seqId('b', contracts++), client.id, 'Adicional', rng.int(1_000, 200_000), day(rng.pick(pool)), null, 'active');
      }
    }
    for (const period of months) {
      const syncedAt = `${lastDay(period)}T23:00:00.000Z`;
      let total = 0;
      let count = 0;
      for (const client of clients) {
        if (client.omieCodigo === null || !rng.chance(0.9)) continue;
        const r = rng.next();
        const valor = r < 0.75 ? client.feeCents : r < 0.9 ? client.feeCents + rng.int(-5_000, 5_000) : rng.int(0, 3_000_000);
        insertSnapshot.run(seqId('c', snapshotRows++), day(period), client.omieCodigo, valor, syncedAt);
        total += valor;
        count++;
      }
      for (let j = 0; j < extraOmie; j++) {
        const valor = rng.int(5_000, 500_000);
        insertSnapshot.run(seqId('c', snapshotRows++), day(period), String(3_500_000 + j), valor, syncedAt);
        total += valor;
        count++;
      }
      insertPeriod.run(day(period), syncedAt, count, count, total);
    }
    const lastPeriod = months[months.length - 1] as string;
    for (let k = 0; k < Math.min(300, clients.length); k++) {
      const client = rng.pick(clients);
      const subject = rng.chance(0.1) ? `omie:${3_500_000 + rng.int(0, Math.max(0, extraOmie - 1))}` : client.id;
      const done = raw.prepare('select 1 from reconciliation_notes where period = ? and subject = ?').get(day(lastPeriod), subject);
      if (done) continue;
      insertNote.run(seqId('d', notes++), day(lastPeriod), subject, 'Conferido com o financeiro.', rng.chance(0.5) ? 1 : 0);
    }
    raw
      .prepare(`insert into erp_sync_log (id, kind, status, started_at, finished_at, record_count) values (?, 'clients', 'success', ?, ?, ?)`)
      .run(seqId('e', 0), '2026-01-15T12:00:00.000Z', '2026-01-15T12:01:00.000Z', clients.length);
  })();
  return { contracts, snapshotRows, notes };
}
