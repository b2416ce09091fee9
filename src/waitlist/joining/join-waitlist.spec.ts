import { WaitlistWindowInvalid } from '../domain/waitlist.errors';
import { WaitlistJoined } from '../domain/waitlist.events';
import { decideJoin, JoinRequest, MAX_WINDOW_DAYS } from './join-waitlist';

const request: JoinRequest = {
  entryId: 'e0000000-0000-4000-8000-000000000001',
  patientId: '7a2b3c40-1d2e-4f3a-8b4c-5d6e7f800001',
  appointmentTypeId: 'b1a2c3d4-0e1f-4a2b-9c3d-4e5f6a7b0001',
  from: '2027-03-22',
  to: '2027-04-05',
  doctorId: null,
};

function given(today: string) {
  return {
    when: (window: Pick<JoinRequest, 'from' | 'to'>) => {
      const decide = () => decideJoin({ ...request, ...window }, today);
      return {
        then: (expected: WaitlistJoined[]) => expect(decide()).toEqual(expected),
        thenFails: (message: RegExp) => {
          expect(decide).toThrow(WaitlistWindowInvalid);
          expect(decide).toThrow(message);
        },
      };
    },
  };
}

describe('JoinWaitlist', () => {
  it('puts the patient on the list for the window asked for, both ends included', () => {
    given('2027-03-01').when({ from: '2027-03-22', to: '2027-04-05' }).then([new WaitlistJoined(request)]);
  });

  it('takes a window of one day, today included, and one that started already', () => {
    given('2027-03-22').when({ from: '2027-03-22', to: '2027-03-22' }).then([new WaitlistJoined({ ...request, to: '2027-03-22' })]);
    given('2027-03-25').when({ from: '2027-03-22', to: '2027-03-25' }).then([new WaitlistJoined({ ...request, to: '2027-03-25' })]);
  });

  it('refuses a window that ends before it starts, or before today', () => {
    given('2027-03-01').when({ from: '2027-03-23', to: '2027-03-22' }).thenFails(/before its start/);
    given('2027-03-23').when({ from: '2027-03-20', to: '2027-03-22' }).thenFails(/before today/);
  });

  it(`takes a window of ${MAX_WINDOW_DAYS} days, not one day more`, () => {
    given('2027-01-01').when({ from: '2027-01-01', to: '2027-06-29' }).then([new WaitlistJoined({ ...request, from: '2027-01-01', to: '2027-06-29' })]);
    given('2027-01-01').when({ from: '2027-01-01', to: '2027-06-30' }).thenFails(/181 days/);
  });
});
