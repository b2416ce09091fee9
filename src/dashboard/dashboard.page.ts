/** What the page needs to know of the clinic before it signs in: nothing personal. */
export interface ClinicDay {
  /** The clinic's IANA time zone. */
  timezone: string;
  /** Today in that zone, `YYYY-MM-DD`: the day shown unless `?date=` names another. */
  today: string;
  /** The server's clock (ms since the epoch), so the page follows the server's day, not the browser's. */
  now: number;
}

/** JSON that is safe inside a script element (no `</script>`, no HTML comment). */
function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * The front-desk dashboard's document: the sign-in form, the desk (booking from a free slot),
 * the board of the day per doctor and the dialog to act on one appointment; what they do is in
 * the modules under /dashboard/assets/. The clinic's day is a JSON data block, not a script, so
 * that the page runs no inline code. The page holds no data of its own: without a valid token it
 * shows only the sign-in form.
 */
export function dashboardPage(clinic: ClinicDay): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Front desk</title>
<link rel="stylesheet" href="/dashboard/assets/dashboard.css">
<script type="application/json" id="clinic">${inlineJson(clinic)}</script>
<script src="/socket.io/socket.io.js"></script>
<script type="module" src="/dashboard/assets/main.js"></script>
</head>
<body>
<header>
  <h1>Front desk</h1>
  <label for="day">Day</label> <input type="date" id="day">
  <span id="zone" title="The clinic's time zone"></span>
  <span id="connection" data-state="offline" role="status" aria-label="Live updates">offline</span>
  <span id="signed-in-as"></span>
  <button type="button" id="signout" hidden>Sign out</button>
</header>
<form id="signin" hidden aria-labelledby="signin-title">
  <h2 id="signin-title">Sign in</h2>
  <div id="signin-development" hidden>
    <label for="token">Paste a staff access token (<code>npm run token -- --role staff</code>).</label>
    <textarea id="token"></textarea>
  </div>
  <p id="signin-provider" hidden>Sign in with your account at the clinic's identity provider.</p>
  <p id="signin-error" role="alert"></p>
  <button type="submit" id="signin-submit" class="primary">Sign in</button>
</form>
<div id="workspace" hidden>
  <aside id="desk" aria-labelledby="desk-title">
    <form id="booking" novalidate>
      <h2 id="desk-title">Book an appointment</h2>
      <div class="field"><label for="booking-type">Appointment type</label><select id="booking-type"></select></div>
      <div class="field"><label for="booking-room">Room</label><select id="booking-room"></select></div>
      <div class="field"><label for="booking-doctor">Doctor</label><select id="booking-doctor"></select></div>
      <div class="field"><label for="booking-specialty">Specialty</label><select id="booking-specialty"></select></div>
      <button type="button" id="booking-find">Find free slots</button>
      <div id="booking-slots" class="slots" role="group" aria-label="Free slots"></div>
      <p id="booking-slots-hint" class="hint" aria-live="polite"></p>
      <div class="field"><label for="booking-patient">Patient (search by name)</label><input type="search" id="booking-patient" autocomplete="off"></div>
      <fieldset id="booking-patients" hidden><legend>Patients found</legend></fieldset>
      <div class="field"><label for="booking-title">Title</label><input id="booking-title" maxlength="200"></div>
      <button type="submit" id="booking-submit" class="primary">Book</button>
      <div id="booking-problem" class="problem" role="alert"></div>
      <div id="booking-notice" class="notice" role="status"></div>
    </form>
  </aside>
  <div>
    <div id="board-problem" class="problem" role="alert"></div>
    <section id="clinic-blocks" hidden aria-label="Closures and room blocks"></section>
    <main id="board" aria-label="The day per doctor"></main>
  </div>
</div>
<dialog id="appointment-panel" aria-labelledby="panel-title">
  <div class="panel-head">
    <h2 id="panel-title"></h2>
    <button type="button" id="panel-close">Close</button>
  </div>
  <p><strong id="panel-status"></strong> · <span id="panel-details"></span></p>
  <div id="panel-problem" class="problem" role="alert"></div>
  <div id="panel-notice" class="notice" role="status"></div>
  <section aria-label="Visit">
    <div class="actions">
      <button type="button" data-action="check-in" data-done="Checked in">Check in</button>
      <button type="button" data-action="complete" data-done="Completed">Complete</button>
      <button type="button" data-action="no-show" data-done="Marked as a no-show">Mark no-show</button>
    </div>
  </section>
  <section id="panel-reschedule" aria-labelledby="reschedule-title">
    <h3 id="reschedule-title">Reschedule</h3>
    <div class="field"><label for="reschedule-date">Move to the date</label><input type="date" id="reschedule-date"></div>
    <button type="button" id="reschedule-find">Find free slots</button>
    <div id="reschedule-slots" class="slots" role="group" aria-label="Free slots to move to"></div>
    <p id="reschedule-hint" class="hint" aria-live="polite"></p>
    <button type="button" id="reschedule-submit">Reschedule</button>
  </section>
  <form id="cancel-form">
    <section id="panel-cancel" aria-labelledby="cancel-title">
      <h3 id="cancel-title">Cancel</h3>
      <div class="field"><label for="cancel-reason">Reason</label><textarea id="cancel-reason" rows="2" maxlength="1000"></textarea></div>
      <button type="submit" class="danger" id="cancel-submit">Cancel the appointment</button>
    </section>
  </form>
  <section aria-labelledby="history-title">
    <h3 id="history-title">History</h3>
    <ol id="panel-history"></ol>
  </section>
</dialog>
</body>
</html>
`;
}
