import { DEMO_CLINIC } from '../../src/database/demo-data';

export { weekdays } from '../../src/database/demo-data';

/** Names for the demo clinic's records, as the tests use them. */
export const demo = {
  weber: DEMO_CLINIC.doctors[0],
  richter: DEMO_CLINIC.doctors[1],
  mia: DEMO_CLINIC.patients[0],
  lukas: DEMO_CLINIC.patients[1],
  emma: DEMO_CLINIC.patients[2],
  room1: DEMO_CLINIC.rooms[0],
  room2: DEMO_CLINIC.rooms[1],
  treatmentRoom: DEMO_CLINIC.rooms[2],
  consultation: DEMO_CLINIC.appointmentTypes[0],
  checkUp: DEMO_CLINIC.appointmentTypes[1],
};

/** A booking body for Dr. Weber, Mia and room 1; Monday 2027-03-22 09:00 Berlin (CET) by default. */
export function bookingBody(overrides: Record<string, unknown> = {}) {
  return {
    appointmentTypeId: demo.consultation.id,
    doctorId: demo.weber.id,
    patientId: demo.mia.id,
    roomId: demo.room1.id,
    start: '2027-03-22T09:00:00+01:00',
    title: 'Persistent cough',
    ...overrides,
  };
}

/** A hold's body: the slot of bookingBody (without the title a booking needs). */
export function holdBody(overrides: Record<string, unknown> = {}) {
  const { title: _title, ...slot } = bookingBody(overrides);
  return slot;
}

/**
 * A weekly series of four of Dr. Weber's with Mia in room 1, from Monday 2027-10-18 09:00 Berlin
 * (summer time) on, across the end of summer time (31 October 2027).
 */
export function seriesBody(overrides: Record<string, unknown> = {}) {
  return {
    appointmentTypeId: demo.consultation.id,
    doctorId: demo.weber.id,
    patientId: demo.mia.id,
    roomId: demo.room1.id,
    start: '2027-10-18T09:00:00+02:00',
    title: 'Knee physiotherapy',
    recurrence: { frequency: 'weekly', count: 4 },
    ...overrides,
  };
}

/** Headers for a read that must see a command's effect (read-your-writes). */
export function afterWrite(response: { headers: Headers }): Record<string, string> {
  const position = response.headers.get('x-event-position');
  if (!position) throw new Error('The response carries no X-Event-Position');
  return { 'x-min-position': position };
}
