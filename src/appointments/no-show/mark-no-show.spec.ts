import { InvalidTransition, NotStartedYet } from '../domain/appointment.errors';
import { AppointmentNoShowRecorded } from '../domain/appointment.events';
import { decideNoShow } from './mark-no-show';
import { checkedIn, created, facts, given } from '../../../test/support/appointment-decisions';

describe('MarkNoShow', () => {
  const markNoShow = decideNoShow;

  it('records a no-show for a booked appointment after its start', () => {
    const now = new Date('2027-03-22T08:15:00Z');
    given([created]).when(markNoShow, now).then([new AppointmentNoShowRecorded({ ...facts, recordedAt: now.toISOString() })]);
  });

  it('refuses a no-show before the start', () => {
    given([created]).when(markNoShow, new Date('2027-03-22T07:59:00Z')).thenFails(NotStartedYet);
  });

  it('refuses a no-show for a checked-in patient', () => {
    given([created, checkedIn]).when(markNoShow, new Date('2027-03-22T08:15:00Z')).thenFails(InvalidTransition);
  });
});
