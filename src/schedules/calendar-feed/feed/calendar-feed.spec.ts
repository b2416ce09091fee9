import { readCalendarFeed } from '../../../../test/support/icalendar';
import { CalendarFeed, FeedAppointment, feedWindow, writeCalendarFeed } from './calendar-feed';

const doctor = { id: '4f1c2a10-5b6e-4c1d-9a4e-0d1f2a3b4c01', name: 'Dr. Anna Weber', timezone: 'Europe/Berlin' };
const now = new Date('2027-03-20T08:00:00Z');

const booked: FeedAppointment = {
  id: '0b6c4f7e-1f4e-4b4e-9a51-1b9d4b1c0001',
  status: 'booked',
  // After the change to summer time (2027-03-28): 09:00 in Berlin is 07:00 UTC.
  start: new Date('2027-03-29T07:00:00Z'),
  end: new Date('2027-03-29T07:30:00Z'),
  appointmentTypeName: 'Consultation',
  roomName: 'Room 1',
  version: 2,
  changedAt: new Date('2027-03-19T10:00:00Z'),
};
const cancelled: FeedAppointment = { ...booked, id: '0b6c4f7e-1f4e-4b4e-9a51-1b9d4b1c0002', status: 'cancelled', start: new Date('2027-03-22T08:00:00Z'), end: new Date('2027-03-22T08:30:00Z'), version: 3 };
const timeOff = { id: '0b6c4f7e-1f4e-4b4e-9a51-1b9d4b1c0003', start: new Date('2027-03-24T23:00:00Z'), end: new Date('2027-03-26T23:00:00Z'), version: 5 };

describe('Calendar feed', () => {
  const feed: CalendarFeed = { doctor, appointments: [cancelled, booked], timeOff: [timeOff] };

  it('given a booked and a cancelled appointment and a time off, when the feed is written, then each is an entry with its stable UID, SEQUENCE and status, in the doctor\'s zone', () => {
    const { calendar, events } = readCalendarFeed(writeCalendarFeed(feed, feedWindow(now, doctor.timezone), now));
    expect(calendar).toMatchObject({ method: 'PUBLISH', 'x-wr-calname': 'Dr. Anna Weber: appointments', 'x-wr-timezone': 'Europe/Berlin' });
    const berlin = (at: string) => ({ tzid: 'Europe/Berlin', at });
    expect(events).toEqual([
      expect.objectContaining({ uid: `${cancelled.id}@clinic-booking`, sequence: 3, status: 'CANCELLED', start: berlin('2027-03-22T08:00:00.000Z') }),
      expect.objectContaining({ uid: `${booked.id}@clinic-booking`, sequence: 2, status: 'CONFIRMED', summary: 'Consultation', start: berlin('2027-03-29T07:00:00.000Z'), end: berlin('2027-03-29T07:30:00.000Z') }),
      expect.objectContaining({ uid: `${timeOff.id}@clinic-booking`, sequence: 5, status: 'CONFIRMED', summary: 'Time off', start: berlin('2027-03-24T23:00:00.000Z'), end: berlin('2027-03-26T23:00:00.000Z') }),
    ]);
  });

  it('given an appointment, when the feed is written, then its entry says what it is, where and when, and nothing of the patient', () => {
    const { events } = readCalendarFeed(writeCalendarFeed({ doctor, appointments: [booked], timeOff: [] }, feedWindow(now, doctor.timezone), now));
    expect(events[0].properties).toEqual(['uid', 'sequence', 'dtstamp', 'last-modified', 'dtstart', 'dtend', 'summary', 'location', 'status', 'transp']);
  });

  it('given a time off that runs past the window, when the feed is written, then the zone is defined up to its end', () => {
    const long = { ...timeOff, start: new Date('2027-06-01T22:00:00Z'), end: new Date('2027-11-15T23:00:00Z') };
    const { events } = readCalendarFeed(writeCalendarFeed({ doctor, appointments: [], timeOff: [long] }, feedWindow(now, doctor.timezone), now));
    // 16 November 00:00 in Berlin, after the change back to winter time (+01:00).
    expect(events[0].end).toEqual({ tzid: 'Europe/Berlin', at: '2027-11-15T23:00:00.000Z' });
  });

  it('given a time in the doctor\'s zone, when the window is taken, then it runs from the start of that local day for 90 days', () => {
    // 00:30 on 21 March in Berlin.
    expect(feedWindow(new Date('2027-03-20T23:30:00Z'), 'Europe/Berlin')).toEqual({
      from: new Date('2027-03-20T23:00:00Z'),
      // 19 June 00:00 in Berlin: 90 local days on, across the change to summer time.
      to: new Date('2027-06-18T22:00:00Z'),
    });
  });
});
