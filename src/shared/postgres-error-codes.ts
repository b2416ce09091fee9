/**
 * The PostgreSQL error codes (SQLSTATE) the application tells apart, by their names in the
 * PostgreSQL manual (Appendix A): every comparison with an error's `code` uses these.
 */
export const PG_ERROR = {
  /** unique_violation: a unique index refused a second row with the same key. */
  UNIQUE_VIOLATION: '23505',
  /** exclusion_violation: an exclusion constraint refused an overlapping row (a taken slot). */
  EXCLUSION_VIOLATION: '23P01',
  /** serialization_failure: a transaction lost a serializable race; it may be retried. */
  SERIALIZATION_FAILURE: '40001',
  /** deadlock_detected: the server aborted one of two transactions waiting on each other; it may be retried. */
  DEADLOCK_DETECTED: '40P01',
  /** duplicate_database: CREATE DATABASE of a name that exists (another process was first). */
  DUPLICATE_DATABASE: '42P04',
  /** object_not_in_prerequisite_state: raised at connection time when the database refuses connections. */
  OBJECT_NOT_IN_PREREQUISITE_STATE: '55000',
  /** admin_shutdown: the session was terminated (pg_terminate_backend, a fast shutdown). */
  ADMIN_SHUTDOWN: '57P01',
  /** crash_shutdown: the server is restarting after a crash of another backend. */
  CRASH_SHUTDOWN: '57P02',
  /** cannot_connect_now: the server is starting up, shutting down or in recovery. */
  CANNOT_CONNECT_NOW: '57P03',
  /** database_dropped: the session's database was dropped. */
  DATABASE_DROPPED: '57P04',
  /** too_many_connections: every connection slot of the server is taken. */
  TOO_MANY_CONNECTIONS: '53300',
  /** Class 08, connection exception: matched by this prefix. */
  CONNECTION_EXCEPTION_CLASS: '08',
} as const;
