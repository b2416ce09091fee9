import { recordedActorOf } from './actor';

describe('the actor an event records', () => {
  it('keeps the subject, the role and a display name the token carried', () => {
    expect(recordedActorOf({ userId: 'kc-1', role: 'staff', name: 'Greta Desk' })).toEqual({ userId: 'kc-1', role: 'staff', name: 'Greta Desk' });
    expect(recordedActorOf({ userId: 'kc-2', role: 'doctor', name: 'Dr. Anna Weber', doctorId: '4f1c2a10-5b6e-4c1d-9a4e-0d1f2a3b4c01' })).toEqual({ userId: 'kc-2', role: 'doctor', name: 'Dr. Anna Weber' });
  });

  it('leaves the name out when there is none, and always for a patient', () => {
    expect(recordedActorOf({ userId: 'svc', role: 'service', name: null })).toEqual({ userId: 'svc', role: 'service' });
    expect(recordedActorOf({ userId: 'process', role: 'service' })).toEqual({ userId: 'process', role: 'service' });
    expect(recordedActorOf({ userId: 'kc-3', role: 'patient', name: 'Mia Schneider', patientId: '7a2b3c40-1d2e-4f3a-8b4c-5d6e7f800001' })).toEqual({ userId: 'kc-3', role: 'patient' });
  });
});
