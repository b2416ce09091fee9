import { AppointmentCancelled, AppointmentReassigned, AppointmentRescheduled } from '../../appointments/domain/appointment.events';
import { HoldExpired } from '../../appointments/domain/hold.events';
import { ClinicClosureCancelled, RoomBlockCancelled, TimeOffCancelled } from '../../schedules/domain/schedule.events';
import { freedTimeOf } from './freed-time';

const doctorId = '4f1c2a10-5b6e-4c1d-9a4e-0d1f2a3b4c01';
const otherDoctorId = '4f1c2a10-5b6e-4c1d-9a4e-0d1f2a3b4c02';
const roomId = '9c8d7e60-2a3b-4c5d-8e6f-7a8b9c0d0001';
const otherRoomId = '9c8d7e60-2a3b-4c5d-8e6f-7a8b9c0d0002';
const time = { start: '2027-03-23T08:00:00.000Z', end: '2027-03-23T08:20:00.000Z' };
const appointment = { appointmentId: 'a0000000-0000-4000-8000-000000000001', doctorId, patientId: '7a2b3c40-1d2e-4f3a-8b4c-5d6e7f800001', roomId, appointmentTypeId: 'b1a2c3d4-0e1f-4a2b-9c3d-4e5f6a7b0001', ...time };

describe('The time an event frees', () => {
  it("is a cancelled appointment's slot, and an expired hold's", () => {
    expect(freedTimeOf(new AppointmentCancelled({ ...appointment, reason: 'ill', previousStatus: 'booked' }))).toEqual({ doctorId, roomId, ...time });
    const hold = { holdId: 'c0000000-0000-4000-8000-000000000001', doctorId, roomId, patientId: appointment.patientId, appointmentTypeId: appointment.appointmentTypeId, ...time, bufferBeforeMinutes: 0, bufferAfterMinutes: 5, expiresAt: time.start, waitlistEntryId: null };
    expect(freedTimeOf(new HoldExpired(hold))).toEqual({ doctorId, roomId, ...time });
  });

  it("is a rescheduled appointment's previous slot", () => {
    const moved = new AppointmentRescheduled({ ...appointment, start: '2027-03-24T08:00:00.000Z', end: '2027-03-24T08:20:00.000Z', previousStart: time.start, previousEnd: time.end });
    expect(freedTimeOf(moved)).toEqual({ doctorId, roomId, ...time });
  });

  it('is the time a reassignment leaves: the previous doctor with any room, or the previous room with any doctor', () => {
    const reassigned = (to: { doctorId: string; roomId: string }) => new AppointmentReassigned({ ...appointment, ...to, previousDoctorId: doctorId, previousRoomId: roomId, comment: 'cover' });
    expect(freedTimeOf(reassigned({ doctorId: otherDoctorId, roomId }))).toEqual({ doctorId, roomId: null, ...time });
    expect(freedTimeOf(reassigned({ doctorId, roomId: otherRoomId }))).toEqual({ doctorId: null, roomId, ...time });
    expect(freedTimeOf(reassigned({ doctorId, roomId }))).toBeNull();
  });

  it('is a cancelled time off for its doctor, a room block for its room, a closure for everyone', () => {
    expect(freedTimeOf(new TimeOffCancelled({ doctorId, timeOffId: 'b0000000-0000-4000-8000-000000000001', ...time }))).toEqual({ doctorId, roomId: null, ...time });
    expect(freedTimeOf(new RoomBlockCancelled({ blockId: 'b0000000-0000-4000-8000-000000000002', roomId, ...time }))).toEqual({ doctorId: null, roomId, ...time });
    expect(freedTimeOf(new ClinicClosureCancelled({ closureId: 'b0000000-0000-4000-8000-000000000003', ...time }))).toEqual({ doctorId: null, roomId: null, ...time });
  });
});
