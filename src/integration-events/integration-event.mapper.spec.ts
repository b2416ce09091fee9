import { randomUUID } from 'node:crypto';
import {
  AppointmentCancelled,
  AppointmentCheckedIn,
  AppointmentCompleted,
  AppointmentCreated,
  AppointmentEvent,
  AppointmentEventType,
  AppointmentFacts,
  AppointmentNoShowRecorded,
  AppointmentReassigned,
  AppointmentRescheduled,
  APPOINTMENT_EVENT_CLASSES,
} from '../appointments/domain/appointment.events';
import { decodeAppointmentEvent } from '../appointments/persistence/appointment-event.codec';
import { StoredEvent } from '../event-store/stored-event';
import { assertPublishable } from './integration-event-schemas';
import { toIntegrationEvent } from './integration-event.mapper';

const MARKER = 'PRIVATE-MARKER';
const facts: AppointmentFacts = {
  appointmentId: '7d0f8a52-3c1e-4f57-9a43-1b7e2c9d6a01',
  doctorId: '1a2b3c4d-0000-4000-8000-000000000001',
  patientId: '1a2b3c4d-0000-4000-8000-000000000002',
  roomId: '1a2b3c4d-0000-4000-8000-000000000003',
  appointmentTypeId: '1a2b3c4d-0000-4000-8000-000000000004',
  start: '2027-03-22T08:00:00.000Z',
  end: '2027-03-22T08:30:00.000Z',
};

/** One internal event of every type, each with free text that must never be published. */
const internalEvents: Record<AppointmentEventType, AppointmentEvent> = {
  AppointmentCreated: new AppointmentCreated({ ...facts, title: MARKER, bufferBeforeMinutes: 5, bufferAfterMinutes: 10 }),
  AppointmentRescheduled: new AppointmentRescheduled({ ...facts, previousStart: '2027-03-22T07:00:00.000Z', previousEnd: '2027-03-22T07:30:00.000Z' }),
  AppointmentReassigned: new AppointmentReassigned({ ...facts, previousDoctorId: randomUUID(), previousRoomId: randomUUID(), comment: MARKER }),
  AppointmentCheckedIn: new AppointmentCheckedIn({ ...facts, checkedInAt: '2027-03-22T07:55:00.000Z' }),
  AppointmentCompleted: new AppointmentCompleted({ ...facts, completedAt: '2027-03-22T08:31:00.000Z' }),
  AppointmentNoShowRecorded: new AppointmentNoShowRecorded({ ...facts, recordedAt: '2027-03-22T08:20:00.000Z' }),
  AppointmentCancelled: new AppointmentCancelled({ ...facts, reason: MARKER, previousStatus: 'booked' }),
};

function stored(event: { type: string; data: unknown }, overrides: Partial<StoredEvent> = {}): StoredEvent {
  return {
    position: 42,
    transactionId: '1000',
    eventId: 'c0ffee00-0000-4000-8000-000000000042',
    aggregateId: facts.appointmentId,
    aggregateType: 'Appointment',
    version: 3,
    type: event.type,
    schemaVersion: APPOINTMENT_EVENT_CLASSES[event.type as AppointmentEventType].schemaVersion,
    data: event.data,
    metadata: { correlationId: 'c', causationId: 'c', actor: { userId: 'u', role: 'staff' }, requestId: null },
    occurredAt: new Date('2027-03-01T10:00:00.000Z'),
    ...overrides,
  };
}

describe('Integration event mapping', () => {
  const expected: Record<AppointmentEventType, [string, string]> = {
    AppointmentCreated: ['appointment.booked.v1', 'booked'],
    AppointmentRescheduled: ['appointment.rescheduled.v1', 'booked'],
    AppointmentReassigned: ['appointment.reassigned.v1', 'booked'],
    AppointmentCheckedIn: ['appointment.checked-in.v1', 'checked-in'],
    AppointmentCompleted: ['appointment.fulfilled.v1', 'fulfilled'],
    AppointmentNoShowRecorded: ['appointment.noshow.v1', 'noshow'],
    AppointmentCancelled: ['appointment.cancelled.v1', 'cancelled'],
  };

  it.each(Object.keys(expected) as AppointmentEventType[])('given %s, publishes its public event with the FHIR status, valid against its schema', (type) => {
    const published = toIntegrationEvent(internalEvents[type], stored(internalEvents[type]));

    expect(published).toMatchObject({
      type: expected[type][0],
      time: '2027-03-01T10:00:00.000Z',
      appointmentId: facts.appointmentId,
      payload: {
        resourceType: 'Appointment',
        id: facts.appointmentId,
        meta: { versionId: '3', lastUpdated: '2027-03-01T10:00:00.000Z' },
        status: expected[type][1],
        start: facts.start,
        end: facts.end,
        minutesDuration: 30,
        appointmentType: { coding: [{ system: 'urn:clinic:appointment-type', code: facts.appointmentTypeId }] },
        participant: [
          { actor: { reference: `Patient/${facts.patientId}`, type: 'Patient' } },
          { actor: { reference: `Practitioner/${facts.doctorId}`, type: 'Practitioner' } },
          { actor: { reference: `Location/${facts.roomId}`, type: 'Location' } },
        ],
      },
    });
    expect(() => assertPublishable(published)).not.toThrow();
    expect(JSON.stringify(published)).not.toContain(MARKER);
  });

  it('maps every internal event type', () => {
    expect(Object.keys(expected).sort()).toEqual(Object.keys(APPOINTMENT_EVENT_CLASSES).sort());
  });

  it('gives the same source event the same id every time, and different events different ids', () => {
    const event = internalEvents.AppointmentCreated;
    const first = toIntegrationEvent(event, stored(event));
    expect(toIntegrationEvent(event, stored(event)).id).toBe(first.id);
    expect(toIntegrationEvent(event, stored(event, { eventId: randomUUID() })).id).not.toBe(first.id);
    expect(first.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('publishes the same event when an internal field is renamed: AppointmentCreated v1 (startsAt/endsAt) and v2 (start/end)', () => {
    const { start, end, bufferBeforeMinutes: _before, bufferAfterMinutes: _after, ...rest } = internalEvents.AppointmentCreated.data as AppointmentCreated['data'];
    const v1 = stored({ type: 'AppointmentCreated', data: { ...rest, startsAt: start, endsAt: end } }, { schemaVersion: 1 });
    const v2 = stored(internalEvents.AppointmentCreated);

    expect(toIntegrationEvent(decodeAppointmentEvent(v1), v1)).toEqual(toIntegrationEvent(decodeAppointmentEvent(v2), v2));
  });
});
