import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from './app-process';

export interface CliResult {
  /** The exit code, or the signal that ended the program. */
  code: number | string;
  stdout: string;
  stderr: string;
}

/** Runs a program with the environment given (over the test's own) and gathers its output. */
export function runProgram(command: string, args: string[], env: Record<string, string> = {}, timeoutMs = 90_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} did not end within ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal ?? 'unknown', stdout, stderr });
    });
  });
}

/** Runs a built command-line program (`dist/cli/<name>.cli.js`), as its npm script does after the build. */
export function runCli(name: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runProgram(process.execPath, [join(PROJECT_ROOT, 'dist', 'cli', `${name}.cli.js`), ...args], env);
}
