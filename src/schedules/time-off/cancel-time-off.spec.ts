import { RecordNotFound } from '../../shared/application-errors';
import { DoctorScheduleEvent, TimeOffCancelled, TimeOffScheduled } from '../domain/schedule.events';
import { evolveDoctorSchedule } from '../domain/schedule.evolve';
import { EMPTY_DOCTOR_SCHEDULE } from '../domain/schedule.state';
import { decideCancelTimeOff } from './cancel-time-off';

const doctorId = 'd0000000-0000-4000-8000-000000000001';
const timeOffId = 'b0000000-0000-4000-8000-000000000001';
const time = { start: '2027-03-21T23:00:00.000Z', end: '2027-03-26T23:00:00.000Z' };
const scheduled = new TimeOffScheduled({ doctorId, timeOffId, ...time, reason: 'Annual leave', cancelledAppointmentIds: [] });
const cancelled = new TimeOffCancelled({ doctorId, timeOffId, ...time });

function given(history: DoctorScheduleEvent[]) {
  const state = history.reduce(evolveDoctorSchedule, EMPTY_DOCTOR_SCHEDULE);
  return {
    when: (id: string) => {
      const decide = () => [decideCancelTimeOff(doctorId, id, state)];
      return {
        then: (expected: DoctorScheduleEvent[]) => expect(decide()).toEqual(expected),
        thenFails: (error: new (...args: never[]) => Error) => expect(decide).toThrow(error),
      };
    },
  };
}

describe('CancelTimeOff', () => {
  it('cancels a time off of the doctor, with the time it gives back', () => {
    given([scheduled]).when(timeOffId).then([cancelled]);
  });

  it('does not know a time off of another doctor, or one already cancelled', () => {
    given([scheduled]).when('b0000000-0000-4000-8000-000000000002').thenFails(RecordNotFound);
    given([scheduled, cancelled]).when(timeOffId).thenFails(RecordNotFound);
    given([]).when('__proto__').thenFails(RecordNotFound);
  });
});
