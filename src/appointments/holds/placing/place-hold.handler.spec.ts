import { AppConfig } from '../../../config/app-config';
import { NotAllowed } from '../../../shared/application-errors';
import { Actor } from '../../../shared/auth/actor';
import { CommandOptions } from '../../command-execution/command-options';
import { HoldRequest, PlacedHold, SlotHolds } from '../slot-holds';
import { PlaceHold } from './place-hold';
import { PlaceHoldHandler } from './place-hold.handler';

const holdId = 'a0000000-0000-4000-8000-000000000001';
const mia = 'b0000000-0000-4000-8000-000000000001';
const lukas = 'b0000000-0000-4000-8000-000000000002';
const request: HoldRequest = {
  appointmentTypeId: 'c0000000-0000-4000-8000-000000000001',
  doctorId: 'd0000000-0000-4000-8000-000000000001',
  roomId: 'e0000000-0000-4000-8000-000000000001',
  patientId: mia,
  start: new Date('2027-03-22T08:00:00Z'),
};
const placed = { hold: { id: holdId }, position: 7, replayed: false } as PlacedHold;

const optionsOf = (actor: Actor): CommandOptions => ({ commandId: 'f0000000-0000-4000-8000-000000000001', context: { actor, requestId: 'request-1', correlationId: 'correlation-1' } });

/** given a SlotHolds that places any hold, when a client places one through the handler. */
function handlerWith() {
  const place = jest.fn().mockResolvedValue(placed);
  const handler = new PlaceHoldHandler({ place } as unknown as SlotHolds, { holdTtlSeconds: 600 } as AppConfig);
  return { handler, place };
}

describe('PlaceHoldHandler', () => {
  it('places a patient’s hold for themself, for HOLD_TTL_SECONDS and for no waitlist entry', async () => {
    const { handler, place } = handlerWith();
    const options = optionsOf({ userId: 'mia', role: 'patient', patientId: mia });

    await expect(handler.execute(new PlaceHold(holdId, request, options))).resolves.toBe(placed);
    expect(place).toHaveBeenCalledWith(holdId, request, options, { ttlSeconds: 600, waitlistEntryId: null });
  });

  it('places staff’s hold for any patient', async () => {
    const { handler, place } = handlerWith();
    const options = optionsOf({ userId: 'desk-1', role: 'staff' });

    await expect(handler.execute(new PlaceHold(holdId, { ...request, patientId: lukas }, options))).resolves.toBe(placed);
    expect(place).toHaveBeenCalledTimes(1);
  });

  it('refuses a patient holding a slot for someone else (403), before anything is placed', async () => {
    const { handler, place } = handlerWith();
    const options = optionsOf({ userId: 'lukas', role: 'patient', patientId: lukas });

    await expect(handler.execute(new PlaceHold(holdId, request, options))).rejects.toThrow(NotAllowed);
    expect(place).not.toHaveBeenCalled();
  });
});
