import { randomUUID } from 'node:crypto';
import type { Faker } from '@faker-js/faker';
import type { Kysely } from 'kysely';
import type { Day } from '../../shared/period';
import type { DB } from '../db/schema';
import { addDays, dayStartInstant } from '../services/zoned-days';

/** App modules and what their users do, with how often (relative weights). */
const MODULE_EVENTS: Readonly<Record<string, readonly [string, number][]>> = {
  data: [['report.view', 6], ['export.csv', 1], ['sync.manual', 1]],
  fin: [['invoice.view', 5], ['contract.update', 1], ['payment.register', 2]],
  growth: [['lead.create', 3], ['campaign.open', 4], ['funnel.view', 2]],
  crm: [['login', 8], ['contact.update', 3], ['task.done', 2]],
};

const LEAD_SOURCES = ['site', 'indicação', 'evento', 'linkedin', 'google ads', 'parceiro'];

/**
 * App usage (module_events) for every day of the range, busier on weekdays and growing over time,
 * and leads (GROWTH) created through the range: the inputs of Eventos and Índices.
 */
export async function seedDemoActivity(db: Kysely<DB>, faker: Faker, from: Day, to: Day): Promise<{ events: number; leads: number }> {
  const events: { id: string; occurred_at: string; module: string; event_type: string; detail: string | null }[] = [];
  const leads: { id: string; name: string; document: string | null; source: string | null; created_at: string; import_key: string | null }[] = [];
  let index = 0;
  for (let day = from; day <= to; day = addDays(day, 1), index += 1) {
    const start = dayStartInstant(day);
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    const busy = weekday === 0 || weekday === 6 ? 0.3 : 1;
    const growth = 1 + index / 400;
    for (const [module, types] of Object.entries(MODULE_EVENTS)) {
      for (const [type, weight] of types) {
        const n = Math.round(weight * busy * growth * faker.number.float({ min: 0.6, max: 1.4 }));
        for (let k = 0; k < n; k++) {
          const at = start + faker.number.int({ min: 7 * 3_600_000, max: 21 * 3_600_000 });
          events.push({ id: randomUUID(), occurred_at: new Date(at).toISOString(), module, event_type: type, detail: null });
        }
      }
    }
    const newLeads = Math.round(2 * busy * growth * faker.number.float({ min: 0.3, max: 1.7 }));
    for (let k = 0; k < newLeads; k++) {
      const at = start + faker.number.int({ min: 8 * 3_600_000, max: 20 * 3_600_000 });
      leads.push({
        id: randomUUID(),
        name: faker.company.name(),
        document: faker.datatype.boolean() ? faker.string.numeric(14) : null,
        source: faker.helpers.arrayElement(LEAD_SOURCES),
        created_at: new Date(at).toISOString(),
        import_key: null,
      });
    }
  }
  for (let i = 0; i < events.length; i += 1000) await db.insertInto('module_events').values(events.slice(i, i + 1000)).execute();
  for (let i = 0; i < leads.length; i += 1000) await db.insertInto('leads').values(leads.slice(i, i + 1000)).execute();
  return { events: events.length, leads: leads.length };
}
