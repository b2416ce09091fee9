import { HOLD_AGGREGATE_TYPE, HOLD_EVENTS, HoldConverted, HoldEvent, HoldExpired, HoldFacts, HoldReleased, SlotHeld } from '../../appointments/domain/hold.events';
import { StoredEvent } from '../../event-store/stored-event';
import { Actor } from '../../shared/auth/actor';
import { holdDeliveries } from './live-hold-deliveries';
import { mayReceive } from './live-message';

const hold: HoldFacts = {
  holdId: '5e0a1b2c-0000-4000-8000-000000000001',
  doctorId: '1a2b3c4d-0000-4000-8000-000000000001',
  roomId: '1a2b3c4d-0000-4000-8000-000000000003',
  patientId: '1a2b3c4d-0000-4000-8000-000000000002',
  appointmentTypeId: '1a2b3c4d-0000-4000-8000-000000000004',
  start: '2027-03-22T08:00:00.000Z',
  end: '2027-03-22T08:30:00.000Z',
  bufferBeforeMinutes: 5,
  bufferAfterMinutes: 10,
  expiresAt: '2027-03-01T10:10:00.000Z',
  waitlistEntryId: null,
};
const appointmentId = '7d0f8a52-3c1e-4f57-9a43-1b7e2c9d6a01';

function delivered(event: HoldEvent, position: number) {
  const stored: StoredEvent = {
    position,
    transactionId: String(1000 + position),
    eventId: `c0ffee00-0000-4000-8000-0000000000${position}`,
    aggregateId: hold.holdId,
    aggregateType: HOLD_AGGREGATE_TYPE,
    version: 1,
    type: event.type,
    schemaVersion: HOLD_EVENTS.classes[event.type].schemaVersion,
    data: event.data,
    metadata: { correlationId: `corr-${position}`, causationId: 'c', actor: { userId: 'u', role: 'staff' }, requestId: null },
    occurredAt: new Date('2027-03-01T10:00:00.000Z'),
  };
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
