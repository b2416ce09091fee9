/**
 * `/dashboard/assets/booking.js`: the desk's booking form. Staff pick an appointment type, a
 * room and a doctor (or any doctor of a specialty), choose one of the day's free slots, find the
 * patient by name and book (`POST /appointments`, with an Idempotency-Key so that a repeated
 * click books once). A refusal (a slot another desk took: 409; a rule: 422) is shown as the
 * API's problem detail.
 */
import { showProblem } from './api.js';
import { timeIn } from './clinic-time.js';
import { findSlots, showSlots } from './slots.js';

function option(value, label) {
  var element = document.createElement('option');
  element.value = value;
  element.textContent = label;
  return element;
}

/** options: { api, board, day (the date input) }. */
export function createBooking(options) {
  var api = options.api;
  var board = options.board;
  var form = document.getElementById('booking');
  var type = document.getElementById('booking-type');
  var room = document.getElementById('booking-room');
  var doctor = document.getElementById('booking-doctor');
  var specialty = document.getElementById('booking-specialty');
  var slots = document.getElementById('booking-slots');
  var slotsHint = document.getElementById('booking-slots-hint');
  var patientSearch = document.getElementById('booking-patient');
  var patients = document.getElementById('booking-patients');
  var title = document.getElementById('booking-title');
  var problem = document.getElementById('booking-problem');
  var notice = document.getElementById('booking-notice');
  var chosen = { slot: null, searched: 0 };

  function local(message) { showProblem(problem, new Error(message)); }

  /** The lists of the form, from what the board read (keeping what was chosen). */
  function fill() {
    var state = board.state;
    var before = { type: type.value, room: room.value, doctor: doctor.value, specialty: specialty.value };
    type.replaceChildren.apply(type, state.appointmentTypes.map(function (t) { return option(t.id, t.name + ' (' + t.durationMinutes + ' min)'); }));
    room.replaceChildren.apply(room, state.rooms.map(function (r) { return option(r.id, r.name); }));
    doctor.replaceChildren.apply(doctor, [option('', 'Any doctor (by specialty)')].concat(state.doctors.map(function (d) { return option(d.id, d.name + ' · ' + d.specialty); })));
    var specialties = Array.from(new Set(state.doctors.map(function (d) { return d.specialty; }))).sort();
    specialty.replaceChildren.apply(specialty, [option('', 'Any specialty')].concat(specialties.map(function (s) { return option(s, s); })));
    [[type, before.type], [room, before.room], [doctor, before.doctor], [specialty, before.specialty]].forEach(function (pair) {
      if (Array.from(pair[0].options).some(function (o) { return o.value === pair[1]; })) pair[0].value = pair[1];
    });
    specialty.disabled = doctor.value !== '';
  }

  function forgetSlot() {
    chosen.slot = null;
    slots.replaceChildren();
    slotsHint.textContent = '';
  }

  function find() {
    showProblem(problem, null);
    notice.textContent = '';
    forgetSlot();
    if (!type.value) return local('Choose an appointment type');
    slotsHint.textContent = 'Looking for free slots…';
    return findSlots(api, { date: options.day.value, appointmentTypeId: type.value, doctorId: doctor.value, roomId: room.value, specialty: specialty.value }).then(function (found) {
      showSlots(slots, found, board.doctor, function (slot) { chosen.slot = slot; }, !doctor.value);
      slotsHint.textContent = found.length === 0 ? 'No free slot on ' + options.day.value : found.length + ' free slots on ' + options.day.value;
    }, function (error) {
      slotsHint.textContent = '';
      showProblem(problem, error);
    });
  }

  // Patients whose name contains what was typed (2 characters at least); only the latest search is shown.
  function searchPatients() {
    var typed = patientSearch.value.trim();
    var search = ++chosen.searched;
    if (typed.length < 2) { patients.hidden = true; patients.querySelectorAll('.choice').forEach(function (c) { c.remove(); }); return; }
    api('GET', '/patients?limit=10&name=' + encodeURIComponent(typed)).then(function (answer) {
      if (search !== chosen.searched) return;
      patients.querySelectorAll('.choice, .hint').forEach(function (c) { c.remove(); });
      answer.body.items.forEach(function (patient) {
        var label = document.createElement('label');
        label.className = 'choice';
        var radio = document.createElement('input');
        radio.type = 'radio';
        radio.name = 'booking-patient-choice';
        radio.value = patient.id;
        label.append(radio, document.createTextNode(patient.name));
        patients.append(label);
      });
      if (answer.body.items.length === 0) {
        var none = document.createElement('p');
        none.className = 'hint';
        none.textContent = 'No patient named like that';
        patients.append(none);
      }
      patients.hidden = false;
    }, function (error) { showProblem(problem, error); });
  }

  function book(event) {
    event.preventDefault();
    showProblem(problem, null);
    notice.textContent = '';
    var patient = patients.querySelector('input[name="booking-patient-choice"]:checked');
    if (!chosen.slot) return local('Choose a free slot');
    if (!patient) return local('Find the patient by name and choose them');
    if (!title.value.trim()) return local('Give the appointment a title');
    var slot = chosen.slot;
    var submit = document.getElementById('booking-submit');
    submit.disabled = true;
    api('POST', '/appointments', {
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: { appointmentTypeId: type.value, doctorId: slot.doctorId, patientId: patient.value, roomId: room.value, start: slot.start, title: title.value.trim() },
    }).then(function (answer) {
      var booked = answer.body;
      board.apply(booked);
      var zone = (board.doctor(booked.doctorId) || { timezone: 'UTC' }).timezone;
      notice.textContent = 'Booked ' + timeIn(booked.start, zone) + ' ' + booked.patient.name + ' with ' + booked.doctor.name;
      title.value = '';
      forgetSlot();
    }, function (error) {
      showProblem(problem, error);
    }).finally(function () { submit.disabled = false; });
  }

  doctor.addEventListener('change', function () { specialty.disabled = doctor.value !== ''; forgetSlot(); });
  [type, room, specialty].forEach(function (select) { select.addEventListener('change', forgetSlot); });
  options.day.addEventListener('change', forgetSlot);
  document.getElementById('booking-find').addEventListener('click', find);
  patientSearch.addEventListener('input', searchPatients);
  form.addEventListener('submit', book);

  return { fill: fill };
}
