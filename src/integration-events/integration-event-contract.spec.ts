import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { textProblem } from '../shared/http/text-policy';
import { INTEGRATION_EVENT_TYPES } from './integration-event';
import { assertPublishable, INTEGRATION_EVENT_SCHEMAS } from './integration-event-schemas';
import published from './published-schemas.lock.json';

const SCHEMAS = join(__dirname, 'schemas');

/** A digest of a schema's content, blind to formatting and key order. */
function digest(value: unknown): string {
  const canonical = (v: unknown): string =>
    Array.isArray(v)
      ? `[${v.map(canonical).join(',')}]`
      : v !== null && typeof v === 'object'
        ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`
        : JSON.stringify(v);
  return createHash('sha256').update(canonical(value)).digest('hex');
}

const validBooked = {
  id: '8f1e2d3c-4b5a-5968-8776-655443322110',
  type: 'appointment.booked.v1',
  time: '2027-03-01T10:00:00.000Z',
  appointmentId: '7d0f8a52-3c1e-4f57-9a43-1b7e2c9d6a01',
  payload: {
    resourceType: 'Appointment',
    id: '7d0f8a52-3c1e-4f57-9a43-1b7e2c9d6a01',
    meta: { versionId: '1', lastUpdated: '2027-03-01T10:00:00.000Z' },
    status: 'booked',
    appointmentType: { coding: [{ system: 'urn:clinic:appointment-type', code: '1a2b3c4d-0000-4000-8000-000000000004' }] },
    start: '2027-03-22T08:00:00.000Z',
    end: '2027-03-22T08:30:00.000Z',
    minutesDuration: 30,
    participant: [
      { actor: { reference: 'Patient/1a2b3c4d-0000-4000-8000-000000000002', type: 'Patient' }, required: 'required', status: 'accepted' },
      { actor: { reference: 'Practitioner/1a2b3c4d-0000-4000-8000-000000000001', type: 'Practitioner' }, required: 'required', status: 'accepted' },
      { actor: { reference: 'Location/1a2b3c4d-0000-4000-8000-000000000003', type: 'Location' }, required: 'required', status: 'accepted' },
    ],
  },
};

const validTimeOff = {
  id: '9a1e2d3c-4b5a-5968-8776-655443322111',
  type: 'schedule.time-off-scheduled.v1',
  time: '2027-04-01T10:00:00.000Z',
  doctorId: '1a2b3c4d-0000-4000-8000-000000000001',
  timeOffId: '2b3c4d5e-0000-4000-8000-000000000010',
  payload: {
    resourceType: 'Slot',
    id: '2b3c4d5e-0000-4000-8000-000000000010',
    meta: { versionId: '1', lastUpdated: '2027-04-01T10:00:00.000Z' },
    schedule: { reference: 'Schedule/1a2b3c4d-0000-4000-8000-000000000001', type: 'Schedule' },
    status: 'busy-unavailable',
    start: '2027-04-12T07:00:00.000Z',
    end: '2027-04-16T16:00:00.000Z',
  },
};

const validClosure = {
  id: '9a1e2d3c-4b5a-5968-8776-655443322113',
  type: 'schedule.closure-scheduled.v1',
  time: '2027-04-01T10:00:00.000Z',
  closureId: '2b3c4d5e-0000-4000-8000-000000000020',
  payload: {
    resourceType: 'Slot',
    id: '2b3c4d5e-0000-4000-8000-000000000020',
    meta: { versionId: '1', lastUpdated: '2027-04-01T10:00:00.000Z' },
    schedule: { reference: 'Schedule/clinic', type: 'Schedule' },
    status: 'busy-unavailable',
    start: '2027-04-30T22:00:00.000Z',
    end: '2027-05-01T22:00:00.000Z',
    comment: 'Labour Day',
  },
};

const validWorkingHours = {
  id: '9a1e2d3c-4b5a-5968-8776-655443322112',
  type: 'schedule.working-hours-changed.v1',
  time: '2027-04-01T10:00:00.000Z',
  doctorId: '1a2b3c4d-0000-4000-8000-000000000001',
  payload: {
    resourceType: 'Schedule',
    id: '1a2b3c4d-0000-4000-8000-000000000001',
    meta: { versionId: '2', lastUpdated: '2027-04-01T10:00:00.000Z' },
    active: true,
    actor: [{ reference: 'Practitioner/1a2b3c4d-0000-4000-8000-000000000001', type: 'Practitioner' }],
    planningHorizon: { start: '2027-04-05T00:00:00+02:00' },
    extension: [
      {
        url: 'https://clinic.example/fhir/StructureDefinition/working-hours',
        extension: [
          { url: 'timezone', valueCode: 'Europe/Berlin' },
          { url: 'availableTime', extension: [{ url: 'daysOfWeek', valueCode: 'mon' }, { url: 'availableStartTime', valueString: '09:00' }, { url: 'availableEndTime', valueString: '17:00' }] },
        ],
      },
    ],
  },
};

describe('Published integration event contract', () => {
  it('has a schema for every public type, each naming its own type', () => {
    for (const type of INTEGRATION_EVENT_TYPES) {
      expect(INTEGRATION_EVENT_SCHEMAS[type]).toMatchObject({ properties: { type: { const: type } } });
    }
  });

  it('never changes a published schema: a new shape needs a new version (…v2) and a new lock entry', () => {
    const files = readdirSync(SCHEMAS).filter((file) => file.endsWith('.schema.json')).sort();
    const current = Object.fromEntries(files.map((file) => [file, digest(JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')))]));
    // A schema may be added (then locked here), never edited or removed once published.
    for (const [file, locked] of Object.entries(published)) {
      expect({ file, digest: current[file] }).toEqual({ file, digest: locked });
    }
    expect(files).toEqual(Object.keys(published).sort());
  });

  it('rejects an event whose shape drifts from its version: a renamed, extra or missing field', () => {
    expect(() => assertPublishable(validBooked)).not.toThrow();
    const { start, ...withoutStart } = validBooked.payload;
    expect(() => assertPublishable({ ...validBooked, payload: { ...withoutStart, startTime: start } })).toThrow(/startTime|start/);
    expect(() => assertPublishable({ ...validBooked, payload: { ...validBooked.payload, description: 'Persistent cough' } })).toThrow(/additional/);
    expect(() => assertPublishable({ ...validBooked, payload: { ...validBooked.payload, status: 'cancelled' } })).toThrow(/status/);
    expect(() => assertPublishable({ ...validBooked, type: 'appointment.booked.v9' })).toThrow(/not a published type/);
  });

  it('rejects a schedule event that drifts: an invented FHIR element, a status or schedule of another kind, a comment on time off or on a cancellation', () => {
    expect(() => assertPublishable(validTimeOff)).not.toThrow();
    expect(() => assertPublishable(validClosure)).not.toThrow();
    expect(() => assertPublishable(validWorkingHours)).not.toThrow();
    expect(() => assertPublishable({ ...validTimeOff, payload: { ...validTimeOff.payload, comment: 'Sick leave' } })).toThrow(/must NOT be valid/);
    expect(() => assertPublishable({ ...validTimeOff, payload: { ...validTimeOff.payload, practitioner: 'Practitioner/x' } })).toThrow(/additional/);
    expect(() => assertPublishable({ ...validTimeOff, payload: { ...validTimeOff.payload, status: 'free' } })).toThrow(/status/);
    expect(() => assertPublishable({ ...validTimeOff, payload: { ...validTimeOff.payload, schedule: { reference: 'Schedule/clinic', type: 'Schedule' } } })).toThrow(/reference/);
    const onADoctorsSchedule = { id: validTimeOff.id, type: 'schedule.closure-scheduled.v1', time: validTimeOff.time, closureId: validTimeOff.timeOffId, payload: validTimeOff.payload };
    expect(() => assertPublishable(onADoctorsSchedule)).toThrow(/reference/);
    const cancelled = { ...validTimeOff, type: 'schedule.time-off-cancelled.v1', payload: { ...validTimeOff.payload, status: 'free', meta: { ...validTimeOff.payload.meta, versionId: '2' } } };
    expect(() => assertPublishable(cancelled)).not.toThrow();
    expect(() => assertPublishable({ ...cancelled, payload: { ...cancelled.payload, comment: 'Back early' } })).toThrow(/must NOT be valid/);
    const closureCancelled = { ...validClosure, type: 'schedule.closure-cancelled.v1', payload: { ...validClosure.payload, status: 'free', meta: { ...validClosure.payload.meta, versionId: '2' } } };
    expect(() => assertPublishable(closureCancelled)).toThrow(/must NOT be valid/);
    const { comment: _comment, ...withoutComment } = closureCancelled.payload;
    expect(() => assertPublishable({ ...closureCancelled, payload: withoutComment })).not.toThrow();
    const [hours] = validWorkingHours.payload.extension;
    expect(() => assertPublishable({ ...validWorkingHours, payload: { ...validWorkingHours.payload, extension: [{ ...hours, extension: hours.extension.slice(1) }] } })).toThrow(/contain/);
    expect(() => assertPublishable({ ...validWorkingHours, payload: { ...validWorkingHours.payload, availableTime: [] } })).toThrow(/additional/);
  });

  it('states the free-text policy of the HTTP edge for a Slot comment: the same texts pass and fail', () => {
    const texts = ['Public holiday', 'Line one\nline two\twith a tab\r', 'Ümlaut 😀', '\u2028 paragraph', 'bell \u0007', 'null \u0000', 'C1 \u0085', 'lone \ud800', 'lone \udc00', 'noncharacter \ufffe'];
    for (const comment of texts) {
      const event = { ...validClosure, payload: { ...validClosure.payload, comment } };
      const accepted = (() => {
        try {
          assertPublishable(event);
          return true;
        } catch {
          return false;
        }
      })();
      expect({ comment, accepted }).toEqual({ comment, accepted: textProblem(comment, 'free-text') === undefined });
    }
  });
});
