import { sampleAppointmentId, sampleHold, storedHoldEvent } from '../../test/support/booking-flow-events';
import { HoldConverted, HoldEvent, HoldExpired, HoldReleased, SlotHeld } from '../appointments/domain/hold.events';
import { StoredEvent } from '../event-store/stored-event';
import { APPOINTMENT_TYPE_SYSTEM } from './fhir-appointment';
import { assertPublishable } from './integration-event-schemas';
import { toIntegrationEvent } from './integration-event.mapper';

const hold = sampleHold;
const appointmentId = sampleAppointmentId;

function stored(event: HoldEvent, version: number): StoredEvent {
  return storedHoldEvent(event, { position: 42, transactionId: '1000', version, eventId: `c0ffee00-0000-4000-8000-00000000004${version}` });
}

const publish = (event: HoldEvent, version = 1) => toIntegrationEvent(event, stored(event, version));

const slot = (status: string, versionId: string) => ({
  resourceType: 'Slot',
  id: hold.holdId,
  meta: { versionId, lastUpdated: '2027-03-01T10:00:00.000Z' },
  schedule: { reference: `Schedule/${hold.doctorId}`, type: 'Schedule' },
  status,
  appointmentType: { coding: [{ system: APPOINTMENT_TYPE_SYSTEM, code: hold.appointmentTypeId }] },
  start: hold.start,
  end: hold.end,
});

describe('Slot integration event mapping (holds)', () => {
  describe('given a slot held', () => {
    it('when published, then it is slot.held.v1: a busy-tentative FHIR Slot on the doctor\'s schedule, with the room and the expiry beside it, valid against its schema', () => {
      const published = publish(new SlotHeld(hold));

      expect(published).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        type: 'slot.held.v1',
        time: '2027-03-01T10:00:00.000Z',
        holdId: hold.holdId,
        doctorId: hold.doctorId,
        roomId: hold.roomId,
        expiresAt: hold.expiresAt,
        payload: slot('busy-tentative', '1'),
      });
      expect(() => assertPublishable(published)).not.toThrow();
    });

    it('when published, then neither the patient nor the buffers are in it: a Slot is time on a schedule', () => {
      const text = JSON.stringify(publish(new SlotHeld(hold)));

      expect(text).not.toContain(hold.patientId);
      expect(text).not.toMatch(/buffer/i);
    });
  });

  describe('given the hold ends', () => {
    it('when converted, then it is slot.booked.v1: the Slot busy, naming the appointment it became', () => {
      const published = publish(new HoldConverted({ ...hold, appointmentId }), 2);

      expect(published).toEqual(expect.objectContaining({ type: 'slot.booked.v1', holdId: hold.holdId, appointmentId, payload: slot('busy', '2') }));
      expect(() => assertPublishable(published)).not.toThrow();
    });

    it('when released or expired, then it is slot.released.v1 or slot.expired.v1: the Slot free', () => {
      const released = publish(new HoldReleased(hold), 2);
      const expired = publish(new HoldExpired(hold), 2);

      expect(released).toEqual(expect.objectContaining({ type: 'slot.released.v1', payload: slot('free', '2') }));
      expect(expired).toEqual(expect.objectContaining({ type: 'slot.expired.v1', payload: slot('free', '2') }));
      expect(() => assertPublishable(released)).not.toThrow();
      expect(() => assertPublishable(expired)).not.toThrow();
    });

    it('when one source event is published twice, then both carry the same id; each type its own', () => {
      expect(publish(new SlotHeld(hold)).id).toBe(publish(new SlotHeld(hold)).id);
      expect(publish(new HoldReleased(hold)).id).not.toBe(publish(new HoldExpired(hold)).id);
    });
  });

  describe('given a slot event that drifts from its schema', () => {
    it('when checked, then a status of another stage, an expiry missing or an invented element is refused', () => {
      const held = publish(new SlotHeld(hold));
      const { expiresAt: _expiresAt, ...withoutExpiry } = held as unknown as Record<string, unknown>;

      expect(() => assertPublishable({ ...held, payload: { ...held.payload, status: 'free' } })).toThrow(/status/);
      expect(() => assertPublishable(withoutExpiry)).toThrow(/expiresAt/);
      expect(() => assertPublishable({ ...held, payload: { ...held.payload, comment: 'for Ms. Example' } })).toThrow(/additional/);
      expect(() => assertPublishable({ ...held, payload: { ...held.payload, schedule: { reference: 'Schedule/clinic', type: 'Schedule' } } })).toThrow(/reference/);
      const booked = publish(new HoldConverted({ ...hold, appointmentId }), 2);
      expect(() => assertPublishable({ ...booked, payload: { ...booked.payload, status: 'busy-tentative' } })).toThrow(/status/);
    });
  });
});
