import { AppConfig, loadConfig } from '../config/app-config';
import { loadEnvFileIfPresent } from '../config/env-file';

/** Runs a command-line program: on failure, its message on stderr and exit code 1. */
export function runCommand(main: () => Promise<void>): void {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

/** The configuration of a command: the environment, or a `.env` file when present. */
export function commandConfig(): AppConfig {
  loadEnvFileIfPresent();
  return loadConfig();
}
