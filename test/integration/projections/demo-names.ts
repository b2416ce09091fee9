import { DEMO_CLINIC } from '../../../src/database/demo-data';

const names = new Map<string, string>(
  [...DEMO_CLINIC.doctors, ...DEMO_CLINIC.patients, ...DEMO_CLINIC.rooms, ...DEMO_CLINIC.appointmentTypes].map(({ id, name }) => [id, name]),
);

/** The name of a demo clinic record (doctor, patient, room or appointment type), as read tables show it. */
export function nameOf(id: string): string {
  const name = names.get(id);
  if (name === undefined) throw new Error(`${id} is no record of the demo clinic`);
  return name;
}
