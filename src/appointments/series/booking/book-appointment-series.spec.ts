import { berlinDoctor, consultation, patientId, roomId } from '../../../../test/support/appointment-decisions';
import { StartInPast } from '../../domain/appointment.errors';
import { AppointmentCreated } from '../../domain/appointment.events';
import { AppointmentSeriesBooked } from '../../domain/series.events';
import { InvalidRecurrence, SeriesOccurrencesTaken, SeriesOutsideWorkingHours } from '../series.errors';
import { decideOccurrence, decideSeriesBooking, OccurrenceFindings, planOccurrences, SeriesBookingRequest } from './book-appointment-series';

const seriesId = 's0000000-0000-4000-8000-000000000001';
const now = new Date('2027-10-01T00:00:00Z');
const request: SeriesBookingRequest = {
  appointmentTypeId: consultation.id,
  doctorId: berlinDoctor.id,
  patientId,
  roomId,
  start: new Date('2027-10-18T07:00:00Z'),
  title: 'Physiotherapy',
  recurrence: { frequency: 'weekly', interval: 1, count: 4, until: null },
};

/** Given the occurrences planned across the end of daylight saving time, with the doctor's hours and nothing in their way. */
function given(changes: Partial<Record<number, Partial<OccurrenceFindings>>> = {}): OccurrenceFindings[] {
  return planOccurrences(request, berlinDoctor.timezone, consultation.durationMinutes).map((planned, i) => ({
    appointmentId: `a0000000-0000-4000-8000-00000000000${i}`,
    start: planned.start,
    end: planned.end,
    workingHours: berlinDoctor.workingHours,
    inTheWay: [],
    ...changes[i],
  }));
}

const decide = (occurrences: OccurrenceFindings[], at = now) => () =>
  decideSeriesBooking({ seriesId, request, doctor: berlinDoctor, appointmentType: consultation, occurrences }, at);

describe('BookAppointmentSeries', () => {
  it('records the series with every occurrence at 09:00 Berlin time, across the end of daylight saving time', () => {
    const booked = decide(given())();
    expect(booked).toBeInstanceOf(AppointmentSeriesBooked);
    expect(booked.data).toMatchObject({ seriesId, timezone: 'Europe/Berlin', localTime: '09:00', title: 'Physiotherapy', recurrence: request.recurrence });
    expect(booked.data.occurrences.map(({ start }) => start)).toEqual(['2027-10-18T07:00:00.000Z', '2027-10-25T07:00:00.000Z', '2027-11-01T08:00:00.000Z', '2027-11-08T08:00:00.000Z']);
  });

  it('refuses a series whose first occurrence starts in the past', () => {
    expect(decide(given(), new Date('2027-10-18T07:00:01Z'))).toThrow(StartInPast);
  });

  it('lists every occurrence outside the hours in force on its date', () => {
    const noMondays = { tue: berlinDoctor.workingHours.tue };
    const refusal = catching(decide(given({ 1: { workingHours: noMondays }, 3: { workingHours: noMondays } })));
    expect(refusal).toBeInstanceOf(SeriesOutsideWorkingHours);
    expect(refusal.details.outsideHours).toEqual([
      { start: '2027-10-25T07:00:00.000Z', end: '2027-10-25T07:30:00.000Z' },
      { start: '2027-11-08T08:00:00.000Z', end: '2027-11-08T08:30:00.000Z' },
    ]);
  });

  it('lists every conflict of every occurrence, with what is in its way', () => {
    const timeOff = { blockedBy: 'time-off' as const, reason: 'Time off of Doctor Ada Lovelace, 2027-11-01 08:00 to 18:00 (Europe/Berlin)' };
    const doctorBooked = { blockedBy: 'doctor' as const, reason: 'Doctor Ada Lovelace is booked' };
    const roomBooked = { blockedBy: 'room' as const, reason: 'Room 1 is booked' };
    const refusal = catching(decide(given({ 0: { inTheWay: [doctorBooked, roomBooked] }, 2: { inTheWay: [timeOff] } })));
    expect(refusal).toBeInstanceOf(SeriesOccurrencesTaken);
    expect(refusal.details.conflicts).toEqual([
      { start: '2027-10-18T07:00:00.000Z', end: '2027-10-18T07:30:00.000Z', ...doctorBooked },
      { start: '2027-10-18T07:00:00.000Z', end: '2027-10-18T07:30:00.000Z', ...roomBooked },
      { start: '2027-11-01T08:00:00.000Z', end: '2027-11-01T08:30:00.000Z', ...timeOff },
    ]);
  });

  it('refuses a recurrence that gives no occurrence on the doctor clock', () => {
    const lateEvening = { ...request, start: new Date('2027-10-18T22:30:00Z'), recurrence: { ...request.recurrence, count: null, until: '2027-10-18' } };
    expect(() => planOccurrences(lateEvening, 'Europe/Berlin', 30)).toThrow(InvalidRecurrence);
  });

  it('refuses a recurrence with neither or both of count and until before planning any occurrence', () => {
    const neither = { ...request, recurrence: { ...request.recurrence, count: null, until: null } };
    const both = { ...request, recurrence: { ...request.recurrence, count: 4, until: '2027-11-08' } };
    expect(() => planOccurrences(neither, 'Europe/Berlin', 30)).toThrow(new InvalidRecurrence('recurrence needs exactly one of count and until'));
    expect(() => planOccurrences(both, 'Europe/Berlin', 30)).toThrow(new InvalidRecurrence('recurrence needs exactly one of count and until'));
  });

  it('books each occurrence as an ordinary appointment that names its series', () => {
    const [occurrence] = given();
    const [created] = decideOccurrence(
      { appointmentId: occurrence.appointmentId, patientId, roomId, start: occurrence.start, end: occurrence.end, title: 'Physiotherapy', doctor: berlinDoctor, appointmentType: consultation },
      seriesId,
      now,
    );
    expect(created).toBeInstanceOf(AppointmentCreated);
    expect(created.data).toMatchObject({ appointmentId: occurrence.appointmentId, seriesId, start: '2027-10-18T07:00:00.000Z', end: '2027-10-18T07:30:00.000Z' });
  });
});

function catching(run: () => unknown): { details: Record<string, unknown> } {
  try {
    run();
  } catch (error) {
    return error as { details: Record<string, unknown> };
  }
  throw new Error('Expected a refusal');
}
