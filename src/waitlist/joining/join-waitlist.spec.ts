import { facts } from '../../../test/support/waitlist-decisions';
import { WaitlistWindowInvalid } from '../domain/waitlist.errors';
import { WaitlistJoined } from '../domain/waitlist.events';
import { decideJoin, JoinRequest, MAX_WINDOW_DAYS } from './join-waitlist';

const request: JoinRequest = facts;

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
