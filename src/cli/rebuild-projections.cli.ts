import { SUBSCRIPTION_REGISTRY } from '../subscription-registry';
import { runCommand } from './command';

const PROJECTIONS = SUBSCRIPTION_REGISTRY.rebuildable().map((entry) => entry.name);

const USAGE = `Usage: npm run projections:rebuild -- <name>... | all

Rebuilds projections (read tables) from the event log into fresh tables and swaps them in.
Safe while the app runs: it keeps serving the old tables until the swap. Works on DATABASE_URL,
else on the embedded PostgreSQL (the running app's, or one started for this command).

Arguments:
  <name>...   one or more projections, or "all"; the projections: ${PROJECTIONS.join(', ')}
Options:
  -h, --help  this text`;

runCommand({ usage: USAGE, options: {}, positionals: { min: 1, max: 20 } }, async ({ positionals }) => {
  const names = positionals.includes('all') ? PROJECTIONS : [...new Set(positionals)];
  const unknown = names.filter((name) => !PROJECTIONS.includes(name));
  if (unknown.length > 0) throw new Error(`No projection named ${unknown.join(', ')}; projections: ${PROJECTIONS.join(', ')} (or all)`);
  // The application is loaded once the command line is known to be right: --help answers at once.
  const { withApplicationContext } = await import('./application-context.js');
  const { ProjectionRebuilder } = await import('../event-store/subscriptions/projection-rebuilder.js');
  await withApplicationContext(async (app) => {
    const rebuilder = app.get(ProjectionRebuilder);
    for (const name of names) {
      const started = performance.now();
      const { events } = await rebuilder.rebuild(name);
      const ms = Math.round(performance.now() - started);
      console.log(`${name}: rebuilt from ${events} events in ${ms} ms (${Math.round((events * 1000) / Math.max(ms, 1))} events/s)`);
    }
  });
});
