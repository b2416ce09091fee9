import { Upcaster, Upcasters } from '../../event-store/upcasting';

/**
 * AppointmentCreated v1 (before buffers existed) named the times `startsAt`/`endsAt` and had
 * no buffers: such an appointment blocked exactly its own time, so its buffers are 0.
 */
const appointmentCreatedV1ToV2: Upcaster = {
  eventType: 'AppointmentCreated',
  fromSchemaVersion: 1,
  upcast: ({ startsAt, endsAt, ...rest }) => ({ ...rest, start: startsAt, end: endsAt, bufferBeforeMinutes: 0, bufferAfterMinutes: 0 }),
};

export const appointmentUpcasters = new Upcasters([appointmentCreatedV1ToV2]);
