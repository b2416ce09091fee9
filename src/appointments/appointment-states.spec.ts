import { checkedIn, created } from '../../test/support/appointment-decisions';
import { AppointmentStates, RecordedAppointmentEvent } from './appointment-states';
import { replay } from './domain/appointment.evolve';
import { AppointmentEvent } from './domain/appointment.events';
import { AppointmentState } from './domain/appointment.state';
import { AppointmentRepository } from './persistence/appointment.repository';

/** The log as a repository would read it: the state as of a version, and who is erased. */
function repositoryOf(stream: AppointmentEvent[], erased: string[] = []) {
  const reads: number[] = [];
  const repository = {
    loadAsOf: async (_id: string, at: { version: number }): Promise<AppointmentState> => {
      reads.push(at.version);
      return replay(stream.slice(0, at.version));
    },
    erasedPatients: async (ids: string[]) => new Set(ids.filter((id) => erased.includes(id))),
  };
  return { repository: repository as unknown as AppointmentRepository, reads };
}

const recorded = (event: AppointmentEvent, version: number): RecordedAppointmentEvent => ({
  event,
  stored: { eventId: `event-${version}`, version } as RecordedAppointmentEvent['stored'],
});

describe('The shared fold of appointment states', () => {
  it('given a batch that starts the stream, folds it without reading the log', async () => {
    const { repository, reads } = repositoryOf([created, checkedIn]);
    const states = await new AppointmentStates(repository).after([recorded(created, 1), recorded(checkedIn, 2)]);
    expect(states.get('event-2')).toMatchObject({ status: 'checked-in', version: 2 });
    expect(reads).toEqual([]);
  });

  it('given a batch in the middle of a stream, reads the state before it once', async () => {
    const { repository, reads } = repositoryOf([created, checkedIn]);
    const states = await new AppointmentStates(repository).after([recorded(checkedIn, 2)]);
    expect(states.get('event-2')).toMatchObject({ status: 'checked-in' });
    expect(reads).toEqual([1]);
  });

  it('given a state another subscription folded, reuses it', async () => {
    const { repository, reads } = repositoryOf([created, checkedIn]);
    const shared = new AppointmentStates(repository);
    shared.remember('event-2', { ...replay([created, checkedIn])!, title: 'as folded before' });
    const states = await shared.after([recorded(checkedIn, 2)]);
    expect(states.get('event-2')).toMatchObject({ title: 'as folded before' });
    expect(reads).toEqual([]);
  });

  it('given the patient was erased since, folds again from the log instead of reusing what showed their data', async () => {
    const { repository, reads } = repositoryOf([created, checkedIn], [created.data.patientId]);
    const shared = new AppointmentStates(repository);
    shared.remember('event-2', { ...replay([created, checkedIn])!, title: 'remembered before the erasure' });
    const states = await shared.after([recorded(checkedIn, 2)]);
    expect(states.get('event-2')?.title).toBe(created.data.title);
    expect(reads).toEqual([1]);
  });
});
