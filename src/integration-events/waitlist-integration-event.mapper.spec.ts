import { StoredEvent } from '../event-store/stored-event';
import {
  WAITLIST_AGGREGATE_TYPE,
  WAITLIST_EVENTS,
  WaitlistEntryBooked,
  WaitlistEntryCancelled,
  WaitlistEntryFacts,
  WaitlistEvent,
  WaitlistJoined,
  WaitlistOffer,
  WaitlistOfferDeclined,
  WaitlistOfferExpired,
  WaitlistOfferMade,
} from '../waitlist/domain/waitlist.events';
import { APPOINTMENT_TYPE_SYSTEM } from './fhir-appointment';
import { assertPublishable } from './integration-event-schemas';
import { toIntegrationEvent } from './integration-event.mapper';

const entry: WaitlistEntryFacts = {
  entryId: '6f1b2c3d-0000-4000-8000-000000000001',
  patientId: '1a2b3c4d-0000-4000-8000-000000000002',
  appointmentTypeId: '1a2b3c4d-0000-4000-8000-000000000004',
  from: '2027-03-01',
  to: '2027-03-31',
  doctorId: null,
};
const doctorId = '1a2b3c4d-0000-4000-8000-000000000001';
const offer: WaitlistOffer = {
  holdId: '5e0a1b2c-0000-4000-8000-000000000001',
  doctorId,
  roomId: '1a2b3c4d-0000-4000-8000-000000000003',
  start: '2027-03-22T08:00:00.000Z',
  end: '2027-03-22T08:30:00.000Z',
  expiresAt: '2027-03-01T10:15:00.000Z',
};
const appointmentId = '7d0f8a52-3c1e-4f57-9a43-1b7e2c9d6a01';

function stored(event: WaitlistEvent, version: number): StoredEvent {
  return {
    position: 42,
    transactionId: '1000',
    eventId: `c0ffee00-0000-4000-8000-00000000005${version}`,
    aggregateId: entry.entryId,
    aggregateType: WAITLIST_AGGREGATE_TYPE,
    version,
    type: event.type,
    schemaVersion: WAITLIST_EVENTS.classes[event.type].schemaVersion,
    data: event.data,
    metadata: { correlationId: 'c', causationId: 'c', actor: { userId: 'u', role: 'staff' }, requestId: null },
    occurredAt: new Date('2027-03-01T10:00:00.000Z'),
  };
}

const publish = (event: WaitlistEvent, version = 1) => toIntegrationEvent(event, stored(event, version));

const patient = { actor: { reference: `Patient/${entry.patientId}`, type: 'Patient' }, required: 'required', status: 'accepted' };
const offered = {
  start: offer.start,
  end: offer.end,
  slot: [{ reference: `Slot/${offer.holdId}`, type: 'Slot' }],
  participant: [
    patient,
    { actor: { reference: `Practitioner/${doctorId}`, type: 'Practitioner' }, required: 'required', status: 'accepted' },
    { actor: { reference: `Location/${offer.roomId}`, type: 'Location' }, required: 'required', status: 'accepted' },
  ],
};

