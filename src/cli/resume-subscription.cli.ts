import { SUBSCRIPTION_REGISTRY } from '../subscription-registry';
import { runCommand } from './command';

const SUBSCRIPTION_NAMES = SUBSCRIPTION_REGISTRY.names().sort();

const USAGE = `Usage: npm run subscriptions:resume -- <name>

Lets a subscription that stopped at a failing event (see /health/ready) retry from its
checkpoint, once the cause has been fixed and deployed. Works on DATABASE_URL, else on the
embedded PostgreSQL (the running app's, or one started for this command).

Arguments:
  <name>      the subscription: ${SUBSCRIPTION_NAMES.join(', ')}
Options:
  -h, --help  this text`;

runCommand({ usage: USAGE, options: {}, positionals: { min: 1, max: 1 } }, async ({ positionals: [name] }) => {
  if (!SUBSCRIPTION_NAMES.includes(name)) throw new Error(`No subscription named ${name}; subscriptions: ${SUBSCRIPTION_NAMES.join(', ')}`);
  // The application is loaded once the command line is known to be right: --help answers at once.
  const { withApplicationContext } = await import('./application-context.js');
  const { Checkpoints } = await import('../event-store/subscriptions/checkpoints.js');
  await withApplicationContext(async (app) => {
    const checkpoints = app.get(Checkpoints);
    const checkpoint = await checkpoints.get(name);
    if (checkpoint.status !== 'stopped') {
      console.log(`${name} is not stopped (it is ${checkpoint.status} at position ${checkpoint.position}): nothing to resume`);
      return;
    }
    await checkpoints.resume(name);
    console.log(`${name}: resumed from its checkpoint at position ${checkpoint.position} (it had stopped at event ${checkpoint.failedPosition}: ${checkpoint.failure})`);
  });
});
