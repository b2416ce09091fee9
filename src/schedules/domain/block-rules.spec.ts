import { AppointmentsInTheWay } from './block.errors';
import { BlockTerms, decideBlock, holdsInTheWay, Occupant } from './block-rules';

const now = new Date('2027-03-01T00:00:00Z');
const terms = (cancelAppointments: boolean): BlockTerms => ({ start: '2027-03-22T08:00:00.000Z', end: '2027-03-22T12:00:00.000Z', reason: 'Training', cancelAppointments });
const appointment: Occupant = { kind: 'appointment', id: 'a0000000-0000-4000-8000-000000000001', start: '2027-03-22T08:00:00.000Z', end: '2027-03-22T08:30:00.000Z' };
const hold: Occupant = { kind: 'hold', id: 'h0000000-0000-4000-8000-000000000001', start: '2027-03-22T09:00:00.000Z', end: '2027-03-22T09:30:00.000Z' };

describe('A block with slot holds in its way', () => {
  it('is refused without cancelAppointments, listing each hold with its id and time beside the appointments', () => {
    const refused = () => decideBlock('time off', terms(false), [appointment, hold], now);
    expect(refused).toThrow(AppointmentsInTheWay);
    expect(refused).toThrow(
      expect.objectContaining({
        conflicts: [
          { appointmentId: appointment.id, start: appointment.start, end: appointment.end },
          { holdId: hold.id, start: hold.start, end: hold.end },
        ],
      }) as Error,
    );
  });

  it('is refused for a hold alone', () => {
    expect(() => decideBlock('room block', terms(false), [hold], now)).toThrow(AppointmentsInTheWay);
  });

  it('with cancelAppointments cancels the appointments and releases the holds, which are no appointments to cancel', () => {
    const decided = decideBlock('time off', terms(true), [appointment, hold], now);
    expect(decided.cancelledAppointmentIds).toEqual([appointment.id]);
    expect(holdsInTheWay([appointment, hold])).toEqual([hold.id]);
  });
});
