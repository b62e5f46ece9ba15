/**
 * The analyst's note and "explained" flag on a reconciliation row, kept per (month, subject) in
 * reconciliation_notes: subject = the client's id, or "omie:<codigo>" for an Omie customer missing
 * from clients. Nothing a sync or a re-snapshot does touches this table, so notes survive them.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../../shared/errors';
import { type Period, periodFirstDay } from '../../shared/period';
import { codecsFor } from '../db/codecs';
import type { DB } from '../db/schema';
import { checkPeriod } from './reconciliation';

/** A note longer than this is refused. */
export const MAX_NOTE_LENGTH = 2000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OMIE_SUBJECT = /^omie:\d+$/;

export interface ReconciliationNote {
  period: Period;
  subject: string;
  note: string;
  explained: boolean;
  updatedBy: string | null;
  updatedAt: string;
}

export type NoteActor = string | { user: string; host?: string };

function actorLabel(actor: NoteActor): string {
  if (typeof actor === 'string') return actor.slice(0, 200);
  return (actor.host ? `${actor.user}@${actor.host}` : actor.user).slice(0, 200);
}

async function checkSubject(db: Kysely<DB>, subject: string): Promise<void> {
  if (OMIE_SUBJECT.test(subject)) return;
  if (!UUID.test(subject)) throw new AppError('bad_input', `A note belongs to a client id or "omie:<codigo>", not "${String(subject).slice(0, 40)}".`);
  const client = await db.selectFrom('clients').select('id').where('id', '=', subject.toLowerCase()).executeTakeFirst();
  if (!client) throw new AppError('not_found', `No client with id ${subject}.`);
}

/**
 * Saves (or replaces) the note on one row of a month. An empty note that is not marked explained
 * removes it. Returns what is stored now (null after a removal).
 */
export async function setReconciliationNote(
  db: Kysely<DB>,
  periodText: Period,
  subject: string,
  input: { note: string; explained: boolean },
  actor: NoteActor,
  now: string = new Date().toISOString(),
): Promise<ReconciliationNote | null> {
  const period = checkPeriod(periodText);
  if (typeof subject !== 'string') throw new AppError('bad_input', 'The note needs a subject.');
  await checkSubject(db, subject);
  const note = typeof input.note === 'string' ? input.note.trim() : '';
  if (note.length > MAX_NOTE_LENGTH) throw new AppError('bad_input', `A note has at most ${MAX_NOTE_LENGTH} characters (this one has ${note.length}).`);
  const explained = input.explained === true;
  const day = periodFirstDay(period);
  const key = OMIE_SUBJECT.test(subject) ? subject : subject.toLowerCase();
  if (note === '' && !explained) {
    await db.deleteFrom('reconciliation_notes').where('period', '=', day).where('subject', '=', key).execute();
    return null;
  }
  const codecs = codecsFor(db);
  const updatedBy = actorLabel(actor);
  // schema.ts declares explained as Generated<StoredBool>, whose insert type Kysely does not unwrap; the value is a codec output.
  const values = { note, explained: codecs.boolToDb(explained) as never, updated_by: updatedBy, updated_at: now };
  await db
    .insertInto('reconciliation_notes')
    .values({ id: randomUUID(), period: day, subject: key, ...values })
    .onConflict((oc) => oc.columns(['period', 'subject']).doUpdateSet(values))
    .execute();
  return { period, subject: key, note, explained, updatedBy, updatedAt: now };
}

/** The notes of a month, by subject. */
export async function getReconciliationNotes(db: Kysely<DB>, periodText: Period): Promise<ReconciliationNote[]> {
  const period = checkPeriod(periodText);
  const codecs = codecsFor(db);
  const rows = await db.selectFrom('reconciliation_notes').selectAll().where('period', '=', periodFirstDay(period)).orderBy('subject').execute();
  return rows.map((r) => ({
    period,
    subject: r.subject,
    note: r.note,
    explained: codecs.boolFromDb(r.explained),
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  }));
}
