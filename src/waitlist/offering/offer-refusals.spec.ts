import { SlotTaken } from '../../appointments/domain/appointment.errors';
import { HoldGone } from '../../appointments/holds/domain/slot-hold.errors';
import { ConcurrentChange, StaleVersion, StreamsBusy } from '../../event-store/command-errors';
import { WrongExpectedVersion } from '../../event-store/stored-event';
import { ReservationsBusy, ResourceTaken } from '../../reservations/reservations';
import { RecordRetired, UnknownReference } from '../../shared/application-errors';
import { EntryUnchanged, isRefusal } from './offer-refusals';

describe('What the offer process manager passes over', () => {
  it('passes over the domain refusing a placement or an entry that moved on', () => {
    const refusals: unknown[] = [
      new EntryUnchanged(),
      new HoldGone('h-1', 'released'),
      new SlotTaken('doctor', 'Dr. Weber', '2027-03-22T08:00:00.000Z', '2027-03-22T08:20:00.000Z'),
      new RecordRetired('Room', 'r-1'),
      new UnknownReference('Appointment type', 't-1'),
      Object.create(ResourceTaken.prototype) as ResourceTaken,
    ];
    expect(refusals.map(isRefusal)).toEqual(refusals.map(() => true));
  });

  it('fails the delivery on anything else: a race lost, a lock busy, a database error, a bug', () => {
    const failures: unknown[] = [
      new ConcurrentChange('SlotHold', 'h-1'),
      new StaleVersion('WaitlistEntry', [2], 3),
      new StreamsBusy('WaitlistEntry', ['e-1']),
      new ReservationsBusy(['reservation:doctor:d-1']),
      new WrongExpectedVersion('e-1', 2, 3),
      Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
      new TypeError("Cannot read properties of undefined (reading 'start')"),
    ];
    expect(failures.map(isRefusal)).toEqual(failures.map(() => false));
  });
});
