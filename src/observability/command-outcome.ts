import { DomainError, ErrorKind } from '../shared/domain-error';
import { CommandMetricOutcome } from './metrics';

const OUTCOME_OF_KIND: Record<ErrorKind, CommandMetricOutcome> = {
  'not-found': 'not_found',
  forbidden: 'invalid',
  conflict: 'conflict',
  stale: 'stale',
  'rule-broken': 'rule_broken',
  gone: 'gone',
};

/** How a failed command ended, for the metrics: by the error's kind, never by its wording; anything but a refusal is an error. */
export function outcomeOf(error: unknown): CommandMetricOutcome {
  return error instanceof DomainError ? OUTCOME_OF_KIND[error.kind] : 'error';
}
