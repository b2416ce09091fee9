import { changeAuthor } from './change-author';

describe('Who made a change, as a message to a doctor names them', () => {
  it('given a named actor, then the name with the role in brackets, and never the token subject', () => {
    expect(changeAuthor({ userId: 'kc-5f3e9a', role: 'staff', name: 'Greta Desk' })).toBe('Greta Desk (staff)');
    expect(changeAuthor({ userId: 'kc-1', role: 'doctor', name: 'Dr. Anna Weber' })).toBe('Dr. Anna Weber (doctor)');
    expect(changeAuthor({ userId: 'kc-2', role: 'admin', name: 'Ada Admin' })).toBe('Ada Admin (admin)');
  });

  it('given a name with line breaks or runs of spaces, then it is one line of single spaces', () => {
    expect(changeAuthor({ userId: 'kc-5f3e9a', role: 'staff', name: '  Greta \n\t Desk ' })).toBe('Greta Desk (staff)');
  });

  it('given an actor without a name (or a blank one), then the role alone in the clinic\'s words', () => {
    expect(changeAuthor({ userId: 'staff-user-1', role: 'staff' })).toBe('the front desk (staff)');
    expect(changeAuthor({ userId: 'staff-user-1', role: 'staff', name: '   ' })).toBe('the front desk (staff)');
    expect(changeAuthor({ userId: 'admin-user-1', role: 'admin' })).toBe('an administrator (admin)');
    expect(changeAuthor({ userId: 'doctor-user-1', role: 'doctor' })).toBe('a doctor of the clinic (doctor)');
    expect(changeAuthor({ userId: 'waitlist-offers', role: 'service' })).toBe("the clinic's booking system (service)");
  });

  it('given a patient, then "the patient", even were a name recorded', () => {
    expect(changeAuthor({ userId: 'patient-user-1', role: 'patient' })).toBe('the patient');
    expect(changeAuthor({ userId: 'patient-user-1', role: 'patient', name: 'Mia Schneider' })).toBe('the patient');
  });
});
