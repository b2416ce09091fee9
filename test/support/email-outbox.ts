import { DataSource } from 'typeorm';
import { SUBSCRIPTIONS } from '../../src/subscription-registry';
import { eventually } from './eventually';

/** Waits until every event is past the email notifier and the outbox has nothing left to send. */
export function emailsDrained(dataSource: DataSource): Promise<void> {
  return eventually(async () => {
    const [{ pending }] = await dataSource.query<[{ pending: number }]>(`select count(*)::int as pending from email_outbox where status = 'pending'`);
    const [{ behind }] = await dataSource.query<[{ behind: number }]>(
      `select count(*)::int as behind from subscription_checkpoints where name = $1 and position < (select max(position) from events)`,
      [SUBSCRIPTIONS.emailNotifications],
    );
    expect(pending + behind).toBe(0);
  });
}
