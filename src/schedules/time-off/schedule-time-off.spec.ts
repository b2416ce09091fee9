import { EndNotAfterStart, StartInPast } from '../../appointments/domain/appointment.errors';
import { TimeBlocked } from '../../reservations/time-blocked';
import { AppointmentsInTheWay, BlockTooLong } from '../domain/block.errors';
import { Occupant } from '../domain/block-rules';
import { DoctorScheduleEvent, TimeOffScheduled } from '../domain/schedule.events';
import { evolveDoctorSchedule } from '../domain/schedule.evolve';
import { EMPTY_DOCTOR_SCHEDULE } from '../domain/schedule.state';
import { decideTimeOff, DEFAULT_TIME_OFF_REASON, TimeOffRequest } from './schedule-time-off';

const doctorId = 'd0000000-0000-4000-8000-000000000001';
const timeOffId = 'b0000000-0000-4000-8000-000000000001';
const now = new Date('2027-03-01T08:00:00Z');

// A week of leave, from Monday 2027-03-22 00:00 to Saturday 00:00 in Berlin (CET, UTC+1).
const week: TimeOffRequest = { doctorId, timeOffId, start: '2027-03-22T00:00:00+01:00', end: '2027-03-27T00:00:00+01:00', reason: 'Annual leave', cancelAppointments: false };
const appointment: Occupant = { kind: 'appointment', id: 'a0000000-0000-4000-8000-000000000001', start: '2027-03-22T08:00:00.000Z', end: '2027-03-22T08:20:00.000Z' };
const scheduled = (overrides: Partial<TimeOffScheduled['data']> = {}) =>
  new TimeOffScheduled({ doctorId, timeOffId, start: '2027-03-21T23:00:00.000Z', end: '2027-03-26T23:00:00.000Z', reason: 'Annual leave', cancelledAppointmentIds: [], ...overrides });

function given(history: DoctorScheduleEvent[]) {
  const state = history.reduce(evolveDoctorSchedule, EMPTY_DOCTOR_SCHEDULE);
  return {
    when: (request: TimeOffRequest, inTheWay: Occupant[] = [], at = now) => {
      const decide = () => [decideTimeOff(request, state, inTheWay, at)];
      return {
        then: (expected: DoctorScheduleEvent[]) => expect(decide()).toEqual(expected),
        thenFails: (error: new (...args: never[]) => Error) => expect(decide).toThrow(error),
      };
    },
  };
}

describe('ScheduleTimeOff', () => {
  it('records the time off in UTC, with its reason', () => {
    given([]).when(week).then([scheduled()]);
  });

  it('defaults the reason to "time off" and spans midnight in the doctor’s zone', () => {
    // 22:00 to 06:00 Berlin: a night shift off, from one local date to the next.
    given([])
      .when({ ...week, reason: undefined, start: '2027-03-22T22:00:00+01:00', end: '2027-03-23T06:00:00+01:00' })
      .then([scheduled({ reason: DEFAULT_TIME_OFF_REASON, start: '2027-03-22T21:00:00.000Z', end: '2027-03-23T05:00:00.000Z' })]);
  });

  it('refuses an end not after the start, a start in the past and more than 366 days', () => {
    given([]).when({ ...week, end: week.start }).thenFails(EndNotAfterStart);
    given([]).when(week, [], new Date('2027-03-22T00:00:00Z')).thenFails(StartInPast);
    given([]).when({ ...week, end: '2028-03-23T00:00:00+01:00' }).thenFails(BlockTooLong);
    given([]).when({ ...week, end: '2028-03-22T00:00:00+01:00' }).then([scheduled({ end: '2028-03-21T23:00:00.000Z' })]);
  });

  it('refuses booked appointments in the way, listing them, unless asked to cancel them', () => {
    const refused = () => decideTimeOff(week, EMPTY_DOCTOR_SCHEDULE, [appointment], now);
    expect(refused).toThrow(AppointmentsInTheWay);
    expect(() => refused()).toThrow(expect.objectContaining({ details: { conflicts: [{ appointmentId: appointment.id, start: appointment.start, end: appointment.end }] } }));
    given([]).when({ ...week, cancelAppointments: true }, [appointment]).then([scheduled({ cancelledAppointmentIds: [appointment.id] })]);
  });

  it('refuses an overlapping time off of the doctor, naming it, even when asked to cancel appointments', () => {
    const other: Occupant = { kind: 'time-off', id: 'b0000000-0000-4000-8000-000000000002', start: '2027-03-26T23:00:00.000Z', end: '2027-03-27T23:00:00.000Z', owner: 'Doctor Anna Weber', localTime: '2027-03-27 00:00 to 2027-03-28 00:00 (Europe/Berlin)' };
    const cancelling = { ...week, cancelAppointments: true, end: '2027-03-27T12:00:00+01:00' };
    given([]).when(cancelling, [appointment, other]).thenFails(TimeBlocked);
    expect(() => decideTimeOff(cancelling, EMPTY_DOCTOR_SCHEDULE, [other], now)).toThrow('time off of Doctor Anna Weber: 2027-03-27 00:00 to 2027-03-28 00:00 (Europe/Berlin)');
  });
});
