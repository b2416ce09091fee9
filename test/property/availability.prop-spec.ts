import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { WEEKDAYS, WorkingHours } from '../../src/appointments/domain/working-hours';
import { DEMO_CLINIC } from '../../src/database/demo-data';
import type { ReservationKind } from '../../src/reservations/reservations';
import { bounded, checkProperty, ContractBroken, PROPERTY_TIMEOUT_MS } from './support/api-contract';
import { APP_START_TIMEOUT_MS, ClinicUnderTest } from './support/clinic-under-test';

const ZONE = 'Europe/Berlin';

/** A block of the schedule or someone else's hold, as the reservations table keeps it. */
interface RandomReservation {
  kind: Exclude<ReservationKind, 'appointment'>;
  /** Minutes after 07:00 local on the day asked for, and how long. */
  offsetMinutes: number;
  minutes: number;
}

/** The days of April to June 2027 (Berlin is on CEST throughout, no DST change) the doctor works. */
function workedDays(doctor: { workingHours: WorkingHours }): string[] {
  const first = DateTime.fromISO('2027-04-01', { zone: ZONE });
  return Array.from({ length: 91 }, (_, i) => first.plus({ days: i }))
    .filter((day) => (doctor.workingHours[WEEKDAYS[day.weekday - 1]] ?? []).length > 0)
    .map((day) => day.toISODate() as string);
}

/**
 * Availability tells the truth: on a day the doctor works, with random time off, closures, room
 * blocks and other holds of the patient, every slot offered for a doctor, room and patient can be
 * booked (201), and a start on the slot grid that is not offered is refused as taken (409) or
 * against a rule such as the working hours (422). Most runs must offer slots, or the first half
 * of the property would hold for want of cases. The blocks are written straight into
 * the reservations table (the rows the schedule commands write), with the same exclusion
 * constraints: a block that would overlap a booking already there is left out, as PostgreSQL
 * refuses it.
 */
describe('availability (property)', () => {
  let clinic: ClinicUnderTest;
  beforeAll(async () => {
    clinic = await ClinicUnderTest.start();
  }, APP_START_TIMEOUT_MS);
  afterAll(() => clinic.close());

  const reservation = fc.record({
    kind: fc.constantFrom('time-off' as const, 'closure' as const, 'room-block' as const, 'hold' as const),
    offsetMinutes: fc.integer({ min: 0, max: 10 * 12 }).map((fives) => fives * 5),
    minutes: fc.integer({ min: 1, max: 24 }).map((fives) => fives * 5),
  });
  const request = fc.constantFrom(...DEMO_CLINIC.doctors).chain((doctor) =>
    fc.record({
      doctor: fc.constant(doctor),
      date: fc.constantFrom(...workedDays(doctor)),
      room: fc.constantFrom(...DEMO_CLINIC.rooms),
      patient: fc.constantFrom(...DEMO_CLINIC.patients),
      type: fc.constantFrom(...DEMO_CLINIC.appointmentTypes),
      reservations: fc.array(reservation, { maxLength: 4 }),
      pick: fc.nat(),
      notOffered: fc.nat(),
    }),
  );

  async function reserve(r: RandomReservation, date: string, whose: { doctorId: string; roomId: string; patientId: string }) {
    const start = DateTime.fromISO(`${date}T07:00`, { zone: ZONE }).plus({ minutes: r.offsetMinutes });
    const end = start.plus({ minutes: r.minutes });
    const holder = {
      'time-off': [whose.doctorId, null, null],
      closure: [null, null, null],
      'room-block': [null, whose.roomId, null],
      // The patient's hold with another doctor in another room (only the patient is shared).
      hold: [randomUUID(), randomUUID(), whose.patientId],
    }[r.kind];
    // A row in the way of another is refused by its constraint: DO NOTHING leaves it out.
    await clinic.t.dataSource.query(
      `insert into reservations (reserved_by, kind, doctor_id, room_id, patient_id, span, during)
       values ($1, $2, $3, $4, $5, tstzrange($6, $7, '[)'), tstzrange($6, $7, '[)')) on conflict do nothing`,
      [randomUUID(), r.kind, ...holder, start.toISO(), end.toISO()],
    );
  }

  it('every slot offered for a doctor, room and patient can be booked, and a start not offered cannot', async () => {
    const staff = clinic.token({ role: 'staff' });
    const RUNS = 40;
    let runsWithSlots = 0;
    await checkProperty(
      fc.asyncProperty(bounded(request), async ({ date, doctor, room, patient, type, reservations, pick, notOffered }) => {
        await clinic.startRun();
        const whose = { doctorId: doctor.id, roomId: room.id, patientId: patient.id };
        for (const r of reservations) await reserve(r, date, whose);

        const asked = `/doctors/${doctor.id}/availability?date=${date}&appointmentTypeId=${type.id}&roomId=${room.id}&patientId=${patient.id}`;
        const offered = await clinic.t.http.get(asked, staff);
        if (offered.status !== 200) throw new ContractBroken(`${asked}: ${offered.status} ${JSON.stringify(offered.body)}`);
        const slots = offered.body.slots as Array<{ start: string; end: string }>;
        const book = (start: string) =>
          clinic.t.http.post('/appointments', staff, { appointmentTypeId: type.id, ...whose, start, title: 'Check-up' });

        // A start on the 15-minute grid of the working day that is not offered is refused.
        const grid = Array.from({ length: 4 * 12 }, (_, i) => DateTime.fromISO(`${date}T07:00`, { zone: ZONE }).plus({ minutes: 15 * i }).toUTC().toISO() as string);
        const notOfferedStarts = grid.filter((start) => !slots.some((slot) => Date.parse(slot.start) === Date.parse(start)));
        if (notOfferedStarts.length > 0) {
          const start = notOfferedStarts[notOffered % notOfferedStarts.length];
          const refused = await book(start);
          if (refused.status !== 409 && refused.status !== 422) {
            throw new ContractBroken(`${start} was not offered by ${asked}: booking it must be a 409 or a 422, it answered ${refused.status} ${JSON.stringify(refused.body)}`);
          }
        }

        if (slots.length === 0) return;
        runsWithSlots += 1;
        const slot = slots[pick % slots.length];
        const booked = await book(slot.start);
        if (booked.status !== 201) throw new ContractBroken(`${slot.start} was offered by ${asked}, but booking it answered ${booked.status} ${JSON.stringify(booked.body)}`);
        if (booked.body.end !== slot.end) throw new ContractBroken(`The slot ends at ${slot.end}, the appointment at ${booked.body.end}`);
        const after = (await clinic.t.http.get(asked, staff)).body.slots as Array<{ start: string }>;
        if (after.some((free) => free.start === slot.start)) throw new ContractBroken(`${slot.start} is still offered after it was booked`);
      }),
      RUNS,
    );
    expect(runsWithSlots).toBeGreaterThan(RUNS / 2);
  }, PROPERTY_TIMEOUT_MS);
});
