import { bookingBody, demo } from '../support/demo';
import { connectLive } from '../support/live-client';
import { startTestApp } from '../support/test-app';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('Live updates across two instances sharing Redis', () => {
  it('reaches dashboards connected to either instance', async () => {
    const env = { REDIS_URL };
    const first = await startTestApp({ env });
    const second = await startTestApp({ env, database: first.database, seed: false });
    const staff = first.tokenFor({ role: 'staff' });
    const clients = [await connectLive(first.baseUrl, { token: staff }), await connectLive(second.baseUrl, { token: staff })];
    try {
      const booked = await first.http.post('/appointments', staff, bookingBody());
      await second.http.post(`/appointments/${booked.body.id}/reschedule`, staff, { start: '2027-03-22T11:00:00+01:00' });
      for (const client of clients) {
        await client.received(2);
        expect(client.messages.map((m) => [m.appointment.id, m.eventType])).toEqual([
          [booked.body.id, 'AppointmentCreated'],
          [booked.body.id, 'AppointmentRescheduled'],
        ]);
        expect(client.messages[1].appointment).toMatchObject({ doctorId: demo.weber.id, version: 2 });
      }
    } finally {
      clients.forEach((client) => client.close());
      await second.app.close();
      await first.close();
    }
  });
});
