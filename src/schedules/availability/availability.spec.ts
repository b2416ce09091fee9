import { DoctorHours } from '../../appointments/domain/working-hours';
import { clinicFreeSlots, freeSlots, ReservedRange, reservedWindow, standsInTheWay } from './availability';

const weber: DoctorHours = {
  id: 'd0000000-0000-4000-8000-000000000001',
  timezone: 'Europe/Berlin',
  workingHours: { mon: [['09:00', '10:00']], sun: [['01:00', '04:00']] },
};
const richter: DoctorHours = { id: 'd0000000-0000-4000-8000-000000000002', timezone: 'Europe/Berlin', workingHours: { mon: [['09:30', '10:00']] } };
const room = 'r0000000-0000-4000-8000-000000000001';
const otherRoom = 'r0000000-0000-4000-8000-000000000002';
const patient = 'p0000000-0000-4000-8000-000000000001';
const otherDoctor = 'd0000000-0000-4000-8000-000000000009';
const quarterHour = { id: 't1', durationMinutes: 15, bufferBeforeMinutes: 0, bufferAfterMinutes: 0 };
const longAgo = new Date('2027-01-01T00:00:00Z');
const starts = (slots: Array<{ start: string }>) => slots.map((slot) => slot.start);
/** Monday 2027-03-22 is CET: Weber's 09:00-10:00 local is 08:00Z-09:00Z. */
const monday = '2027-03-22';
const mondayStarts = ['2027-03-22T08:00:00.000Z', '2027-03-22T08:15:00.000Z', '2027-03-22T08:30:00.000Z', '2027-03-22T08:45:00.000Z'];

function reserved(kind: ReservedRange['kind'], start: string, end: string, whose: Partial<Pick<ReservedRange, 'doctorId' | 'roomId' | 'patientId'>> = {}): ReservedRange {
  return { kind, doctorId: null, roomId: null, patientId: null, ...whose, start: new Date(start), end: new Date(end) };
}

const slotsOn = (date: string, options: Partial<Parameters<typeof freeSlots>[0]> = {}) =>
  freeSlots({ doctor: weber, date, appointmentType: quarterHour, reserved: [], now: longAgo, ...options });

