/**
 * `/dashboard/assets/board.js`: the chosen day per doctor who works it (hours in force that
 * date, an appointment or a hold), with the day's appointments, the slots held (tentative, with
 * their expiry) and the doctor's time off, above them the clinic's closures and room blocks, all
 * kept up to date over the `/live` websocket (resuming after a reconnect from the last change
 * seen). Each appointment has a button that opens it for the front desk to act on.
 */
import { dateIn, timeIn } from './clinic-time.js';

function text(tag, className, value) {
  var element = document.createElement(tag);
  if (className) element.className = className;
  element.textContent = value;
  return element;
}

/**
 * options: { api, session, clinic, day (the date input), onManage(appointment), setConnection(state) }.
 * The board's state is shared with the desk: doctors, rooms, appointment types and the appointments by id.
 */
export function createBoard(options) {
  var api = options.api;
  var day = options.day;
  // schedules: per doctor, the working hours in force on the day; blocks: time off, closures and room blocks by id;
  // holds: the slots held, by id, while they are held; patientNames: the names of the holds' patients, by id.
  var state = { doctors: [], rooms: [], appointmentTypes: [], schedules: new Map(), appointments: new Map(), blocks: new Map(), holds: new Map(), patientNames: new Map(), lastPosition: null, socket: null };
  var listeners = [];

  function localDate(iso, timezone) { return dateIn(iso, timezone); }
  function time(iso, timezone) { return timeIn(iso, timezone); }
  function get(path) { return api('GET', path).then(function (answer) { return answer.body; }); }

  // Whether a block's [start, end) reaches into the chosen day in a zone.
  function overDay(block, timezone) {
    return localDate(block.start, timezone) <= day.value && localDate(new Date(Date.parse(block.end) - 1).toISOString(), timezone) >= day.value;
  }
  // An instant as its clock time on the day shown, with its date when it falls on another day.
  function at(iso, timezone) {
    return localDate(iso, timezone) === day.value ? time(iso, timezone) : localDate(iso, timezone) + ' ' + time(iso, timezone);
  }
  function span(block, timezone) { return at(block.start, timezone) + '–' + at(block.end, timezone); }
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
  function appointmentCard(a, timezone) {
    var card = document.createElement('article');
    card.className = 'card';
    card.dataset.appointmentId = a.id;
    card.dataset.status = a.status;
    var when = time(a.start, timezone) + '–' + time(a.end, timezone);
    var manage = text('button', 'manage', 'Manage');
    manage.type = 'button';
    manage.dataset.focusKey = 'manage:' + a.id;
    manage.setAttribute('aria-label', 'Manage ' + when + ' ' + (a.patient.name || a.patientId) + ' (' + a.status + ')');
    manage.addEventListener('click', function () { options.onManage(a.id); });
    card.append(
      text('span', 'status', a.status),
      text('div', 'time', when),
      text('div', 'patient', a.patient.name || a.patientId),
      text('div', 'details', (a.appointmentType.name || '') + ' · ' + (a.room.name || '')),
      manage
    );
    return card;
  }
  // The name of a hold's patient, read once when a live hold names someone the board does not know yet.
  function learnPatientName(patientId) {
    if (state.patientNames.has(patientId)) return Promise.resolve();
    return get('/patients/' + patientId).then(function (patient) { state.patientNames.set(patientId, patient.name); }, function () { state.patientNames.set(patientId, null); });
  }

  function render() {
    // The board is drawn anew on every change: the control that had the focus gets it back.
    var focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.focusKey : undefined;
    var strip = document.getElementById('clinic-blocks');
    strip.replaceChildren();
    blocksOf('closure', options.clinic.timezone).forEach(function (b) { strip.append(blockCard(b, 'Clinic closed', options.clinic.timezone)); });
    blocksOf('room-block', options.clinic.timezone).forEach(function (b) { strip.append(blockCard(b, roomName(b.roomId) + ' blocked', options.clinic.timezone)); });
    strip.hidden = strip.childElementCount === 0;
    var board = document.getElementById('board');
    board.replaceChildren();
    state.doctors.forEach(function (doctor) {
      var cards = Array.from(state.appointments.values())
        .filter(function (a) { return a.doctorId === doctor.id && localDate(a.start, doctor.timezone) === day.value; });
      var holds = Array.from(state.holds.values())
        .filter(function (h) { return h.doctorId === doctor.id && localDate(h.start, doctor.timezone) === day.value; });
      var schedule = state.schedules.get(doctor.id);
      // A doctor who does not work that day (no hours in force, no appointment, no hold) is no column.
      if (cards.length === 0 && holds.length === 0 && !(schedule && schedule.workingHours.length > 0)) return;
      var column = document.createElement('section');
      column.className = 'column';
      column.dataset.doctorId = doctor.id;
      column.setAttribute('aria-label', doctor.name);
      column.append(text('h2', '', doctor.name), text('div', 'specialty', doctor.specialty + ' · ' + doctor.timezone));
      blocksOf('time-off', doctor.timezone)
        .filter(function (b) { return b.doctorId === doctor.id; })
        .forEach(function (b) { column.append(blockCard(b, 'Time off', doctor.timezone)); });
      if (cards.length === 0 && holds.length === 0) column.append(text('p', 'empty', 'No appointments'));
      // Appointments and held slots in start order.
      cards.map(function (a) { return { start: a.start, appointment: a }; })
        .concat(holds.map(function (h) { return { start: h.start, hold: h }; }))
        .sort(function (a, b) { return a.start.localeCompare(b.start); })
        .forEach(function (entry) { column.append(entry.hold ? holdCard(entry.hold, doctor.timezone) : appointmentCard(entry.appointment, doctor.timezone)); });
      board.append(column);
    });
    if (board.childElementCount === 0) board.append(text('p', 'empty', 'No doctor works on this day'));
    if (focused) {
      var again = board.querySelector('[data-focus-key="' + focused + '"]');
      if (again) again.focus();
    }
  }
  // An appointment as the desk's own answer or a live message tells it, whichever is later (by version).
  function keepNewer(appointment) {
    var known = state.appointments.get(appointment.id);
    if (!known || known.version <= appointment.version) state.appointments.set(appointment.id, appointment);
  }
  function changed(appointment) {
    render();
    listeners.forEach(function (listener) { listener(appointment); });
  }

  // A window around the day wide enough for every zone; what is shown is filtered by each zone's day.
  function around() {
    return 'from=' + encodeURIComponent(new Date(Date.parse(day.value) - 86400000).toISOString()) + '&to=' + encodeURIComponent(new Date(Date.parse(day.value) + 2 * 86400000).toISOString());
  }
  // The doctor's day: the hours in force on it, the doctor's time off, the clinic's closures and the slots held.
  function loadSchedule(doctor, minPosition) {
    return get('/doctors/' + doctor.id + '/schedule?date=' + day.value + (minPosition ? '&minPosition=' + minPosition : '')).then(function (schedule) {
      state.schedules.set(doctor.id, schedule);
      schedule.blocks.forEach(function (b) { state.blocks.set(b.id, Object.assign({ doctorId: b.kind === 'time-off' ? doctor.id : null }, b)); });
      schedule.holds.forEach(function (h) {
        state.patientNames.set(h.patient.id, h.patient.name);
        state.holds.set(h.id, { id: h.id, doctorId: doctor.id, roomId: h.room.id, patientId: h.patient.id, start: h.start, end: h.end, expiresAt: h.expiresAt, waitlistEntryId: h.waitlistEntryId });
      });
    });
  }
  function load() {
    return Promise.all([get('/doctors?limit=100'), get('/rooms?limit=100'), get('/appointment-types?limit=100')]).then(function (lists) {
      state.doctors = lists[0].items;
      state.rooms = lists[1].items;
      state.appointmentTypes = lists[2].items;
      state.schedules = new Map();
      state.blocks = new Map();
      state.holds = new Map();
      return Promise.all([
        Promise.all(state.doctors.map(function (doctor) { return get('/appointments?doctorId=' + doctor.id + '&limit=100&' + around()); })),
        Promise.all(state.doctors.map(function (doctor) { return loadSchedule(doctor); })),
        Promise.all(state.rooms.map(function (room) { return get('/rooms/' + room.id + '/blocks?limit=100&' + around()); })),
      ]);
    }).then(function (loaded) {
      state.appointments = new Map();
      loaded[0].forEach(function (page) { page.items.forEach(function (a) { state.appointments.set(a.id, a); }); });
      loaded[2].forEach(function (page) { page.items.forEach(function (b) { state.blocks.set(b.id, Object.assign({ kind: 'room-block' }, b)); }); });
      changed(null);
    });
  }

  /** The socket's token was refused: with the session's newer token (its one refresh), connected again; else the session has signed out. */
  function reconnectIfRefreshed(token, message) {
    options.session.refused(token, message).then(function (again) { if (again) connect(); });
  }

  function connect() {
    var sentToken = null;
    disconnect();
    // auth is a function, so that every reconnection resumes from the last change seen, with the token as it is then.
    var socket = io('/live', {
      auth: function (callback) {
        var token = options.session.currentToken();
        sentToken = token;
        callback(state.lastPosition === null ? { token: token } : { token: token, since: state.lastPosition });
      },
    });
    state.socket = socket;
    socket.on('connect', function () { options.setConnection('live'); });
    socket.on('disconnect', function () { options.setConnection('reconnecting'); });
    socket.io.on('reconnect_attempt', function () { options.setConnection('reconnecting'); });
    socket.on('connect_error', function (error) {
      if (/^unauthorized/.test(error.message)) { disconnect(); reconnectIfRefreshed(sentToken, error.message); }
      else if (/^rate-limited/.test(error.message)) { options.setConnection('reconnecting'); setTimeout(function () { socket.connect(); }, error.data.retryAfter * 1000); }
      else options.setConnection('reconnecting');
    });
    // The server ends the session when its token expires: a refreshed token resumes where it stopped.
    socket.on('session-expired', function () { disconnect(); reconnectIfRefreshed(sentToken, 'the session expired'); });
    // Too much was missed to replay: reload the day, then go on with the live messages.
    socket.on('resync-required', function (notice) { state.lastPosition = notice.position; load(); });
    socket.on('appointment', function (message) {
      state.lastPosition = message.position;
      keepNewer(message.appointment);
      changed(state.appointments.get(message.appointment.id));
    });
    // A slot held appears (tentative, with its expiry) and goes once converted, released or expired.
    socket.on('hold', function (message) {
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
    socket.on('schedule', function (message) {
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
  function disconnect() {
    if (state.socket) state.socket.close();
    state.socket = null;
    options.setConnection('offline');
  }

  return {
    state: state,
    load: load,
    connect: connect,
    disconnect: disconnect,
    /** A change the desk made itself: shown at once, before its live message arrives. */
    apply: function (appointment) {
      keepNewer(appointment);
      changed(state.appointments.get(appointment.id));
    },
    /** listener(appointment) on every appointment change (null: the whole day was read again). */
    onChange: function (listener) { listeners.push(listener); },
    doctor: function (id) { return state.doctors.find(function (d) { return d.id === id; }); },
  };
}
