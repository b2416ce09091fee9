import { keepingShutdownSignals } from './shutdown-signals';

describe('shutdown signals', () => {
  it('given a library that installs its own SIGTERM and SIGINT handlers while it opens, when it is opened, then only the handlers that were there before remain', async () => {
    const ours = () => undefined;
    const theirs = () => undefined;
    process.on('SIGTERM', ours);
    try {
      const opened = await keepingShutdownSignals(() => {
        process.on('SIGTERM', theirs);
        process.on('SIGINT', theirs);
        return Promise.resolve('database');
      });
      expect(opened).toBe('database');
      expect(process.listeners('SIGTERM')).toContain(ours);
      expect(process.listeners('SIGTERM')).not.toContain(theirs);
      expect(process.listeners('SIGINT')).not.toContain(theirs);
    } finally {
      process.removeListener('SIGTERM', ours);
      process.removeListener('SIGTERM', theirs);
      process.removeListener('SIGINT', theirs);
    }
  });
});
