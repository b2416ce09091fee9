import { StoredEvent } from '../event-store/stored-event';
import { sampleAppointmentId, sampleDoctorId, sampleOffer, sampleWaitlistEntry, storedWaitlistEvent } from '../../test/support/booking-flow-events';
import {
  WaitlistEntryBooked,
  WaitlistEntryCancelled,
  WaitlistEvent,
  WaitlistJoined,
  WaitlistOfferDeclined,
  WaitlistOfferExpired,
  WaitlistOfferMade,
} from '../waitlist/domain/waitlist.events';
import { APPOINTMENT_TYPE_SYSTEM } from './fhir-appointment';
import { assertPublishable } from './integration-event-schemas';
import { toIntegrationEvent } from './integration-event.mapper';

const entry = sampleWaitlistEntry;
const doctorId = sampleDoctorId;
const offer = sampleOffer;
const appointmentId = sampleAppointmentId;

function stored(event: WaitlistEvent, version: number): StoredEvent {
  return storedWaitlistEvent(event, { position: 42, transactionId: '1000', version, eventId: `c0ffee00-0000-4000-8000-00000000005${version}` });
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
