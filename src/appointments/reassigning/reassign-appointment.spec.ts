import { InvalidTransition, NothingToReassign, OutsideWorkingHours } from '../domain/appointment.errors';
import { AppointmentReassigned } from '../domain/appointment.events';
import { Appointment } from '../domain/appointment.state';
import { DoctorHours } from '../domain/working-hours';
import { decideReassign } from './reassign-appointment';
import { berlinDoctor, checkedIn, created, facts, given, otherDoctor, otherRoomId, roomId } from '../../../test/support/appointment-decisions';

describe('ReassignAppointment', () => {
  const reassign = (change: { doctor?: DoctorHours; roomId?: string }) => (state: Appointment) =>
    decideReassign({ currentDoctor: berlinDoctor, comment: 'Dr. Weber is on leave', ...change }, state);

  it('moves a booked appointment to another doctor and room', () => {
    given([created])
      .when(reassign({ doctor: otherDoctor, roomId: otherRoomId }))
      .then([
        new AppointmentReassigned({
          ...facts,
          doctorId: otherDoctor.id,
          roomId: otherRoomId,
          previousDoctorId: berlinDoctor.id,
          previousRoomId: roomId,
          comment: 'Dr. Weber is on leave',
        }),
      ]);
  });

  it('can change the room alone', () => {
    given([created])
      .when(reassign({ roomId: otherRoomId }))
      .then([
        new AppointmentReassigned({
          ...facts,
          roomId: otherRoomId,
          previousDoctorId: berlinDoctor.id,
          previousRoomId: roomId,
          comment: 'Dr. Weber is on leave',
        }),
      ]);
  });

  it('refuses a change that changes nothing', () => {
    given([created]).when(reassign({ doctor: berlinDoctor, roomId })).thenFails(NothingToReassign);
  });

  it('refuses a new doctor who does not work at that time', () => {
    const mornings: DoctorHours = { ...otherDoctor, workingHours: { mon: [['13:00', '17:00']] } };
    given([created]).when(reassign({ doctor: mornings })).thenFails(OutsideWorkingHours);
  });

  it('only reassigns a booked appointment', () => {
    given([created, checkedIn]).when(reassign({ roomId: otherRoomId })).thenFails(InvalidTransition);
  });
});
