import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APPOINTMENT_DETAILS_TABLE } from './appointments/details/appointment-details.projection';
import { DOCTOR_SCHEDULE_TABLE } from './appointments/schedule/doctor-schedule.projection';
import { readTablesOf, SubscriptionEntry } from './event-store/subscriptions/subscription-registry';
import { SCHEDULE_BLOCKS_TABLE } from './schedules/read-side/schedule-blocks.projection';
import { INTEGRATION_EVENTS_TABLE } from './integration-events/integration-outbox.projection';
import { REMINDERS_TABLE } from './notifications/reminders/reminder-schedule.projection';
import { SUBSCRIPTION_REGISTRY, SUBSCRIPTIONS } from './subscription-registry';

const TABLE_HEADER = '| Subscription | Feeds | On failure | Rebuildable |';

/** A row of the README's table of subscriptions, as the registry says it should read. */
function readmeRow({ name, feeds, onFailure, rebuildable }: SubscriptionEntry): string {
  const feed = feeds.map(({ kind, target }) => (kind === 'push' ? `push to ${target}` : `${kind} \`${target}\``)).join(', ');
  return `| \`${name}\` | ${feed} | ${onFailure} | ${rebuildable ? 'yes' : 'no'} |`;
}

/** The rows of the README's table of subscriptions, as written. */
function readmeRows(): string[] {
  const lines = readFileSync(join(__dirname, '..', 'README.md'), 'utf8').split('\n');
  const header = lines.indexOf(TABLE_HEADER);
  if (header < 0) throw new Error(`README.md has no table headed ${TABLE_HEADER}`);
  const body = lines.slice(header + 2);
  const end = body.findIndex((line) => !line.startsWith('|'));
  return end < 0 ? body : body.slice(0, end);
}

describe('The subscription registry of the application', () => {
  it('lists every subscription name once', () => {
    expect(SUBSCRIPTION_REGISTRY.names().sort()).toEqual(Object.values(SUBSCRIPTIONS).sort());
  });

  it('is what the README table of subscriptions says, row for row', () => {
    expect(readmeRows()).toEqual(SUBSCRIPTION_REGISTRY.entries.map(readmeRow));
  });

  it('names as read tables of each projection the tables its handler writes', () => {
    const tablesOf = (name: string) => readTablesOf(SUBSCRIPTION_REGISTRY.entry(name));
    expect(tablesOf(SUBSCRIPTIONS.appointmentDetails)).toEqual([APPOINTMENT_DETAILS_TABLE]);
    expect(tablesOf(SUBSCRIPTIONS.doctorSchedule)).toEqual([DOCTOR_SCHEDULE_TABLE]);
    expect(tablesOf(SUBSCRIPTIONS.scheduleBlocks)).toEqual([SCHEDULE_BLOCKS_TABLE]);
    expect(tablesOf(SUBSCRIPTIONS.reminderSchedule)).toEqual([REMINDERS_TABLE]);
    expect(tablesOf(SUBSCRIPTIONS.integrationEvents)).toEqual([INTEGRATION_EVENTS_TABLE]);
  });

  it('lets only the projections be rebuilt, never what sends or pushes', () => {
    expect(SUBSCRIPTION_REGISTRY.rebuildable().map((entry) => entry.name)).toEqual([
      SUBSCRIPTIONS.appointmentDetails,
      SUBSCRIPTIONS.doctorSchedule,
      SUBSCRIPTIONS.scheduleBlocks,
      SUBSCRIPTIONS.reminderSchedule,
      SUBSCRIPTIONS.integrationEvents,
    ]);
  });
});