describe('free slots', () => {
  it('given an empty day, when asked, then every step of the working hours is free', () => {
    expect(slotsOn(monday)).toEqual([
      { start: '2027-03-22T08:00:00.000Z', end: '2027-03-22T08:15:00.000Z' },
      { start: '2027-03-22T08:15:00.000Z', end: '2027-03-22T08:30:00.000Z' },
      { start: '2027-03-22T08:30:00.000Z', end: '2027-03-22T08:45:00.000Z' },
      { start: '2027-03-22T08:45:00.000Z', end: '2027-03-22T09:00:00.000Z' },
    ]);
  });

  it('given the hours in force on a date (a new plan from that Monday), when asked, then the slots follow that plan', () => {
    const newPlan: DoctorHours = { ...weber, workingHours: { mon: [['14:00', '14:30']] } };
    // The hours in force are chosen by date before the computation (hoursInForceSql); the slots
    // follow whatever plan is in force, the weekday's ranges of that plan only.
    expect(starts(slotsOn(monday, { doctor: newPlan }))).toEqual(['2027-03-22T13:00:00.000Z', '2027-03-22T13:15:00.000Z']);
    expect(slotsOn('2027-03-23', { doctor: newPlan })).toEqual([]);
  });

  it('given the week after the DST change, then the same wall-clock hours are an hour earlier in UTC', () => {
    const slots = slotsOn('2027-03-29');
    expect(starts(slots)[0]).toBe('2027-03-29T07:00:00.000Z');
    expect(slots).toHaveLength(4);
  });

  it('given the night the clocks go forward, then the working range is an hour shorter', () => {
    // Sunday 2027-03-28, 01:00-04:00 local: 00:00Z to 02:00Z, two hours of real time.
    const slots = slotsOn('2027-03-28', { appointmentType: { ...quarterHour, durationMinutes: 60 } });
    expect(starts(slots)).toEqual(['2027-03-28T00:00:00.000Z', '2027-03-28T00:15:00.000Z', '2027-03-28T00:30:00.000Z', '2027-03-28T00:45:00.000Z', '2027-03-28T01:00:00.000Z']);
  });

  it('given an appointment with buffers, then slots whose own buffers touch it are taken', () => {
    // The appointment's row holds 08:10-08:25Z with its buffers already (the reservations' `during`).
    const taken = [reserved('appointment', '2027-03-22T08:10:00Z', '2027-03-22T08:25:00Z', { doctorId: weber.id, roomId: otherRoom, patientId: patient })];
    const withBuffers = { ...quarterHour, bufferBeforeMinutes: 5, bufferAfterMinutes: 5 };
    // 08:00 blocks 07:55-08:20 and 08:15 blocks 08:10-08:35: both overlap. 08:30 blocks from
    // 08:25, exactly where the occupied range ends (half-open ranges): free, like 08:45.
    expect(starts(slotsOn(monday, { appointmentType: withBuffers, reserved: taken }))).toEqual(['2027-03-22T08:30:00.000Z', '2027-03-22T08:45:00.000Z']);
  });

  it("given the doctor's time off, then the slots it overlaps are gone, and another doctor's time off changes nothing", () => {
    const timeOff = reserved('time-off', '2027-03-22T08:15:00Z', '2027-03-22T08:45:00Z', { doctorId: weber.id });
    expect(starts(slotsOn(monday, { reserved: [timeOff] }))).toEqual(['2027-03-22T08:00:00.000Z', '2027-03-22T08:45:00.000Z']);
    expect(starts(slotsOn(monday, { reserved: [{ ...timeOff, doctorId: otherDoctor }] }))).toEqual(mondayStarts);
  });

  it("given a time off spanning midnight in the doctor's zone, then the next morning is blocked until it ends", () => {
    // From Sunday 22:00 to Monday 09:30 Berlin time (21:00Z to 08:30Z).
    const overnight = reserved('time-off', '2027-03-21T21:00:00Z', '2027-03-22T08:30:00Z', { doctorId: weber.id });
    expect(starts(slotsOn(monday, { reserved: [overnight] }))).toEqual(['2027-03-22T08:30:00.000Z', '2027-03-22T08:45:00.000Z']);
  });

  it("given a clinic closure, then no doctor has a slot in it, whoever's row it is", () => {
    const closure = reserved('closure', '2027-03-22T08:00:00Z', '2027-03-22T08:30:00Z');
    expect(starts(slotsOn(monday, { reserved: [closure] }))).toEqual(['2027-03-22T08:30:00.000Z', '2027-03-22T08:45:00.000Z']);
  });

  it('given a room block, then it narrows only the slots asked for with that room', () => {
    const block = reserved('room-block', '2027-03-22T08:00:00Z', '2027-03-22T08:30:00Z', { roomId: room });
    expect(starts(slotsOn(monday, { reserved: [block] }))).toEqual(mondayStarts);
    expect(starts(slotsOn(monday, { reserved: [block], wanted: { roomId: otherRoom } }))).toEqual(mondayStarts);
    expect(starts(slotsOn(monday, { reserved: [block], wanted: { roomId: room } }))).toEqual(['2027-03-22T08:30:00.000Z', '2027-03-22T08:45:00.000Z']);
  });

  it("given another doctor's appointment of the patient, then it narrows only the slots asked for with that patient", () => {
    const theirs = reserved('hold', '2027-03-22T08:45:00Z', '2027-03-22T09:00:00Z', { doctorId: otherDoctor, roomId: otherRoom, patientId: patient });
    expect(starts(slotsOn(monday, { reserved: [theirs] }))).toEqual(mondayStarts);
    expect(starts(slotsOn(monday, { reserved: [theirs], wanted: { patientId: patient } }))).toEqual(mondayStarts.slice(0, 3));
  });

  it('given a time of day, then no slot starts in the past', () => {
    expect(starts(slotsOn(monday, { now: new Date('2027-03-22T08:20:00Z') }))).toEqual(['2027-03-22T08:30:00.000Z', '2027-03-22T08:45:00.000Z']);
  });

  it('given a day without working hours, then nothing is free', () => {
    expect(slotsOn('2027-03-23')).toEqual([]);
  });
});

