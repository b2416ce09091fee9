import { Injectable } from '@nestjs/common';
import { assertNever } from '../../appointments/domain/assert-never';
import { DeliveredEvent } from '../../event-store/subscriptions/durable-events-handler.decorator';
import { EventStore } from '../../event-store/event-store';
import { ScheduleEvent } from '../../schedules/domain/schedule.events';
import { decodeScheduleEvent } from '../../schedules/persistence/schedule-event.codec';
import { blockAfter, blockIdOf, isBlockEvent, isCancellation, ScheduleBlock } from '../../schedules/read-side/schedule-block';
import { LiveDelivery, ScheduleAudience } from './live-message';

/** Who, besides staff, receives a schedule change: the doctor of a time off or working hours, every doctor for a closure; a room block is for staff only. */
function audienceOf(event: ScheduleEvent): ScheduleAudience {
  switch (event.type) {
    case 'WorkingHoursChanged':
    case 'TimeOffScheduled':
    case 'TimeOffCancelled':
      return [event.data.doctorId];
    case 'ClinicClosureScheduled':
    case 'ClinicClosureCancelled':
      return 'every doctor';
    case 'RoomBlockScheduled':
    case 'RoomBlockCancelled':
      return [];
    default:
      return assertNever(event);
  }
}

/**
 * Builds the live messages of schedule changes: `{ position, eventType, block }` for a time off,
 * closure or room block as it stands after the event, `{ position, eventType, workingHours }`
 * for new working hours. A cancellation names only its block, so the block as scheduled is
 * folded from its stream (read once per stream and batch, up to the last cancellation).
 */
@Injectable()
export class LiveScheduleDeliveries {
  constructor(private readonly eventStore: EventStore) {}

  async of(recorded: ReadonlyArray<DeliveredEvent<ScheduleEvent>>): Promise<LiveDelivery[]> {
    const before = await this.blocksBeforeCancellations(recorded);
    return recorded.map(({ event, stored }) => {
      const base = { position: stored.position, eventType: event.type, correlationId: stored.metadata.correlationId };
      const message = isBlockEvent(event)
        ? { ...base, block: blockAfter(event, before.get(stored.eventId) ?? null) }
        : { ...base, workingHours: { doctorId: event.data.doctorId, effectiveFrom: event.data.effectiveFrom, workingHours: event.data.workingHours } };
      return { channel: 'schedule', message, transactionId: stored.transactionId, doctors: audienceOf(event), patientId: null };
    });
  }

  /** For each cancellation of `recorded` (by event id), its block as it stood just before. */
  private async blocksBeforeCancellations(recorded: ReadonlyArray<DeliveredEvent<ScheduleEvent>>): Promise<Map<string, ScheduleBlock>> {
    const cancellations = recorded.filter(({ event }) => isBlockEvent(event) && isCancellation(event));
    const lastVersions = new Map<string, number>();
    for (const { stored } of cancellations) lastVersions.set(stored.aggregateId, Math.max(lastVersions.get(stored.aggregateId) ?? 0, stored.version));
    const before = new Map<string, ScheduleBlock>();
    for (const [aggregateId, toVersion] of lastVersions) {
      const blocks = new Map<string, ScheduleBlock>();
      for (const stored of await this.eventStore.readStream(aggregateId, { toVersion })) {
        const event = decodeScheduleEvent(stored);
        if (!isBlockEvent(event)) continue;
        const id = blockIdOf(event);
        const known = blocks.get(id) ?? null;
        if (isCancellation(event)) {
          // A cancellation of a block its stream never scheduled changes nothing (as in the fold).
          if (!known) continue;
          before.set(stored.eventId, known);
        }
        blocks.set(id, blockAfter(event, known));
      }
    }
    return before;
  }
}
