import { randomUUID } from 'node:crypto';
import { HOLD_AGGREGATE_TYPE, HOLD_EVENTS, HoldEvent, HoldFacts } from '../../src/appointments/domain/hold.events';
import { StoredEvent } from '../../src/event-store/stored-event';
import { WAITLIST_AGGREGATE_TYPE, WAITLIST_EVENTS, WaitlistEntryFacts, WaitlistEvent, WaitlistOffer } from '../../src/waitlist/domain/waitlist.events';
import { demo } from './demo';

/** Sample facts of the booking flows' events, for the specs of the subscribers that map them (live messages, integration events). */
export const sampleDoctorId = '1a2b3c4d-0000-4000-8000-000000000001';
export const samplePatientId = '1a2b3c4d-0000-4000-8000-000000000002';
export const sampleAppointmentId = '7d0f8a52-3c1e-4f57-9a43-1b7e2c9d6a01';

/** A hold of Dr sampleDoctorId for samplePatientId, 22 March 2027 08:00–08:30 UTC, placed at 10:00 on 1 March for ten minutes. */
export const sampleHold: HoldFacts = {
  holdId: '5e0a1b2c-0000-4000-8000-000000000001',
  doctorId: sampleDoctorId,
  roomId: '1a2b3c4d-0000-4000-8000-000000000003',
  patientId: samplePatientId,
  appointmentTypeId: '1a2b3c4d-0000-4000-8000-000000000004',
  start: '2027-03-22T08:00:00.000Z',
  end: '2027-03-22T08:30:00.000Z',
  bufferBeforeMinutes: 5,
  bufferAfterMinutes: 10,
  expiresAt: '2027-03-01T10:10:00.000Z',
  waitlistEntryId: null,
};

/**
 * The slot of the hold POST /holds places in the demo clinic for holdBody's defaults at 08:00 UTC
 * on 1 March 2027, for ten minutes: Dr. Weber, Mia and room 1, a consultation (20 minutes, 5
 * after) on Monday 22 March 2027 09:00 Berlin (CET).
 */
export const demoHeldSlot = {
  doctorId: demo.weber.id,
  roomId: demo.room1.id,
  patientId: demo.mia.id,
  appointmentTypeId: demo.consultation.id,
  start: '2027-03-22T08:00:00.000Z',
  end: '2027-03-22T08:20:00.000Z',
  expiresAt: '2027-03-01T08:10:00.000Z',
  waitlistEntryId: null,
};

/** A hold of demoHeldSlot with the consultation's buffers and an id of its own. */
export function aDemoHold(overrides: Partial<HoldFacts> = {}): HoldFacts {
  return { holdId: randomUUID(), ...demoHeldSlot, bufferBeforeMinutes: 0, bufferAfterMinutes: 5, ...overrides };
}

/** samplePatientId waiting for any doctor in March 2027. */
export const sampleWaitlistEntry: WaitlistEntryFacts = {
  entryId: '6f1b2c3d-0000-4000-8000-000000000001',
  patientId: samplePatientId,
  appointmentTypeId: sampleHold.appointmentTypeId,
  from: '2027-03-01',
  to: '2027-03-31',
  doctorId: null,
};

/** The offer of sampleHold's slot to sampleWaitlistEntry, open for fifteen minutes. */
export const sampleOffer: WaitlistOffer = {
  holdId: sampleHold.holdId,
  doctorId: sampleDoctorId,
  roomId: sampleHold.roomId,
  start: sampleHold.start,
  end: sampleHold.end,
  expiresAt: '2027-03-01T10:15:00.000Z',
};

/** Where an event sits in the log, for storedEventOf. */
export interface LogPlace {
  position: number;
  transactionId: string;
  version: number;
  eventId: string;
  correlationId?: string;
}

function stored(aggregateType: string, aggregateId: string, schemaVersion: number, event: { type: string; data: object }, at: LogPlace): StoredEvent {
  return {
    position: at.position,
    transactionId: at.transactionId,
    eventId: at.eventId,
    aggregateId,
    aggregateType,
    version: at.version,
    type: event.type,
    schemaVersion,
    data: event.data,
    metadata: { correlationId: at.correlationId ?? 'c', causationId: 'c', actor: { userId: 'u', role: 'staff' }, requestId: null },
    occurredAt: new Date('2027-03-01T10:00:00.000Z'),
  };
}

/** A hold event of sampleHold as the log stores it, sent by staff at 10:00 on 1 March 2027. */
export function storedHoldEvent(event: HoldEvent, at: LogPlace): StoredEvent {
  return stored(HOLD_AGGREGATE_TYPE, sampleHold.holdId, HOLD_EVENTS.classes[event.type].schemaVersion, event, at);
}

/** A waitlist event of sampleWaitlistEntry as the log stores it, sent by staff at 10:00 on 1 March 2027. */
export function storedWaitlistEvent(event: WaitlistEvent, at: LogPlace): StoredEvent {
  return stored(WAITLIST_AGGREGATE_TYPE, sampleWaitlistEntry.entryId, WAITLIST_EVENTS.classes[event.type].schemaVersion, event, at);
}