describe('what stands in the way of a booking', () => {
  it('given rows of each kind, then the doctor, room, patient and closure rules of the constraints decide', () => {
    const wanted = { doctorId: weber.id, roomId: room, patientId: patient };
    const at = ['2027-03-22T08:00:00Z', '2027-03-22T09:00:00Z'] as const;
    expect(standsInTheWay(reserved('time-off', ...at, { doctorId: weber.id }), wanted)).toBe(true);
    expect(standsInTheWay(reserved('time-off', ...at, { doctorId: otherDoctor }), wanted)).toBe(false);
    expect(standsInTheWay(reserved('room-block', ...at, { roomId: room }), wanted)).toBe(true);
    expect(standsInTheWay(reserved('room-block', ...at, { roomId: room }), { doctorId: weber.id })).toBe(false);
    expect(standsInTheWay(reserved('appointment', ...at, { doctorId: otherDoctor, roomId: otherRoom, patientId: patient }), wanted)).toBe(true);
    expect(standsInTheWay(reserved('closure', ...at), { doctorId: otherDoctor })).toBe(true);
  });
});

describe('free slots across the clinic', () => {
  it('given two doctors, then each slot names its doctor, by start and then by doctor; a doctor off that day adds nothing', () => {
    const off: DoctorHours = { id: 'd0000000-0000-4000-8000-000000000000', timezone: 'Europe/Berlin', workingHours: { tue: [['09:00', '10:00']] } };
    const slots = clinicFreeSlots({ doctors: [richter, off, weber], date: monday, appointmentType: quarterHour, reserved: [], now: longAgo });
    expect(slots.map((slot) => [slot.start.slice(11, 16), slot.doctorId === weber.id ? 'weber' : 'richter'])).toEqual([
      ['08:00', 'weber'],
      ['08:15', 'weber'],
      ['08:30', 'weber'],
      ['08:30', 'richter'],
      ['08:45', 'weber'],
      ['08:45', 'richter'],
    ]);
  });

  it("given one doctor's time off and a closure, then the time off takes only that doctor's slots and the closure everyone's", () => {
    const reservedRows = [
      reserved('time-off', '2027-03-22T08:00:00Z', '2027-03-22T08:30:00Z', { doctorId: weber.id }),
      reserved('closure', '2027-03-22T08:45:00Z', '2027-03-22T09:00:00Z'),
    ];
    const slots = clinicFreeSlots({ doctors: [weber, richter], date: monday, appointmentType: quarterHour, reserved: reservedRows, now: longAgo });
    expect(slots.map((slot) => `${slot.start.slice(11, 16)} ${slot.doctorId === weber.id ? 'weber' : 'richter'}`)).toEqual(['08:30 weber', '08:30 richter']);
  });
});

describe('the window of reservations to read', () => {
  it("given working ranges and a type's buffers, then it spans the ranges widened by the buffers", () => {
    const ranges = [
      { start: new Date('2027-03-22T08:00:00Z'), end: new Date('2027-03-22T09:00:00Z') },
      { start: new Date('2027-03-22T07:00:00Z'), end: new Date('2027-03-22T08:00:00Z') },
    ];
    expect(reservedWindow(ranges, { ...quarterHour, bufferBeforeMinutes: 5, bufferAfterMinutes: 10 })).toEqual({
      start: new Date('2027-03-22T06:55:00Z'),
      end: new Date('2027-03-22T09:10:00Z'),
    });
    expect(reservedWindow([], quarterHour)).toBeNull();
  });
});
