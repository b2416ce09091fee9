import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
});
