import { created, id, patientId } from '../../test/support/appointment-decisions';
import { assertChangeableBy } from './appointment-access';
import { replay } from './domain/appointment.evolve';
import { AppointmentNotFound } from './domain/appointment.errors';

describe('Who may change an appointment', () => {
  const state = replay([created]);

  it('needs an existing appointment', () => {
    expect(() => assertChangeableBy({ userId: 'desk', role: 'staff' }, id, null)).toThrow(AppointmentNotFound);
  });

  it('lets staff and the appointment\'s own patient and doctor act on it', () => {
    expect(() => assertChangeableBy({ userId: 'desk', role: 'staff' }, id, state)).not.toThrow();
    expect(() => assertChangeableBy({ userId: 'p', role: 'patient', patientId }, id, state)).not.toThrow();
    expect(() => assertChangeableBy({ userId: 'd', role: 'doctor', doctorId: created.data.doctorId }, id, state)).not.toThrow();
  });

  it('hides another patient\'s or doctor\'s appointment: it is not found', () => {
    expect(() => assertChangeableBy({ userId: 'p', role: 'patient', patientId: 'someone-else' }, id, state)).toThrow(AppointmentNotFound);
    expect(() => assertChangeableBy({ userId: 'd', role: 'doctor', doctorId: 'another-doctor' }, id, state)).toThrow(AppointmentNotFound);
  });
});
