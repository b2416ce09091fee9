import { Checkpoints } from '../event-store/subscriptions/checkpoints';
import { withApplicationContext } from './application-context';
import { runCommand } from './command';

/**
 * `npm run subscriptions:resume -- <name>`: lets a projection that stopped at a failing event
 * (see /health/ready) retry from its checkpoint, once the cause has been fixed and deployed.
 */
runCommand(async () => {
  const name = process.argv[2];
  if (!name) throw new Error('Usage: npm run subscriptions:resume -- <subscription name>');
  await withApplicationContext(async (app) => {
    await app.get(Checkpoints).resume(name);
    console.log(`${name}: resumed from its checkpoint`);
  });
});
