import { CommandOptions } from '../command-execution/command-options';

/**
 * The options of the appointment commands a series command runs in its transaction: caused by
 * it, by the same actor; its If-Match and Idempotency-Key are the series command's own.
 */
export function occurrenceOptions(options: CommandOptions): CommandOptions {
  return { commandId: options.commandId, context: options.context };
}
