import { StartInPast } from '../../appointments/domain/appointment.errors';
import { AppointmentsInTheWay, BlockReasonRequired } from '../domain/block.errors';
import { Occupant } from '../domain/block-rules';
import { ClinicClosureScheduled } from '../domain/schedule.events';
import { ClosureRequest, decideClosure } from './schedule-closure';

const closureId = 'c0000000-0000-4000-8000-000000000001';
const now = new Date('2027-03-01T08:00:00Z');
// Christmas Eve to Boxing Day, in Berlin (CET, UTC+1).
const christmas: ClosureRequest = { closureId, start: '2027-12-24T00:00:00+01:00', end: '2027-12-27T00:00:00+01:00', reason: 'Christmas', cancelAppointments: false };
const appointments: Occupant[] = [
  { kind: 'appointment', id: 'a0000000-0000-4000-8000-000000000001', start: '2027-12-24T08:00:00.000Z', end: '2027-12-24T08:20:00.000Z' },
  { kind: 'appointment', id: 'a0000000-0000-4000-8000-000000000002', start: '2027-12-24T09:00:00.000Z', end: '2027-12-24T09:40:00.000Z' },
];
const scheduled = (cancelledAppointmentIds: string[] = []) =>
  new ClinicClosureScheduled({ closureId, start: '2027-12-23T23:00:00.000Z', end: '2027-12-26T23:00:00.000Z', reason: 'Christmas', cancelledAppointmentIds });

/** given nothing (a closure is a stream of its own) when the closure is decided with what is in its way. */
function when(request: ClosureRequest, inTheWay: Occupant[] = [], at = now) {
  const decide = () => [decideClosure(request, null, inTheWay, at)];
  return {
    then: (expected: ClinicClosureScheduled[]) => expect(decide()).toEqual(expected),
    thenFails: (error: new (...args: never[]) => Error) => expect(decide).toThrow(error),
  };
}

describe('ScheduleClosure', () => {
  it('closes the clinic in UTC, with its reason', () => {
    when(christmas).then([scheduled()]);
  });

  it('refuses a blank reason and a start in the past', () => {
    when({ ...christmas, reason: ' \n ' }).thenFails(BlockReasonRequired);
    when(christmas, [], new Date('2027-12-24T12:00:00Z')).thenFails(StartInPast);
  });

  it('lists every booked appointment of the clinic in the way, or cancels them all when asked', () => {
    expect(() => decideClosure(christmas, null, appointments, now)).toThrow(
      expect.objectContaining({ details: { conflicts: appointments.map(({ id, start, end }) => ({ appointmentId: id, start, end })) } }),
    );
    when(christmas, appointments).thenFails(AppointmentsInTheWay);
    when({ ...christmas, cancelAppointments: true }, appointments).then([scheduled(appointments.map(({ id }) => id))]);
  });
});
