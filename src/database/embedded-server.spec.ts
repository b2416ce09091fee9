import { decideEmbeddedServer, EmbeddedServerObservation } from './embedded-server';
import { EmbeddedServerOwner } from './embedded-server-owner';
import { parsePostmasterPid } from './postmaster-pid';

const owner = (role: EmbeddedServerOwner['role']): EmbeddedServerOwner => ({ pid: 4242, role, command: 'dist/main.js', port: 54329, since: '2027-03-01T08:00:00Z' });

/** A server running on port 54329 as PID 777, started by a living application. */
const running: EmbeddedServerObservation = {
  postmaster: { pid: 777, port: 54329, status: 'ready' },
  postmasterAlive: true,
  postmasterIsPostgres: true,
  answers: true,
  owner: owner('app'),
  ownerAlive: true,
};

describe('decideEmbeddedServer', () => {
  it('given no lock file, starts the server', () => {
    expect(decideEmbeddedServer({ ...running, postmaster: undefined, postmasterAlive: false, postmasterIsPostgres: false, answers: false, owner: undefined, ownerAlive: false })).toEqual({ action: 'start' });
  });

  it('given a lock file whose process is gone (a crash, a reboot), starts the server: PostgreSQL replaces that file itself', () => {
    expect(decideEmbeddedServer({ ...running, postmasterAlive: false, postmasterIsPostgres: false, answers: false, ownerAlive: false })).toEqual({ action: 'start' });
  });

  it('given a lock file naming a living process that is not PostgreSQL (its id reused after a reboot), removes the stale file', () => {
    expect(decideEmbeddedServer({ ...running, postmasterIsPostgres: false, answers: false })).toEqual({ action: 'remove-stale-lock', pid: 777 });
  });

  it('given a server that does not answer yet (starting or stopping), waits for it', () => {
    expect(decideEmbeddedServer({ ...running, answers: false, postmaster: { pid: 777, port: 54329, status: 'starting' } })).toMatchObject({ action: 'wait', until: 'answering' });
  });

  it("given a running app's server, a command (or a second app) attaches to it on the server's own port and leaves it running", () => {
    const decision = decideEmbeddedServer({ ...running, postmaster: { pid: 777, port: 60001, status: 'ready' } });
    expect(decision).toEqual({ action: 'attach', port: 60001, owner: owner('app') });
  });

  it('given a server whose owner died (killed, crashed) or never recorded itself, adopts it: uses it and stops it at the end', () => {
    expect(decideEmbeddedServer({ ...running, ownerAlive: false })).toEqual({ action: 'adopt', port: 54329, pid: 777 });
    expect(decideEmbeddedServer({ ...running, owner: undefined, ownerAlive: false })).toEqual({ action: 'adopt', port: 54329, pid: 777 });
  });

  it("given a command's server, waits for the command to end (it stops the server then) instead of losing the database midway", () => {
    expect(decideEmbeddedServer({ ...running, owner: owner('command') })).toMatchObject({ action: 'wait', until: 'command-done' });
  });
});

describe('parsePostmasterPid', () => {
  it('reads the process id, port and state that PostgreSQL records', () => {
    const file = ['24017', '/work/main/.data/postgres', '1796152000', '54329', '/tmp', 'localhost', '  1234567   2', 'ready   ', ''].join('\n');
    expect(parsePostmasterPid(file)).toEqual({ pid: 24017, port: 54329, status: 'ready' });
  });

  it('gives nothing for a file PostgreSQL is still writing or that is damaged', () => {
    expect(parsePostmasterPid('24017\n/work/main/.data/postgres\n')).toBeUndefined();
    expect(parsePostmasterPid('')).toBeUndefined();
    expect(parsePostmasterPid('abc\nx\ny\n54329\n')).toBeUndefined();
  });
});
