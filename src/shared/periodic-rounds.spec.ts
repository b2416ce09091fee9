import { Logger } from '@nestjs/common';
import { PeriodicRounds } from './periodic-rounds';

describe('PeriodicRounds', () => {
  it('runs a round again after one that failed, logging the failure, and stops after the round in flight', async () => {
    const logger = new Logger('Test');
    const errors = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    let rounds = 0;
    let thirdStarted!: () => void;
    const third = new Promise<void>((resolve) => (thirdStarted = resolve));
    let finishThird!: () => void;
    const thirdDone = new Promise<void>((resolve) => (finishThird = resolve));
    let thirdFinished = false;
    const loop = new PeriodicRounds('Test', logger, 1, async () => {
      rounds++;
      if (rounds === 1) throw new Error('database unavailable');
      if (rounds === 3) {
        thirdStarted();
        await thirdDone;
        thirdFinished = true;
      }
    });

    loop.start();
    await third;
    const stopped = loop.stop();
    finishThird();
    await stopped;

    expect(thirdFinished).toBe(true);
    expect(rounds).toBe(3);
    expect(errors).toHaveBeenCalledWith('Test round failed: database unavailable');
  });
});
