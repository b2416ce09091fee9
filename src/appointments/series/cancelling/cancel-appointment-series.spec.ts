import { berlinDoctor, consultation, patientId, roomId } from '../../../../test/support/appointment-decisions';
import { Appointment } from '../../domain/appointment.state';
import { AppointmentSeries } from '../appointment-series.state';
import { NothingToCancel, SeriesCancellationRetroactive } from '../series.errors';
import { decideSeriesCancellation } from './cancel-appointment-series';

const starts = ['2027-10-18T07:00:00.000Z', '2027-10-25T07:00:00.000Z', '2027-11-01T08:00:00.000Z', '2027-11-08T08:00:00.000Z'];
const ids = starts.map((_, i) => `a0000000-0000-4000-8000-00000000000${i}`);
const series: AppointmentSeries = {
  id: 's0000000-0000-4000-8000-000000000001',
  doctorId: berlinDoctor.id,
  patientId,
  roomId,
  appointmentTypeId: consultation.id,
  title: 'Physiotherapy',
  timezone: 'Europe/Berlin',
  localTime: '09:00',
  recurrence: { frequency: 'weekly', interval: 1, count: 4, until: null },
  occurrences: starts.map((start, i) => ({ appointmentId: ids[i], start, end: start })),
  cancelledAppointmentIds: [],
  version: 1,
};
const occurrence = (i: number, changes: Partial<Appointment> = {}): Appointment => ({
  id: ids[i],
  status: 'booked',
  doctorId: berlinDoctor.id,
  patientId,
  roomId,
  appointmentTypeId: consultation.id,
  start: starts[i],
  end: starts[i],
  title: 'Physiotherapy',
  bufferBeforeMinutes: 5,
  bufferAfterMinutes: 10,
  cancellationReason: null,
  seriesId: series.id,
  version: 1,
  ...changes,
});
const all = [occurrence(0), occurrence(1), occurrence(2), occurrence(3)];
const now = new Date('2027-10-20T12:00:00Z');

describe('CancelAppointmentSeries', () => {
  it('cancels every occurrence still booked from the date on, on the doctor clock', () => {
    const cancelled = decideSeriesCancellation(series, all, { reason: 'Treatment finished', from: '2027-11-01' }, now);
    expect(cancelled.data).toEqual({ seriesId: series.id, patientId, from: '2027-11-01', reason: 'Treatment finished', cancelledAppointmentIds: [ids[2], ids[3]] });
  });

  it('cancels from today when no date is given, leaving the past as it happened', () => {
    const cancelled = decideSeriesCancellation(series, all, { reason: 'Moving away' }, now);
    expect(cancelled.data.from).toBe('2027-10-20');
    expect(cancelled.data.cancelledAppointmentIds).toEqual([ids[1], ids[2], ids[3]]);
  });

  it('leaves an occurrence checked in or cancelled alone, and follows one that was moved', () => {
    const moved = occurrence(1, { start: '2027-11-02T08:00:00.000Z' });
    const cancelled = decideSeriesCancellation(series, [all[0], moved, occurrence(2, { status: 'cancelled' }), occurrence(3, { status: 'checked-in' })], { reason: 'Done', from: '2027-11-01' }, now);
    expect(cancelled.data.cancelledAppointmentIds).toEqual([ids[1]]);
  });

  it('refuses a date before today in the doctor zone', () => {
    expect(() => decideSeriesCancellation(series, all, { reason: 'Done', from: '2027-10-19' }, now)).toThrow(SeriesCancellationRetroactive);
  });

  it('refuses a cancellation that would cancel nothing', () => {
    expect(() => decideSeriesCancellation(series, all, { reason: 'Done', from: '2027-11-09' }, now)).toThrow(NothingToCancel);
  });
});
