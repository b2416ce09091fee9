import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { IntegrationEventType } from './integration-event';
import booked from './schemas/appointment.booked.v1.schema.json';
import cancelled from './schemas/appointment.cancelled.v1.schema.json';
import checkedIn from './schemas/appointment.checked-in.v1.schema.json';
import fulfilled from './schemas/appointment.fulfilled.v1.schema.json';
import noShow from './schemas/appointment.noshow.v1.schema.json';
import reassigned from './schemas/appointment.reassigned.v1.schema.json';
import rescheduled from './schemas/appointment.rescheduled.v1.schema.json';
import fhirAppointment from './schemas/fhir-appointment.v1.schema.json';
import fhirHeldSlot from './schemas/fhir-held-slot.v1.schema.json';
import fhirSchedule from './schemas/fhir-schedule.v1.schema.json';
import fhirSlot from './schemas/fhir-slot.v1.schema.json';
import fhirWaitlistAppointment from './schemas/fhir-waitlist-appointment.v1.schema.json';
import closureCancelled from './schemas/schedule.closure-cancelled.v1.schema.json';
import closureScheduled from './schemas/schedule.closure-scheduled.v1.schema.json';
import roomBlockCancelled from './schemas/schedule.room-block-cancelled.v1.schema.json';
import roomBlockScheduled from './schemas/schedule.room-block-scheduled.v1.schema.json';
import timeOffCancelled from './schemas/schedule.time-off-cancelled.v1.schema.json';
import timeOffScheduled from './schemas/schedule.time-off-scheduled.v1.schema.json';
import workingHoursChanged from './schemas/schedule.working-hours-changed.v1.schema.json';
import slotBooked from './schemas/slot.booked.v1.schema.json';
import slotExpired from './schemas/slot.expired.v1.schema.json';
import slotHeld from './schemas/slot.held.v1.schema.json';
import slotReleased from './schemas/slot.released.v1.schema.json';
import waitlistBooked from './schemas/waitlist.booked.v1.schema.json';
import waitlistCancelled from './schemas/waitlist.cancelled.v1.schema.json';
import waitlistJoined from './schemas/waitlist.joined.v1.schema.json';
import waitlistOfferDeclined from './schemas/waitlist.offer-declined.v1.schema.json';
import waitlistOfferExpired from './schemas/waitlist.offer-expired.v1.schema.json';
import waitlistOffered from './schemas/waitlist.offered.v1.schema.json';

/** The JSON Schema of every public event type, as published to other teams. */
export const INTEGRATION_EVENT_SCHEMAS: Record<IntegrationEventType, object> = {
  'appointment.booked.v1': booked,
  'appointment.rescheduled.v1': rescheduled,
  'appointment.reassigned.v1': reassigned,
  'appointment.checked-in.v1': checkedIn,
  'appointment.fulfilled.v1': fulfilled,
  'appointment.noshow.v1': noShow,
  'appointment.cancelled.v1': cancelled,
  'schedule.working-hours-changed.v1': workingHoursChanged,
  'schedule.time-off-scheduled.v1': timeOffScheduled,
  'schedule.time-off-cancelled.v1': timeOffCancelled,
  'schedule.closure-scheduled.v1': closureScheduled,
  'schedule.closure-cancelled.v1': closureCancelled,
  'schedule.room-block-scheduled.v1': roomBlockScheduled,
  'schedule.room-block-cancelled.v1': roomBlockCancelled,
  'slot.held.v1': slotHeld,
  'slot.booked.v1': slotBooked,
  'slot.released.v1': slotReleased,
  'slot.expired.v1': slotExpired,
  'waitlist.joined.v1': waitlistJoined,
  'waitlist.offered.v1': waitlistOffered,
  'waitlist.offer-declined.v1': waitlistOfferDeclined,
  'waitlist.offer-expired.v1': waitlistOfferExpired,
  'waitlist.booked.v1': waitlistBooked,
  'waitlist.cancelled.v1': waitlistCancelled,
};

/** Schemas referenced by the event schemas. */
export const SHARED_SCHEMAS: object[] = [fhirAppointment, fhirSchedule, fhirSlot, fhirHeldSlot, fhirWaitlistAppointment];

export class IntegrationEventInvalid extends Error {
  constructor(type: string, errors: ErrorObject[] | null | undefined) {
    super(`${type} does not match its published schema: ${(errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')}`);
    this.name = 'IntegrationEventInvalid';
  }
}

const ajv = new Ajv2020({ allErrors: true, strict: true, schemas: SHARED_SCHEMAS });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>(
  Object.entries(INTEGRATION_EVENT_SCHEMAS).map(([type, schema]) => [type, ajv.compile(schema)]),
);

/** Throws unless `event` is a valid instance of the published schema of its `type`. */
export function assertPublishable(event: object): void {
  const type = String((event as { type?: unknown }).type);
  const validate = validators.get(type);
  if (!validate) throw new IntegrationEventInvalid(type, [{ instancePath: '/type', message: 'is not a published type' } as ErrorObject]);
  if (!validate(event)) throw new IntegrationEventInvalid(type, validate.errors);
}
