/**
 * The catalogue of problem types: every `type` this service puts in a problem document (HTTP
 * responses and `/live` messages, RFC 9457) is `/problems/<code>` for one of these codes, and
 * `GET /problems/<code>` serves its entry. A code is a stable identifier clients may branch on;
 * the `detail` of a problem explains one occurrence, the entry here explains the kind.
 */
export interface ProblemType {
  code: string;
  title: string;
  /** The HTTP status it comes with; absent for a `/live` notice that is not an error. */
  status?: number;
  /** What happened, in the client's terms. */
  meaning: string;
  /** What the client should do about it. */
  whatToDo: string;
}

export const PROBLEM_TYPES: readonly ProblemType[] = [
  {
    code: 'invalid-request',
    title: 'Invalid request',
    status: 400,
    meaning:
      'The request is malformed: a field is missing, has the wrong type or format, is not allowed (unknown fields are refused), contains control characters, or a header such as If-Match or Idempotency-Key is not well formed. `errors` lists each offending field with a message.',
    whatToDo: 'Fix the fields named in `errors` and send the request again. Retrying it unchanged gives the same answer.',
  },
  {
    code: 'unauthorized',
    title: 'Authentication required',
    status: 401,
    meaning: 'The request carries no access token, or one that is malformed, wrongly signed or expired.',
    whatToDo: 'Obtain a fresh access token and send it as `Authorization: Bearer <token>` (on `/live`, in the handshake `auth.token`).',
  },
  {
    code: 'forbidden',
    title: 'Not allowed',
    status: 403,
    meaning: 'The token is valid, but its role may not do this (for example a patient booking for someone else, or a doctor creating reference data).',
    whatToDo: 'Do not retry with the same token: ask someone whose role allows it (see the role list of the operation in the API documentation).',
  },
  {
    code: 'not-found',
    title: 'Not found',
    status: 404,
    meaning: 'The addressed record does not exist, or is not visible to you (a patient or doctor sees only their own appointments), or the requested version of it does not exist.',
    whatToDo: 'Check the id in the path. Do not retry unchanged.',
  },
  {
    code: 'appointment-not-found',
    title: 'Not found',
    status: 404,
    meaning: 'No appointment has this id.',
    whatToDo: 'Check the appointment id; list appointments with `GET /appointments` to find the right one.',
  },
  {
    code: 'appointment-already-exists',
    title: 'Conflict',
    status: 409,
    meaning: 'An appointment with this id already exists.',
    whatToDo: 'Book again without reusing the id; to repeat a booking safely, send the same Idempotency-Key instead.',
  },
  {
    code: 'unknown-reference',
    title: 'Unknown reference',
    status: 422,
    meaning: 'The body refers to a doctor, patient, room or appointment type that does not exist.',
    whatToDo: 'Use ids from `GET /doctors`, `/patients`, `/rooms` or `/appointment-types`, then send the request again.',
  },
  {
    code: 'record-retired',
    title: 'Record retired',
    status: 422,
    meaning:
      'The body names a doctor, patient, room or appointment type that has been retired (`active: false`): it takes no new bookings and no appointment is moved to it. Its existing appointments are unaffected. `retired` gives its kind and id.',
    whatToDo: 'Choose an active record (lists leave retired ones out), or ask an administrator to reinstate it with `PATCH` and `active: true`.',
  },
  {
    code: 'slot-taken',
    title: 'Slot taken',
    status: 409,
    meaning:
      'The doctor, the room or the patient (named in `resource` and in the detail) already has an appointment overlapping the requested time, buffers before and after included. Nothing was booked or changed.',
    whatToDo: 'Pick another time (`GET /doctors/{id}/availability` lists free slots) or another room, and send the request again.',
  },
  {
    code: 'time-blocked',
    title: 'Time blocked',
    status: 409,
    meaning:
      'The requested time lies in a block of the schedule: a time off of the doctor, a clinic closure or a block of the room (for a new time off or room block: another one of the same doctor or room). The detail names the block and its local time; `block` gives its kind, id, start and end. Nothing was booked or changed.',
    whatToDo: 'Pick a time outside the block (`GET /doctors/{id}/availability` leaves blocked time out), or ask an administrator whether the block is still right.',
  },
  {
    code: 'appointments-in-the-way',
    title: 'Appointments in the way',
    status: 409,
    meaning:
      'Booked (or checked-in) appointments or slot holds lie in the time of the time off, clinic closure or room block asked for; `conflicts` lists each appointment as `{ appointmentId, start, end }` and each hold as `{ holdId, start, end }`. Nothing was recorded.',
    whatToDo: 'Move or cancel those appointments first, or send the same request with `"cancelAppointments": true` to cancel them with the block\'s reason (their patients are emailed) and release the holds.',
  },
  {
    code: 'hold-not-found',
    title: 'Not found',
    status: 404,
    meaning: 'No slot hold has this id, or it is not yours (a patient sees only their own holds).',
    whatToDo: 'Check the hold id; take a new hold with `POST /holds`.',
  },
  {
    code: 'hold-already-exists',
    title: 'Conflict',
    status: 409,
    meaning: 'A slot hold with this id already exists.',
    whatToDo: 'Take the hold again without reusing the id; to repeat a request safely, send the same Idempotency-Key instead.',
  },
  {
    code: 'hold-gone',
    title: 'Hold gone',
    status: 410,
    meaning:
      'The slot hold has ended for good: it was released, converted into an appointment, or has expired (its time ran out, whether or not its slot has been given back yet). `holdStatus` says which. Nothing was booked or changed.',
    whatToDo: 'Take a new hold (`POST /holds`) or book a free slot directly; `GET /doctors/{id}/availability` lists free slots.',
  },
  {
    code: 'hold-mismatch',
    title: 'Hold mismatch',
    status: 422,
    meaning:
      'A booking with `holdId` names another slot than the hold holds: its doctor, room, patient, appointment type, start or end (defaulted from the type\'s duration when absent) differs. `differences` lists each field with the held and the asked value. Nothing was booked or changed.',
    whatToDo: 'Send the booking with the held slot\'s values (`GET /holds/{id}` shows them), or book the other slot without `holdId`.',
  },
  {
    code: 'hold-is-waitlist-offer',
    title: 'Hold is a waitlist offer',
    status: 409,
    meaning:
      'The slot hold is a waitlist offer (`waitlistEntryId` names its entry): only the waitlist ends it, so that the entry never keeps an offer whose hold is gone. Releasing it with `DELETE /holds/{id}` or booking it with `POST /appointments` and `holdId` is refused. Nothing was booked or changed.',
    whatToDo: 'Answer the offer on its entry: `POST /waitlist/{waitlistEntryId}/accept` books the slot, `POST /waitlist/{waitlistEntryId}/decline` gives it back (the entry waits again); `DELETE /waitlist/{waitlistEntryId}` leaves the list.',
  },
  {
    code: 'waitlist-entry-not-found',
    title: 'Not found',
    status: 404,
    meaning: 'No waitlist entry has this id, or it is another patient\'s (a patient sees only their own entries).',
    whatToDo: 'Check the entry id: it is the `id` of the answer to `POST /waitlist` (and its `Location`). Do not retry unchanged.',
  },
  {
    code: 'waitlist-window-invalid',
    title: 'Waitlist window invalid',
    status: 422,
    meaning:
      "The window of dates cannot be waited in: `to` is before `from`, `to` is before today in the clinic's zone, or the window spans more than 180 days (both ends counted). Nothing was written.",
    whatToDo: 'Send a window from today or later, with `from` on or before `to`, of at most 180 days; wait for a later window with a second entry once this one ends.',
  },
  {
    code: 'already-on-waitlist',
    title: 'Already on the waitlist',
    status: 409,
    meaning: 'The patient already has an open entry (waiting or offered) for the same appointment type in a window that overlaps this one. Nothing was written.',
    whatToDo: 'Keep the entry you have, or take it off the list (`DELETE /waitlist/{id}`) before joining again with another window.',
  },
  {
    code: 'no-open-offer',
    title: 'No open offer',
    status: 409,
    meaning: 'The waitlist entry has no offer to answer: it is still waiting, or it is over (booked, expired, cancelled). `entryStatus` says which. Nothing was changed.',
    whatToDo: 'Read the entry (`GET /waitlist/{id}`): an offer appears there, with its slot and `expiresAt`, once time frees up.',
  },
  {
    code: 'offer-expired',
    title: 'Offer expired',
    status: 410,
    meaning: 'The offer was not answered before its `expiresAt` (OFFER_TTL_SECONDS after it was made): its hold runs out and the slot goes to the next entry in line. Nothing was booked.',
    whatToDo: 'Book another free slot (`GET /availability` lists them) or join the waitlist again.',
  },
  {
    code: 'waitlist-entry-closed',
    title: 'Waitlist entry closed',
    status: 409,
    meaning: 'The waitlist entry is no longer on the list (booked, expired or cancelled), so there is nothing to take off it. `entryStatus` says which.',
    whatToDo: 'Nothing to do; read the entry (`GET /waitlist/{id}`) to see how it ended.',
  },
  {
    code: 'appointment-series-not-found',
    title: 'Not found',
    status: 404,
    meaning: 'No appointment series has this id, or it is not yours (a patient sees only their own series).',
    whatToDo: 'Check the series id: it is the `id` of the answer to `POST /appointment-series`, and the `seriesId` of each of its appointments.',
  },
  {
    code: 'series-occurrences-taken',
    title: 'Occurrences taken',
    status: 409,
    meaning:
      'Some occurrences of the series cannot be booked: their time is taken. `conflicts` lists every one (`start`, `end`), with what is in its way (`blockedBy`: doctor, room, patient, time-off, closure or room-block) and a `reason` naming it. Nothing was booked.',
    whatToDo: 'Choose another start, day or room (`GET /doctors/{id}/availability` shows free slots), or book the series so that it avoids the dates listed, then send it again.',
  },
  {
    code: 'series-outside-working-hours',
    title: 'Occurrences outside working hours',
    status: 422,
    meaning:
      "Some occurrences of the series fall outside the doctor's working hours in force on their dates (on the doctor's clock). `outsideHours` lists every one (`start`, `end`). Nothing was booked.",
    whatToDo: 'Choose a time the doctor works on every date of the series, or end the series before the dates listed.',
  },
  {
    code: 'invalid-recurrence',
    title: 'Rule broken',
    status: 422,
    meaning: "Read on the doctor's clock, the recurrence gives no occurrence (its `until` is before the first one's local date) or more than 52.",
    whatToDo: "Send the start with the doctor's own UTC offset, or adjust `count` or `until`.",
  },
  {
    code: 'series-cancellation-retroactive',
    title: 'Rule broken',
    status: 422,
    meaning: "A series is cancelled from today on (the doctor's zone): `from` is before today.",
    whatToDo: 'Send `from` as today or later, or leave it out (today).',
  },
  {
    code: 'series-nothing-to-cancel',
    title: 'Rule broken',
    status: 422,
    meaning: 'No occurrence of the series is still booked from that date on: they are past, checked in, cancelled already or moved before it.',
    whatToDo: 'Nothing to cancel; read the series (`GET /appointment-series/{id}`) to see its occurrences and their statuses.',
  },
  {
    code: 'block-too-long',
    title: 'Rule broken',
    status: 422,
    meaning: 'A time off, clinic closure or room block may last at most 366 days.',
    whatToDo: 'Split a longer absence into blocks of at most 366 days each.',
  },
  {
    code: 'block-reason-required',
    title: 'Rule broken',
    status: 422,
    meaning: 'A clinic closure or room block needs a reason that is not blank: it is the reason given to the patients whose appointments it cancels.',
    whatToDo: 'Send a reason with some text in it.',
  },
  {
    code: 'concurrent-change',
    title: 'Concurrent change',
    status: 409,
    meaning: 'Another request changed the same appointment or schedule at the same moment (for a block that cancels appointments: one of the appointments in its way); this one was not applied.',
    whatToDo: 'Read the appointment again and, if the change still makes sense, retry (with the same Idempotency-Key if you sent one).',
  },
  {
    code: 'stale-version',
    title: 'Precondition failed',
    status: 412,
    meaning: 'The If-Match header names a version other than the current one of the appointment, clinic closure, room block or reference record: someone changed it since you read it. Nothing was changed.',
    whatToDo: 'Read it again (`GET /appointments/{id}`, `GET /doctors/{id}` and so on: its ETag is the version), check that your change still applies, and send it with the new ETag in If-Match.',
  },
  {
    code: 'idempotency-key-reused',
    title: 'Idempotency key reused',
    status: 422,
    meaning: 'This Idempotency-Key was already used for a request with a different body or route.',
    whatToDo: 'Use a new key for a new request; reuse a key only to repeat exactly the same request.',
  },
  {
    code: 'idempotency-key-in-flight',
    title: 'Request in progress',
    status: 409,
    meaning: 'The first request with this Idempotency-Key is still being processed.',
    whatToDo: 'Wait a moment and send the same request with the same key again: you then get the first request\'s response.',
  },
  {
    code: 'read-side-behind',
    title: 'Read side behind',
    status: 503,
    meaning: 'The read tables have not yet applied the event position asked for with `minPosition` or `X-Min-Position` within the wait allowed.',
    whatToDo: 'Retry after the Retry-After header\'s seconds with the same position.',
  },
  {
    code: 'database-unavailable',
    title: 'Database unavailable',
    status: 503,
    meaning: 'The service cannot reach its database right now. A command that got this answer was not applied, unless the connection was lost while it was being committed.',
    whatToDo: 'Retry after the Retry-After header\'s seconds; repeat commands with the same Idempotency-Key so that a command that did go through is not applied twice.',
  },
  {
    code: 'identity-provider-unavailable',
    title: 'Identity provider unavailable',
    status: 503,
    meaning: "The dashboard cannot tell how to sign in: the clinic's identity provider (AUTH_ISSUER_URL) does not answer its discovery document, or answers one for another issuer or without the endpoints the sign-in needs.",
    whatToDo: "Retry after the Retry-After header's seconds; if it lasts, check AUTH_ISSUER_URL and that the provider is up and reachable from the service.",
  },
  {
    code: 'invalid-transition',
    title: 'Rule broken',
    status: 422,
    meaning: 'The appointment\'s status does not allow this action (for example completing a cancelled appointment); the detail names the statuses it is allowed from.',
    whatToDo: 'Read the appointment to see its status; do not retry unchanged.',
  },
  {
    code: 'start-in-past',
    title: 'Rule broken',
    status: 422,
    meaning: 'The requested start lies in the past.',
    whatToDo: 'Choose a start in the future.',
  },
  {
    code: 'end-not-after-start',
    title: 'Rule broken',
    status: 422,
    meaning: 'The requested end is not after the start.',
    whatToDo: 'Send an end after the start, or leave the end out to use the appointment type\'s duration.',
  },
  {
    code: 'outside-working-hours',
    title: 'Rule broken',
    status: 422,
    meaning: 'The requested time is not within the doctor\'s working hours, in the doctor\'s timezone.',
    whatToDo: 'Choose a time within the working hours (`GET /doctors/{id}/schedule` shows them, `/availability` lists free slots).',
  },
  {
    code: 'working-hours-retroactive',
    title: 'Rule broken',
    status: 422,
    meaning: 'New working hours may take effect from today on (in the doctor\'s timezone), never from a date in the past: the past stays as it was. `today` gives the doctor\'s current date.',
    whatToDo: 'Send an effectiveFrom of today or later.',
  },
  {
    code: 'not-on-appointment-day',
    title: 'Rule broken',
    status: 422,
    meaning: 'A check-in is only possible on the day of the appointment, in the doctor\'s timezone.',
    whatToDo: 'Check the patient in on the day of the appointment.',
  },
  {
    code: 'not-started-yet',
    title: 'Rule broken',
    status: 422,
    meaning: 'A no-show can only be recorded once the appointment has started.',
    whatToDo: 'Record the no-show after the appointment\'s start.',
  },
  {
    code: 'nothing-to-reassign',
    title: 'Rule broken',
    status: 422,
    meaning: 'A reassignment must name a different doctor or a different room than the current ones.',
    whatToDo: 'Send a doctorId or roomId other than the appointment\'s current one.',
  },
  {
    code: 'too-many-future-bookings',
    title: 'Rule broken',
    status: 422,
    meaning: 'The patient already holds the most upcoming appointments the clinic allows.',
    whatToDo: 'Cancel or wait for one of the patient\'s upcoming appointments before booking another.',
  },
  {
    code: 'rate-limited',
    title: 'Too many requests',
    status: 429,
    meaning: 'Too many live connections were opened for this user in a short time; this one was refused.',
    whatToDo: 'Wait the `retryAfter` seconds before reconnecting, and reuse one connection instead of opening many.',
  },
  {
    code: 'session-expired',
    title: 'Session expired',
    status: 401,
    meaning: 'The access token of a live connection expired; the server closes the connection.',
    whatToDo: 'Reconnect with a fresh token and `since` set to the last position received, so that no change is missed.',
  },
  {
    code: 'resync-required',
    title: 'Resync required',
    meaning: 'A live connection asked to resume from a position the server can no longer replay from (too far back, or too many changes since).',
    whatToDo: 'Reload what you show over HTTP with `minPosition=<position>` from the message, then apply the live messages that follow.',
  },
];

const BY_CODE = new Map(PROBLEM_TYPES.map((type) => [type.code, type]));

/** The catalogue entry of a code, or undefined when no problem has that code. */
export function problemTypeOf(code: string): ProblemType | undefined {
  return BY_CODE.get(code);
}
