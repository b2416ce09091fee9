/** `/dashboard/assets/clinic-time.js`: dates and clock times of instants in a doctor's or the clinic's zone. */
/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export function dateIn(iso, timezone) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}
/** The clock time (HH:MM, 24 h) of an instant in a zone. */
export function timeIn(iso, timezone) {
  return new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}
