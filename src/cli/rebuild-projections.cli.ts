import { ProjectionRebuilder } from '../event-store/subscriptions/projection-rebuilder';
import { withApplicationContext } from './application-context';
import { runCommand } from './command';

/**
 * `npm run projections:rebuild -- <name|all>`: rebuilds projections from the event log into
 * fresh tables and swaps them in. Safe while the app runs: it keeps serving the old tables.
 */
runCommand(async () => {
  const target = process.argv[2];
  if (!target) throw new Error('Usage: npm run projections:rebuild -- <name|all>');
  await withApplicationContext(async (app) => {
    const rebuilder = app.get(ProjectionRebuilder);
    const names = target === 'all' ? rebuilder.projections() : [target];
    for (const name of names) {
      const started = performance.now();
      const { events } = await rebuilder.rebuild(name);
      const ms = Math.round(performance.now() - started);
      console.log(`${name}: rebuilt from ${events} events in ${ms} ms (${Math.round((events * 1000) / Math.max(ms, 1))} events/s)`);
    }
  });
});
