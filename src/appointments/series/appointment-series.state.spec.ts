import { AppointmentSeriesBooked, AppointmentSeriesCancelled } from '../domain/series.events';
import { evolveSeries } from './appointment-series.state';

const booked = new AppointmentSeriesBooked({
  seriesId: 's0000000-0000-4000-8000-000000000001',
  doctorId: 'd0000000-0000-4000-8000-000000000001',
  patientId: 'p0000000-0000-4000-8000-000000000001',
  roomId: 'r0000000-0000-4000-8000-000000000001',
  appointmentTypeId: 't0000000-0000-4000-8000-000000000001',
  title: 'Physiotherapy',
  timezone: 'Europe/Berlin',
  localTime: '09:00',
  recurrence: { frequency: 'weekly', interval: 1, count: 3, until: null },
  occurrences: ['a1', 'a2', 'a3'].map((appointmentId, i) => ({ appointmentId, start: `2027-10-${18 + 7 * i}T07:00:00.000Z`, end: `2027-10-${18 + 7 * i}T07:30:00.000Z` })),
});
const cancelled = (ids: string[]) =>
  new AppointmentSeriesCancelled({ seriesId: booked.data.seriesId, patientId: booked.data.patientId, from: '2027-10-25', reason: 'Done', cancelledAppointmentIds: ids });

describe('AppointmentSeries state', () => {
  it('starts with what was booked together, nothing cancelled, at version 1', () => {
    const { seriesId, ...facts } = booked.data;
    expect(evolveSeries(null, booked)).toEqual({ id: seriesId, ...facts, cancelledAppointmentIds: [], version: 1 });
  });

  it('adds up the occurrences each cancellation of the series cancelled', () => {
    const state = [cancelled(['a3']), cancelled(['a2'])].reduce(evolveSeries, evolveSeries(null, booked));
    expect(state).toMatchObject({ cancelledAppointmentIds: ['a3', 'a2'], version: 3 });
  });

  it('takes no cancellation as the start of a stream', () => {
    expect(() => evolveSeries(null, cancelled(['a1']))).toThrow('cannot start a stream');
  });
});
