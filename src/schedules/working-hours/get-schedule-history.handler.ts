import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { doctorFor } from '../../appointments/schedule/doctor-day';
import { EventStore } from '../../event-store/event-store';
import { historyEntryOf } from '../../event-store/stream-history';
import { DoctorScheduleStream } from '../persistence/schedule-streams';
import { GetScheduleHistory } from './get-schedule-history.query';
import { scheduleChangeOf } from './schedule-history';

/**
 * A doctor's schedule history, read from the schedule stream itself (it is short: one event per
 * change of hours or time off), so it is never behind; a doctor sees only their own.
 */
@QueryHandler(GetScheduleHistory)
export class GetScheduleHistoryHandler implements IQueryHandler<GetScheduleHistory> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eventStore: EventStore,
    private readonly stream: DoctorScheduleStream,
  ) {}

  async execute({ doctorId, actor }: GetScheduleHistory) {
    const doctor = await doctorFor(this.dataSource.manager, doctorId, actor);
    const stored = await this.eventStore.readStream(doctorId);
    let state = this.stream.initialState;
    const items = stored.map((each) => {
      const event = this.stream.decode(each);
      const { changes, note } = scheduleChangeOf(state, event, doctor.workingHours);
      state = this.stream.evolve(state, event);
      return historyEntryOf(each, changes, note);
    });
    return { items };
  }
}
