import { WorkingHours } from '../../appointments/domain/working-hours';
import { DoctorScheduleEvent, TimeOffScheduled, WorkingHoursChanged } from '../domain/schedule.events';
import { evolveDoctorSchedule } from '../domain/schedule.evolve';
import { EMPTY_DOCTOR_SCHEDULE } from '../domain/schedule.state';
import { decideWorkingHoursChange, UpcomingAppointment, WorkingHoursRetroactive } from './change-working-hours';
import { scheduleChangeOf } from './schedule-history';

const doctor = { id: 'd0000000-0000-4000-8000-000000000001', timezone: 'Europe/Berlin', initialHours: { mon: [['08:00', '16:00']] } as WorkingHours };
const nineToFive: WorkingHours = { mon: [['09:00', '17:00']] };
const now = new Date('2027-03-10T12:00:00Z');

const changed = (effectiveFrom: string, workingHours: WorkingHours, outsideHours: string[] = []) =>
  new WorkingHoursChanged({ doctorId: doctor.id, effectiveFrom, timezone: doctor.timezone, workingHours, outsideHours });

/** An appointment of half an hour, at a local Berlin time given as an instant with its offset. */
const appointment = (id: string, start: string): UpcomingAppointment => ({ id, start: new Date(start), end: new Date(new Date(start).getTime() + 30 * 60_000) });

function given(history: DoctorScheduleEvent[]) {
  const state = history.reduce(evolveDoctorSchedule, EMPTY_DOCTOR_SCHEDULE);
  return {
    when: (effectiveFrom: string, workingHours: WorkingHours, upcoming: UpcomingAppointment[] = [], at = now) => {
      const decide = () => decideWorkingHoursChange({ effectiveFrom, workingHours, doctor, upcoming }, state, at);
      return {
        then: (expected: DoctorScheduleEvent[]) => expect(decide()).toEqual(expected),
        thenFails: (error: new (...args: never[]) => Error) => expect(decide).toThrow(error),
      };
    },
  };
}

describe('ChangeWorkingHours', () => {
  it('records new hours from a date and lists the booked appointments they leave outside, across a change of the clocks', () => {
    // Berlin goes from CET (+01:00) to CEST (+02:00) on 2027-03-28: 09:00 local is 07:00 UTC after it.
    const inside = appointment('a-inside', '2027-03-29T09:00:00+02:00');
    const outside = appointment('a-outside', '2027-03-29T08:00:00+02:00');
    given([])
      .when('2027-03-20', nineToFive, [outside, inside])
      .then([changed('2027-03-20', nineToFive, ['a-outside'])]);
  });

  it('leaves appointments before the effective date to the hours in force then', () => {
    const before = appointment('a-before', '2027-03-15T08:00:00+01:00');
    given([]).when('2027-03-20', nineToFive, [before]).then([changed('2027-03-20', nineToFive, [])]);
  });

  it('is never retroactive: a date before today in the doctor’s zone is refused, today is accepted', () => {
    given([]).when('2027-03-09', nineToFive).thenFails(WorkingHoursRetroactive);
    given([]).when('2027-03-10', nineToFive).then([changed('2027-03-10', nineToFive)]);
    // 23:30 UTC on 2027-03-10 is already 2027-03-11 in Berlin.
    given([]).when('2027-03-10', nineToFive, [], new Date('2027-03-10T23:30:00Z')).thenFails(WorkingHoursRetroactive);
  });

  it('replaces an earlier change for the same date: the earlier hours no longer count', () => {
    const at0800 = appointment('a-0800', '2027-03-22T08:00:00+01:00');
    given([changed('2027-03-20', { mon: [['07:00', '09:00']] })])
      .when('2027-03-20', nineToFive, [at0800])
      .then([changed('2027-03-20', nineToFive, ['a-0800'])]);
  });

  it('keeps a later change in force from its own date: it judges the appointments from then on', () => {
    const later = changed('2027-04-05', { mon: [['07:00', '12:00']] });
    const underThisChange = appointment('a-march', '2027-03-22T08:00:00+01:00');
    const underTheLaterOne = appointment('a-april', '2027-04-12T08:00:00+02:00');
    const outsideBoth = appointment('a-april-late', '2027-04-12T13:00:00+02:00');
    given([later])
      .when('2027-03-20', nineToFive, [underThisChange, underTheLaterOne, outsideBoth])
      .then([changed('2027-03-20', nineToFive, ['a-march', 'a-april-late'])]);
  });

  it('judges a weekday the new hours leave out as outside', () => {
    const tuesday = appointment('a-tuesday', '2027-03-23T10:00:00+01:00');
    given([]).when('2027-03-20', nineToFive, [tuesday]).then([changed('2027-03-20', nineToFive, ['a-tuesday'])]);
  });
});

describe('Schedule history entries', () => {
  it('shows new hours against the hours they replace from their date, the initial hours before any change', () => {
    const first = changed('2027-03-20', nineToFive, ['a-1']);
    expect(scheduleChangeOf(EMPTY_DOCTOR_SCHEDULE, first, doctor.initialHours)).toEqual({
      changes: {
        effectiveFrom: { from: null, to: '2027-03-20' },
        workingHours: { from: doctor.initialHours, to: nineToFive },
        outsideHours: { from: null, to: ['a-1'] },
      },
    });
    const afterFirst = evolveDoctorSchedule(EMPTY_DOCTOR_SCHEDULE, first);
    const second = changed('2027-04-01', { mon: [['10:00', '12:00']] });
    expect(scheduleChangeOf(afterFirst, second, doctor.initialHours).changes.workingHours).toEqual({ from: nineToFive, to: { mon: [['10:00', '12:00']] } });
  });

  it('shows a time off with its reason as the note', () => {
    const timeOff = new TimeOffScheduled({
      doctorId: doctor.id,
      timeOffId: 't-1',
      start: '2027-03-24T23:00:00.000Z',
      end: '2027-03-26T23:00:00.000Z',
      reason: 'Conference',
      cancelledAppointmentIds: [],
    });
    expect(scheduleChangeOf(EMPTY_DOCTOR_SCHEDULE, timeOff, doctor.initialHours)).toEqual({
      changes: { timeOff: { from: null, to: { id: 't-1', start: '2027-03-24T23:00:00.000Z', end: '2027-03-26T23:00:00.000Z' } } },
      note: 'Conference',
    });
  });
});
