import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Occupation, Reservations, ResourceTaken } from '../../src/reservations/reservations';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The one table of occupied time, given/when/then on real PostgreSQL: which kinds of occupation
 * exclude which, decided by the exclusion constraints alone.
 */
describe('Reservations: every kind of occupation under the same exclusion constraints', () => {
  let t: TestApp;
  let db: DataSource;
  let reservations: Reservations;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.dataSource;
    reservations = t.app.get(Reservations);
  });
  afterAll(() => t.close());

  const doctorId = randomUUID();
  const roomId = randomUUID();
  let day = 0;
  /** Each test works on its own day, so that the tests do not see each other's rows. */
  const at = (hour: number) => new Date(Date.UTC(2031, 0, 1 + day, hour)).toISOString();
  beforeEach(() => {
    day += 1;
  });

  const occupation = (kind: Occupation['kind'], from: number, to: number, holds: Partial<Occupation> = {}): Occupation => ({
    id: randomUUID(),
    kind,
    doctorId: null,
    roomId: null,
    patientId: null,
    start: at(from),
    end: at(to),
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    ...holds,
  });
  const appointment = (from: number, to: number, holds: Partial<Occupation> = {}) =>
    occupation('appointment', from, to, { doctorId, roomId, patientId: randomUUID(), ...holds });
  const write = (o: Occupation) => db.transaction((tx) => reservations.apply(tx, null, o));
  const refusal = async (o: Occupation) => {
    const error: unknown = await write(o).then(() => null, (caught: unknown) => caught);
    return error instanceof ResourceTaken ? error.resource : error;
  };

  it('a time off excludes its doctor’s appointments, not another doctor’s', async () => {
    await write(occupation('time-off', 9, 12, { doctorId }));

    expect(await refusal(appointment(10, 11))).toBe('doctor');
    expect(await refusal(appointment(10, 11, { doctorId: randomUUID(), roomId: randomUUID() }))).toBeNull();
  });

  it('a room block excludes the room’s appointments, whoever the doctor', async () => {
    await write(occupation('room-block', 9, 12, { roomId }));

    expect(await refusal(appointment(10, 11, { doctorId: randomUUID() }))).toBe('room');
  });

  it('a closure excludes every booking, and the buffers count', async () => {
    await write(occupation('closure', 12, 13));

    expect(await refusal(appointment(10, 11, { bufferAfterMinutes: 90 }))).toBe('clinic');
    expect(await refusal(occupation('hold', 12, 13, { doctorId: randomUUID(), roomId: randomUUID(), patientId: randomUUID() }))).toBe('clinic');
    expect(await refusal(appointment(10, 11))).toBeNull();
  });

  it('closures may overlap each other and other blocks; a booking may not overlap them', async () => {
    await write(occupation('time-off', 9, 17, { doctorId }));
    await write(occupation('room-block', 9, 17, { roomId }));

    expect(await refusal(occupation('closure', 8, 18))).toBeNull();
    expect(await refusal(occupation('closure', 10, 11))).toBeNull();
  });

  it('a booking in the way of a closure is what the closure finds in its way', async () => {
    const booked = appointment(10, 11);
    await write(booked);
    const closure = occupation('closure', 9, 17);

    const inTheWay = await db.transaction(async (tx) => {
      await reservations.lock(tx, [closure]);
      return reservations.inTheWay(tx, closure);
    });

    expect(inTheWay.map(({ id, kind }) => ({ id, kind }))).toEqual([{ id: booked.id, kind: 'appointment' }]);
    expect(await refusal(closure)).toBe('clinic');
  });

  it('a table row must hold what its kind holds', async () => {
    await expect(write(occupation('time-off', 9, 10))).rejects.toMatchObject({ constraint: 'reservations_holds_something' });
    await expect(write(occupation('closure', 9, 10, { doctorId }))).rejects.toMatchObject({ constraint: 'reservations_holds_something' });
  });
});
