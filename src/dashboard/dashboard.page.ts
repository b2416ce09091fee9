/** What the page needs to know of the clinic before it signs in: nothing personal. */
export interface ClinicDay {
  /** The clinic's IANA time zone. */
  timezone: string;
  /** Today in that zone, `YYYY-MM-DD`: the day shown unless `?date=` names another. */
  today: string;
  /** The server's clock (ms since the epoch), so the page follows the server's day, not the browser's. */
  now: number;
}

/** JSON that is safe inside an inline script (no `</script>`, no HTML comment). */
function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * The front-desk dashboard: one column per doctor who works the chosen day (hours in force that
 * date, or an appointment) with the day's appointments, the slots held (tentative, with their
 * expiry) and the doctor's time off, above them the day's clinic closures and room blocks, all
 * kept up to date over the `/live` websocket. It opens on today in the clinic's time zone and, while
 * nobody picked another day, turns to the next day at the clinic's midnight. The page holds no
 * data of its own: without a valid token it shows only the sign-in form.
 */
export function dashboardPage(clinic: ClinicDay): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Front desk</title>
<style>
  :root { font-family: system-ui, sans-serif; color: #1d2733; background: #f3f5f8; }
  body { margin: 0; }
  header { display: flex; gap: 1rem; align-items: center; padding: .75rem 1rem; background: #fff; border-bottom: 1px solid #d9dee5; }
  header h1 { font-size: 1.1rem; margin: 0 auto 0 0; }
  #zone { font-size: .8rem; color: #5b6776; }
  #connection { font-size: .85rem; padding: .2rem .6rem; border-radius: 1rem; background: #e4e7eb; }
  #connection[data-state="live"] { background: #d3f2dc; color: #12632f; }
  #connection[data-state="reconnecting"] { background: #fff1c2; color: #7a5b00; }
  #connection[data-state="offline"] { background: #f9d6d5; color: #8a1f1b; }
  #signin { max-width: 32rem; margin: 4rem auto; background: #fff; padding: 1.5rem; border-radius: .5rem; }
  #signin textarea { width: 100%; height: 6rem; font-family: monospace; }
  #board { display: grid; grid-auto-flow: column; grid-auto-columns: minmax(16rem, 1fr); gap: 1rem; padding: 1rem; overflow-x: auto; }
  .column h2 { font-size: 1rem; margin: 0 0 .25rem; }
  .column .specialty { font-size: .8rem; color: #5b6776; margin-bottom: .5rem; }
  .card { background: #fff; border-left: .35rem solid #4a78c2; border-radius: .35rem; padding: .5rem .65rem; margin-bottom: .5rem; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
  .card .time { font-weight: 600; }
  .card .status { float: right; font-size: .75rem; text-transform: uppercase; letter-spacing: .03em; }
  .card[data-status="checked-in"] { border-color: #2d9a52; }
  .card[data-status="fulfilled"] { border-color: #7a8796; opacity: .75; }
  .card[data-status="cancelled"] { border-color: #c23b36; opacity: .6; }
  .card[data-status="cancelled"] .time { text-decoration: line-through; }
  .card[data-status="noshow"] { border-color: #d08a12; }
  .card.hold { border: 1px dashed #8a6ad1; border-left: .35rem dashed #8a6ad1; background: #f7f3ff; box-shadow: none; font-style: italic; }
  .card.hold .expiry { font-size: .8rem; color: #5b4a8a; }
  .empty { color: #7a8796; font-size: .85rem; }
  .block { background: repeating-linear-gradient(135deg, #eef0f3, #eef0f3 .5rem, #e2e6eb .5rem, #e2e6eb 1rem); border-left: .35rem solid #7a8796; border-radius: .35rem; padding: .5rem .65rem; margin-bottom: .5rem; }
  .block .what { font-weight: 600; }
  .block[data-kind="closure"] { border-color: #c23b36; }
  .block[data-kind="room-block"] { border-color: #d08a12; }
  #clinic-blocks { padding: 1rem 1rem 0; }
  #clinic-blocks .block { display: inline-block; margin-right: .5rem; }
  [hidden] { display: none !important; }
</style>
</head>
<body>
<header>
  <h1>Front desk</h1>
  <label>Day <input type="date" id="day"></label>
  <span id="zone" title="The clinic's time zone"></span>
  <span id="connection" data-state="offline">offline</span>
  <button id="signout" hidden>Sign out</button>
</header>
<form id="signin" hidden>
  <h2>Sign in</h2>
  <p>Paste a staff access token (<code>npm run token -- --role staff</code>).</p>
  <textarea id="token" required></textarea>
  <p id="signin-error" role="alert"></p>
  <button type="submit">Open the dashboard</button>
</form>
<section id="clinic-blocks" hidden></section>
<main id="board" hidden></main>
<script src="/socket.io/socket.io.js"></script>
<script>
(function () {
  // schedules: per doctor, the working hours in force on the day; blocks: time off, closures and room blocks by id;
  // holds: the slots held, by id, while they are held; patientNames: the names of the holds' patients, by id.
  var state = { token: sessionStorage.getItem('clinic.token'), doctors: [], rooms: [], schedules: new Map(), appointments: new Map(), blocks: new Map(), holds: new Map(), patientNames: new Map(), lastPosition: null, socket: null };
  var clinic = ${inlineJson(clinic)};
  var params = new URLSearchParams(location.search);
  var day = document.getElementById('day');
  // The server's clock against the browser's: "today" is the clinic's, whatever the browser's zone or clock.
  var skew = clinic.now - Date.now();
  var followingToday = !params.get('date');
  day.value = params.get('date') || clinic.today;
  document.getElementById('zone').textContent = clinic.timezone;

  function api(path) {
    return fetch(path, { headers: { authorization: 'Bearer ' + state.token } }).then(function (response) {
      if (response.status === 401 || response.status === 403) throw Object.assign(new Error('not allowed'), { auth: true });
      if (!response.ok) throw new Error(path + ': ' + response.status);
      return response.json();
    });
  }

  function localDate(iso, timezone) {
    return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
  }
  function time(iso, timezone) {
    return new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
  }
  function clinicToday() {
    return localDate(new Date(Date.now() + skew).toISOString(), clinic.timezone);
  }
  function text(tag, className, value) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    element.textContent = value;
    return element;
  }

  // Whether a block's [start, end) reaches into the chosen day in a zone.
  function overDay(block, timezone) {
    return localDate(block.start, timezone) <= day.value && localDate(new Date(Date.parse(block.end) - 1).toISOString(), timezone) >= day.value;
  }
  // An instant as its clock time on the day shown, with its date when it falls on another day.
  function at(iso, timezone) {
    return localDate(iso, timezone) === day.value ? time(iso, timezone) : localDate(iso, timezone) + ' ' + time(iso, timezone);
  }
  // A block's time on the day: its clock times, with the date where it starts or ends on another day.
  function span(block, timezone) {
    return at(block.start, timezone) + '–' + at(block.end, timezone);
  }
  function blockCard(block, what, timezone) {
    var card = document.createElement('article');
    card.className = 'block';
    card.dataset.blockId = block.id;
    card.dataset.kind = block.kind;
    card.append(text('div', 'what', what + ' ' + span(block, timezone)), text('div', 'reason', block.reason));
    return card;
  }
  function blocksOf(kind, timezone) {
    return Array.from(state.blocks.values())
      .filter(function (b) { return b.kind === kind && overDay(b, timezone); })
      .sort(function (a, b) { return a.start.localeCompare(b.start); });
  }
  function roomName(id) {
    var room = state.rooms.find(function (r) { return r.id === id; });
    return room ? room.name : id;
  }
  // A slot held: tentative, until its expiry (a waitlist offer says so).
  function holdCard(hold, timezone) {
    var card = document.createElement('article');
    card.className = 'card hold';
    card.dataset.holdId = hold.id;
    card.dataset.status = 'held';
    card.append(
      text('span', 'status', hold.waitlistEntryId ? 'offered' : 'held'),
      text('div', 'time', time(hold.start, timezone) + '–' + time(hold.end, timezone)),
      text('div', 'patient', state.patientNames.get(hold.patientId) || hold.patientId),
      text('div', 'details', roomName(hold.roomId)),
      text('div', 'expiry', 'held until ' + at(hold.expiresAt, timezone))
    );
    return card;
  }
  // The name of a hold's patient, read once when a live hold names someone the board does not know yet.
  function learnPatientName(patientId) {
    if (state.patientNames.has(patientId)) return Promise.resolve();
    return api('/patients/' + patientId).then(function (patient) { state.patientNames.set(patientId, patient.name); }, function () { state.patientNames.set(patientId, null); });
  }

  function render() {
    var strip = document.getElementById('clinic-blocks');
    strip.replaceChildren();
    blocksOf('closure', clinic.timezone).forEach(function (b) { strip.append(blockCard(b, 'Clinic closed', clinic.timezone)); });
    blocksOf('room-block', clinic.timezone).forEach(function (b) { strip.append(blockCard(b, roomName(b.roomId) + ' blocked', clinic.timezone)); });
    strip.hidden = strip.childElementCount === 0;
    var board = document.getElementById('board');
    board.replaceChildren();
    state.doctors.forEach(function (doctor) {
      var cards = Array.from(state.appointments.values())
        .filter(function (a) { return a.doctorId === doctor.id && localDate(a.start, doctor.timezone) === day.value; })
        .sort(function (a, b) { return a.start.localeCompare(b.start); });
      var holds = Array.from(state.holds.values())
        .filter(function (h) { return h.doctorId === doctor.id && localDate(h.start, doctor.timezone) === day.value; });
      var schedule = state.schedules.get(doctor.id);
      // A doctor who does not work that day (no hours in force, no appointment, no hold) is no column.
      if (cards.length === 0 && holds.length === 0 && !(schedule && schedule.workingHours.length > 0)) return;
      var column = document.createElement('section');
      column.className = 'column';
      column.dataset.doctorId = doctor.id;
      column.append(text('h2', '', doctor.name), text('div', 'specialty', doctor.specialty + ' · ' + doctor.timezone));
      blocksOf('time-off', doctor.timezone)
        .filter(function (b) { return b.doctorId === doctor.id; })
        .forEach(function (b) { column.append(blockCard(b, 'Time off', doctor.timezone)); });
      if (cards.length === 0 && holds.length === 0) column.append(text('p', 'empty', 'No appointments'));
      // Appointments and held slots in start order.
      var entries = cards.map(function (a) { return { start: a.start, appointment: a }; })
        .concat(holds.map(function (h) { return { start: h.start, hold: h }; }))
        .sort(function (a, b) { return a.start.localeCompare(b.start); });
      entries.forEach(function (entry) {
        if (entry.hold) { column.append(holdCard(entry.hold, doctor.timezone)); return; }
        var a = entry.appointment;
        var card = document.createElement('article');
        card.className = 'card';
        card.dataset.appointmentId = a.id;
        card.dataset.status = a.status;
        card.append(
          text('span', 'status', a.status),
          text('div', 'time', time(a.start, doctor.timezone) + '–' + time(a.end, doctor.timezone)),
          text('div', 'patient', a.patient.name || a.patientId),
          text('div', 'details', (a.appointmentType.name || '') + ' · ' + (a.room.name || ''))
        );
        column.append(card);
      });
      board.append(column);
    });
    if (board.childElementCount === 0) board.append(text('p', 'empty', 'No doctor works on this day'));
  }

  function showSignIn(message) {
    sessionStorage.removeItem('clinic.token');
    state.token = null;
    if (state.socket) state.socket.close();
    document.getElementById('signin').hidden = false;
    document.getElementById('board').hidden = true;
    document.getElementById('clinic-blocks').hidden = true;
    document.getElementById('signout').hidden = true;
    document.getElementById('signin-error').textContent = message || '';
    setConnection('offline');
  }

  function setConnection(value) {
    var badge = document.getElementById('connection');
    badge.dataset.state = value;
    badge.textContent = value;
  }

  // A window around the day wide enough for every zone; what is shown is filtered by each zone's day.
  function around() {
    return 'from=' + encodeURIComponent(new Date(Date.parse(day.value) - 86400000).toISOString()) + '&to=' + encodeURIComponent(new Date(Date.parse(day.value) + 2 * 86400000).toISOString());
  }
  // The doctor's day: the hours in force on it, the doctor's time off, the clinic's closures and the slots held.
  function loadSchedule(doctor, minPosition) {
    return api('/doctors/' + doctor.id + '/schedule?date=' + day.value + (minPosition ? '&minPosition=' + minPosition : '')).then(function (schedule) {
      state.schedules.set(doctor.id, schedule);
      schedule.blocks.forEach(function (b) { state.blocks.set(b.id, Object.assign({ doctorId: b.kind === 'time-off' ? doctor.id : null }, b)); });
      schedule.holds.forEach(function (h) {
        state.patientNames.set(h.patient.id, h.patient.name);
        state.holds.set(h.id, { id: h.id, doctorId: doctor.id, roomId: h.room.id, patientId: h.patient.id, start: h.start, end: h.end, expiresAt: h.expiresAt, waitlistEntryId: h.waitlistEntryId });
      });
    });
  }
  function load() {
    return Promise.all([api('/doctors?limit=100'), api('/rooms?limit=100')]).then(function (lists) {
      state.doctors = lists[0].items;
      state.rooms = lists[1].items;
      state.schedules = new Map();
      state.blocks = new Map();
      state.holds = new Map();
      return Promise.all([
        Promise.all(state.doctors.map(function (doctor) { return api('/appointments?doctorId=' + doctor.id + '&limit=100&' + around()); })),
        Promise.all(state.doctors.map(function (doctor) { return loadSchedule(doctor); })),
        Promise.all(state.rooms.map(function (room) { return api('/rooms/' + room.id + '/blocks?limit=100&' + around()); })),
      ]);
    }).then(function (loaded) {
      state.appointments = new Map();
      loaded[0].forEach(function (page) { page.items.forEach(function (a) { state.appointments.set(a.id, a); }); });
      loaded[2].forEach(function (page) { page.items.forEach(function (b) { state.blocks.set(b.id, Object.assign({ kind: 'room-block' }, b)); }); });
      render();
    });
  }

  function connect() {
    // auth is a function, so that every reconnection resumes from the last change seen.
    state.socket = io('/live', {
      auth: function (callback) { callback(state.lastPosition === null ? { token: state.token } : { token: state.token, since: state.lastPosition }); },
    });
    state.socket.on('connect', function () { setConnection('live'); });
    state.socket.on('disconnect', function () { setConnection('reconnecting'); });
    state.socket.io.on('reconnect_attempt', function () { setConnection('reconnecting'); });
    state.socket.on('connect_error', function (error) {
      if (/^unauthorized/.test(error.message)) showSignIn('The token was refused: ' + error.message);
      else if (/^rate-limited/.test(error.message)) { setConnection('reconnecting'); setTimeout(function () { state.socket.connect(); }, error.data.retryAfter * 1000); }
      else setConnection('reconnecting');
    });
    // The server ends the session when its token expires; a fresh token resumes where it stopped.
    state.socket.on('session-expired', function () { showSignIn('The session expired: sign in with a fresh token.'); });
    // Too much was missed to replay: reload the day, then go on with the live messages.
    state.socket.on('resync-required', function (notice) { state.lastPosition = notice.position; load(); });
    state.socket.on('appointment', function (message) {
      state.lastPosition = message.position;
      state.appointments.set(message.appointment.id, message.appointment);
      render();
    });
    // A slot held appears (tentative, with its expiry) and goes once converted, released or expired.
    state.socket.on('hold', function (message) {
      state.lastPosition = message.position;
      if (message.hold.status !== 'held') {
        state.holds.delete(message.hold.id);
        render();
        return;
      }
      state.holds.set(message.hold.id, message.hold);
      learnPatientName(message.hold.patientId).then(render);
    });
    // A time off, closure or room block as it now stands (gone once cancelled), or a doctor's new
    // working hours: the doctor's day is read again when they are in force on it.
    state.socket.on('schedule', function (message) {
      state.lastPosition = message.position;
      if (message.block) {
        if (message.block.cancelled) state.blocks.delete(message.block.id);
        else state.blocks.set(message.block.id, message.block);
        render();
      } else if (message.workingHours.effectiveFrom <= day.value) {
        var doctor = state.doctors.find(function (d) { return d.id === message.workingHours.doctorId; });
        if (doctor) loadSchedule(doctor, message.position).then(render);
      }
    });
  }

  function start() {
    document.getElementById('signin').hidden = true;
    document.getElementById('board').hidden = false;
    document.getElementById('signout').hidden = false;
    load().then(connect).catch(function (error) {
      if (error.auth) showSignIn('The token was refused.');
      else setConnection('offline');
    });
  }

  document.getElementById('signin').addEventListener('submit', function (event) {
    event.preventDefault();
    state.token = document.getElementById('token').value.trim();
    sessionStorage.setItem('clinic.token', state.token);
    start();
  });
  document.getElementById('signout').addEventListener('click', function () { showSignIn(''); });
  day.addEventListener('change', function () {
    followingToday = day.value === clinicToday();
    if (state.token) load();
  });
  // At the clinic's midnight a board left open on today turns to the new day.
  setInterval(function () {
    if (!followingToday || day.value === clinicToday()) return;
    day.value = clinicToday();
    if (state.token) load();
  }, 30000);

  if (state.token) start(); else showSignIn('');
})();
</script>
</body>
</html>
`;
}
