import { sampleAppointmentId, sampleHold, storedHoldEvent } from '../../../test/support/booking-flow-events';
import { HoldConverted, HoldEvent, HoldExpired, HoldReleased, SlotHeld } from '../../appointments/domain/hold.events';
import { Actor } from '../../shared/auth/actor';
import { holdDeliveries } from './live-hold-deliveries';
import { mayReceive } from './live-message';

const hold = sampleHold;
const appointmentId = sampleAppointmentId;

function delivered(event: HoldEvent, position: number) {
  const stored = storedHoldEvent(event, {
    position,
    transactionId: String(1000 + position),
    version: 1,
    eventId: `c0ffee00-0000-4000-8000-0000000000${position}`,
    correlationId: `corr-${position}`,
  });
  return { event, stored };
}

const staff: Actor = { userId: 'desk', role: 'staff' };
const theDoctor: Actor = { userId: 'd', role: 'doctor', doctorId: hold.doctorId };
const anotherDoctor: Actor = { userId: 'd2', role: 'doctor', doctorId: '1a2b3c4d-0000-4000-8000-0000000000ff' };
const thePatient: Actor = { userId: 'p', role: 'patient', patientId: hold.patientId };
const anotherPatient: Actor = { userId: 'p2', role: 'patient', patientId: '1a2b3c4d-0000-4000-8000-0000000000fe' };

describe('Live hold messages', () => {
  describe('given a slot held', () => {
    it('when delivered, then it is a `hold` message with the hold as it stands, its expiry and the request\'s correlation id', () => {
      const [delivery] = holdDeliveries([delivered(new SlotHeld(hold), 41)]);

      expect(delivery).toEqual({
        channel: 'hold',
        message: {
          position: 41,
          eventType: 'SlotHeld',
          hold: {
            id: hold.holdId,
            status: 'held',
            doctorId: hold.doctorId,
            roomId: hold.roomId,
            patientId: hold.patientId,
            appointmentTypeId: hold.appointmentTypeId,
            start: hold.start,
            end: hold.end,
            expiresAt: hold.expiresAt,
            waitlistEntryId: null,
            appointmentId: null,
          },
          correlationId: 'corr-41',
        },
        transactionId: '1041',
        doctors: [hold.doctorId],
        patientId: hold.patientId,
      });
    });

    it('when delivered, then staff, the hold\'s doctor and the hold\'s patient receive it, and nobody else', () => {
      const [delivery] = holdDeliveries([delivered(new SlotHeld(hold), 41)]);

      expect([staff, theDoctor, anotherDoctor, thePatient, anotherPatient].map((actor) => mayReceive(actor, delivery))).toEqual([true, true, false, true, false]);
    });
  });

  describe('given the hold ends', () => {
    it('when converted, released or expired, then each message says how it ended, in the order of the events', () => {
      const deliveries = holdDeliveries([
        delivered(new HoldConverted({ ...hold, appointmentId }), 42),
        delivered(new HoldReleased(hold), 43),
        delivered(new HoldExpired(hold), 44),
      ]);

      expect(deliveries.map(({ message }) => ({ position: message.position, eventType: message.eventType, hold: 'hold' in message ? message.hold : null }))).toEqual([
        { position: 42, eventType: 'HoldConverted', hold: expect.objectContaining({ status: 'converted', appointmentId }) },
        { position: 43, eventType: 'HoldReleased', hold: expect.objectContaining({ status: 'released', appointmentId: null }) },
        { position: 44, eventType: 'HoldExpired', hold: expect.objectContaining({ status: 'expired', appointmentId: null }) },
      ]);
    });
  });

  describe('given a hold that is a waitlist offer', () => {
    it('when delivered, then the message names the entry it is offered to', () => {
      const waitlistEntryId = '6f1b2c3d-0000-4000-8000-000000000001';
      const [delivery] = holdDeliveries([delivered(new SlotHeld({ ...hold, waitlistEntryId }), 45)]);

      expect(delivery.message).toMatchObject({ hold: { waitlistEntryId, status: 'held' } });
    });
  });
});
