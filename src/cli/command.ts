import { parseArgs, ParseArgsConfig } from 'node:util';
import { AppConfig, loadConfig } from '../config/app-config';
import { loadEnvFileIfPresent } from '../config/env-file';

type Options = NonNullable<ParseArgsConfig['options']>;

/** A command-line program's interface: its usage text and the options and arguments it takes. */
export interface CommandSpec<O extends Options> {
  /** The usage line(s) and what the command does, printed by `--help` and after a usage error. */
  usage: string;
  options: O;
  /** How many arguments (besides options) the command takes. */
  positionals: { min: number; max: number };
}

export type CommandLine<O extends Options> = ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>;

/** The command line does not fit the command's usage: exit code 2, with the usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit codes: 0 done, 1 the command failed, 2 the command line is wrong (as with most Unix tools). */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

/** Parses argv against the spec; `--help` is understood by every command. */
export function parseCommandLine<O extends Options>(spec: CommandSpec<O>, argv: string[]): { help: boolean; line: CommandLine<O> } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...spec.options, ...HELP }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if ((parsed.values as Record<string, unknown>).help === true) return { help: true, line: parsed };
  const count = parsed.positionals.length;
  const { min, max } = spec.positionals;
  if (count < min) throw new UsageError(min === 1 ? 'An argument is missing' : `${min - count} arguments are missing`);
  if (count > max) throw new UsageError(`Unexpected argument '${parsed.positionals[max]}'`);
  return { help: false, line: parsed };
}

/**
 * A readable reason for any failure, never `undefined`: a connection refused on every address
 * of a host comes as an AggregateError without a message of its own, some libraries reject
 * with nothing at all.
 */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    const reasons = [...new Set(error.errors.map(describeError))].join('; ');
    return error.message ? `${error.message}: ${reasons}` : reasons;
  }
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return error.message || code || error.name;
  }
  if (typeof error === 'string' && error !== '') return error;
  if (error === undefined || error === null || error === '') return `failed without giving a reason (${error === undefined ? 'undefined' : JSON.stringify(error)})`;
  try {
    return JSON.stringify(error);
  } catch {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- what JSON cannot write (a cycle, a BigInt) still gets its default name
    return String(error);
  }
}

/**
 * Runs a command-line program: `--help` prints its usage (exit 0); a wrong command line prints
 * the reason and the usage on stderr (exit 2); a failure prints its reason on stderr (exit 1).
 */
export function runCommand<O extends Options>(spec: CommandSpec<O>, main: (line: CommandLine<O>) => Promise<void> | void): void {
  let parsed: { help: boolean; line: CommandLine<O> };
  try {
    parsed = parseCommandLine(spec, process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${describeError(error)}\n\n${spec.usage}\n`);
    process.exit(EXIT_USAGE);
  }
  if (parsed.help) {
    process.stdout.write(`${spec.usage}\n`);
    return;
  }
  // A command that ends at once and one that awaits fail the same way: a throw is a rejection.
  new Promise<void>((resolve) => {
    resolve(main(parsed.line));
  }).catch((error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${describeError(error)}\n\n${spec.usage}\n`);
      process.exit(EXIT_USAGE);
    }
    process.stderr.write(`${describeError(error)}\n`);
    process.exit(EXIT_FAILURE);
  });
}

/** The configuration of a command: the environment, or a `.env` file when present. */
export function commandConfig(): AppConfig {
  loadEnvFileIfPresent();
  return loadConfig();
}

/** Diagnostics of a command go to stderr, so that its stdout carries only its result (a token). */
export function note(message: string): void {
  process.stderr.write(`${message}\n`);
}