describe('Waitlist integration event mapping', () => {
  describe('given a patient joins the waitlist', () => {
    it('when published, then it is waitlist.joined.v1: a FHIR Appointment `waitlist` with the window as requestedPeriod and no time yet, valid against its schema', () => {
      const published = publish(new WaitlistJoined(entry));

      expect(published).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        type: 'waitlist.joined.v1',
        time: '2027-03-01T10:00:00.000Z',
        waitlistEntryId: entry.entryId,
        payload: {
          resourceType: 'Appointment',
          id: entry.entryId,
          meta: { versionId: '1', lastUpdated: '2027-03-01T10:00:00.000Z' },
          status: 'waitlist',
          appointmentType: { coding: [{ system: APPOINTMENT_TYPE_SYSTEM, code: entry.appointmentTypeId }] },
          requestedPeriod: [{ start: '2027-03-01', end: '2027-03-31' }],
          participant: [patient],
        },
      });
      expect(() => assertPublishable(published)).not.toThrow();
    });

    it('when the entry asks for one doctor, then that doctor is a participant who has not accepted yet', () => {
      const published = publish(new WaitlistJoined({ ...entry, doctorId }));

      expect(published.payload).toMatchObject({ participant: [patient, { actor: { reference: `Practitioner/${doctorId}`, type: 'Practitioner' }, status: 'needs-action' }] });
      expect(() => assertPublishable(published)).not.toThrow();
    });
  });

  describe('given the entry goes through an offer', () => {
    it('when offered, then it is waitlist.offered.v1: still `waitlist`, with the offer\'s time, its Slot, doctor and room, and the offer\'s hold and expiry beside it', () => {
      const published = publish(new WaitlistOfferMade({ ...entry, offer }), 2);

      expect(published).toEqual(expect.objectContaining({ type: 'waitlist.offered.v1', holdId: offer.holdId, expiresAt: offer.expiresAt }));
      expect(published.payload).toMatchObject({ status: 'waitlist', meta: { versionId: '2' }, ...offered });
      expect(() => assertPublishable(published)).not.toThrow();
    });

    it('when declined, then it is waitlist.offer-declined.v1: waiting again, without the offer', () => {
      const published = publish(new WaitlistOfferDeclined({ ...entry, offer }), 3);

      expect(published).toEqual(expect.objectContaining({ type: 'waitlist.offer-declined.v1', holdId: offer.holdId }));
      expect(published.payload).toEqual(expect.objectContaining({ status: 'waitlist', participant: [patient] }));
      expect(published.payload).not.toHaveProperty('slot');
      expect(() => assertPublishable(published)).not.toThrow();
    });

    it('when the offer expires, then it is waitlist.offer-expired.v1: the entry over, `cancelled`', () => {
      const published = publish(new WaitlistOfferExpired({ ...entry, offer }), 3);

      expect(published).toEqual(expect.objectContaining({ type: 'waitlist.offer-expired.v1', holdId: offer.holdId }));
      expect(published.payload).toEqual(expect.objectContaining({ status: 'cancelled' }));
      expect(() => assertPublishable(published)).not.toThrow();
    });

    it('when accepted, then it is waitlist.booked.v1: `booked` at the offer\'s time, naming the appointment it became', () => {
      const published = publish(new WaitlistEntryBooked({ ...entry, offer, appointmentId }), 3);

      expect(published).toEqual(expect.objectContaining({ type: 'waitlist.booked.v1', holdId: offer.holdId, appointmentId }));
      expect(published.payload).toMatchObject({ status: 'booked', ...offered });
      expect(() => assertPublishable(published)).not.toThrow();
    });

    it('when taken off the list, then it is waitlist.cancelled.v1: `cancelled`, without an offer', () => {
      const published = publish(new WaitlistEntryCancelled(entry), 2);

      expect(published).toEqual(expect.objectContaining({ type: 'waitlist.cancelled.v1', payload: expect.objectContaining({ status: 'cancelled', participant: [patient] }) }));
      expect(() => assertPublishable(published)).not.toThrow();
    });
  });

  describe('given a waitlist event that drifts from its schema', () => {
    it('when checked, then a time without its Slot, an offer without its time, a second patient or another status is refused', () => {
      const joined = publish(new WaitlistJoined(entry));
      const made = publish(new WaitlistOfferMade({ ...entry, offer }), 2);
      const { start: _start, end: _end, ...withoutTime } = made.payload as unknown as Record<string, unknown>;

      expect(() => assertPublishable({ ...joined, payload: { ...joined.payload, start: offer.start, end: offer.end } })).toThrow(/slot/);
      expect(() => assertPublishable({ ...made, payload: withoutTime })).toThrow(/start/);
      expect(() => assertPublishable({ ...joined, payload: { ...joined.payload, participant: [patient, patient] } })).toThrow(/contain/);
      expect(() => assertPublishable({ ...joined, payload: { ...joined.payload, status: 'booked' } })).toThrow(/status/);
      expect(() => assertPublishable({ ...joined, payload: { ...joined.payload, comment: 'prefers mornings' } })).toThrow(/additional/);
    });
  });
});
