import { decodeCursor, encodeCursor, NAME_CURSOR, START_CURSOR } from './page';

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const id = '4f1c2a10-5b6e-4c1d-9a4e-0d1f2a3b4c01';

describe('keyset cursors', () => {
  it('given a cursor a list handed out, then it decodes to its sort key', () => {
    expect(decodeCursor(encodeCursor(['2027-03-22T08:00:00.000Z', id]), START_CURSOR)).toEqual(['2027-03-22T08:00:00.000Z', id]);
    expect(decodeCursor(encodeCursor(['Consultation room 1', id]), NAME_CURSOR)).toEqual(['Consultation room 1', id]);
  });

  it('given a forged cursor, then it is a 400 naming the cursor', () => {
    const forged = [
      cursorOf(['a', id]),
      cursorOf(['2027-02-30T08:00:00.000Z', id]),
      cursorOf(['2027-03-22T08:00:00.000Z', 'not-a-uuid']),
      cursorOf([1, 2]),
      cursorOf(['2027-03-22T08:00:00.000Z']),
      cursorOf(['2027-03-22T08:00:00.000Z', id, 'extra']),
      'not base64!',
      'A'.repeat(2000),
      '',
    ];
    for (const cursor of forged) {
      expect(() => decodeCursor(cursor, START_CURSOR)).toThrow(expect.objectContaining({ status: 400, extensions: { errors: [expect.objectContaining({ field: 'cursor' })] } }));
    }
    for (const cursor of [cursorOf(['x\u0000', id]), cursorOf(['x'.repeat(201), id]), cursorOf([{}, id])]) {
      expect(() => decodeCursor(cursor, NAME_CURSOR)).toThrow(expect.objectContaining({ status: 400 }));
    }
  });
});
