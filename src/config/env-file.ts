import { existsSync } from 'node:fs';

/** Reads `.env` from the working directory when there is one; the environment wins over it. */
export function loadEnvFileIfPresent(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
