/**
 * `/dashboard/assets/appointment-panel.js`: one appointment opened from the board, in a modal
 * dialog (focus kept inside, Escape closes it). Staff check the patient in, complete the visit,
 * mark a no-show, move it to another free slot of its doctor or cancel it with a reason; each
 * command carries `If-Match` with the version shown, so that a change another desk made first
 * is refused (412) rather than overwritten. Its history names who changed what, as the API tells.
 * The dialog follows the appointment live.
 */
import { showProblem } from './api.js';
import { dateIn, timeIn } from './clinic-time.js';
import { findSlots, showSlots } from './slots.js';

/** What the front desk may do from each status (the lifecycle the API enforces). */
var ALLOWED = {
  'check-in': ['booked'],
  'no-show': ['booked'],
  complete: ['checked-in'],
  reschedule: ['booked'],
  cancel: ['booked', 'checked-in'],
};
/** How the history names each change. */
var CHANGES = {
  AppointmentCreated: 'Booked', AppointmentRescheduled: 'Rescheduled', AppointmentReassigned: 'Reassigned', AppointmentCheckedIn: 'Checked in',
  AppointmentCompleted: 'Completed', AppointmentCancelled: 'Cancelled', AppointmentNoShowRecorded: 'Marked no-show',
};

/** options: { api, board, day (the date input) }. */
export function createAppointmentPanel(options) {
  var api = options.api;
  var board = options.board;
  var dialog = document.getElementById('appointment-panel');
  var problem = document.getElementById('panel-problem');
  var notice = document.getElementById('panel-notice');
  var rescheduleDate = document.getElementById('reschedule-date');
  var rescheduleSlots = document.getElementById('reschedule-slots');
  var rescheduleHint = document.getElementById('reschedule-hint');
  var reason = document.getElementById('cancel-reason');
  var open = { id: null, slot: null, historyRead: 0 };

  function current() { return open.id ? board.state.appointments.get(open.id) : undefined; }
  function zoneOf(appointment) { return (board.doctor(appointment.doctorId) || { timezone: 'UTC' }).timezone; }

  function show() {
    var a = current();
    if (!a) return;
    var zone = zoneOf(a);
    document.getElementById('panel-title').textContent = dateIn(a.start, zone) + ' ' + timeIn(a.start, zone) + '–' + timeIn(a.end, zone) + ' ' + (a.patient.name || a.patientId);
    document.getElementById('panel-status').textContent = a.status;
    dialog.dataset.status = a.status;
    document.getElementById('panel-details').textContent = a.doctor.name + ' · ' + a.room.name + ' · ' + a.appointmentType.name + ' · ' + a.title +
      (a.cancellationReason ? ' · cancelled: ' + a.cancellationReason : '');
    dialog.querySelectorAll('[data-action]').forEach(function (button) { button.disabled = !ALLOWED[button.dataset.action].includes(a.status); });
    document.getElementById('panel-reschedule').hidden = !ALLOWED.reschedule.includes(a.status);
    document.getElementById('panel-cancel').hidden = !ALLOWED.cancel.includes(a.status);
  }

  // Who changed what: the actor's name where the API gives one, else their role.
  function readHistory(minPosition) {
    var id = open.id;
    var read = ++open.historyRead;
    return api('GET', '/appointments/' + id + '/history' + (minPosition ? '?minPosition=' + minPosition : '')).then(function (answer) {
      if (read !== open.historyRead || id !== open.id) return;
      var list = document.getElementById('panel-history');
      list.replaceChildren.apply(list, answer.body.items.map(function (entry) {
        var item = document.createElement('li');
        var who = entry.actor.name || entry.actor.userId;
        item.textContent = (CHANGES[entry.eventType] || entry.eventType) + ' by ' + who + ' (' + entry.actor.role + '), ' +
          dateIn(entry.occurredAt, zoneOf(current())) + ' ' + timeIn(entry.occurredAt, zoneOf(current())) + (entry.note ? ': ' + entry.note : '');
        return item;
      }));
    }, function (error) { showProblem(problem, error); });
  }

  function resetForms() {
    showProblem(problem, null);
    notice.textContent = '';
    open.slot = null;
    rescheduleSlots.replaceChildren();
    rescheduleHint.textContent = '';
    reason.value = '';
  }

  /** POST /appointments/:id/<action> on the version shown; the answer is shown at once, the history read after it. */
  function act(action, body, done) {
    var a = current();
    showProblem(problem, null);
    notice.textContent = '';
    return api('POST', '/appointments/' + a.id + '/' + action, { body: body, headers: { 'if-match': '"' + a.version + '"' } }).then(function (answer) {
      board.apply(answer.body);
      notice.textContent = done;
      show();
      return readHistory(answer.headers.get('x-event-position'));
    }, function (error) {
      showProblem(problem, error);
    });
  }

  dialog.querySelectorAll('[data-action]').forEach(function (button) {
    button.addEventListener('click', function () { act(button.dataset.action, undefined, button.dataset.done); });
  });
  document.getElementById('reschedule-find').addEventListener('click', function () {
    var a = current();
    showProblem(problem, null);
    open.slot = null;
    rescheduleHint.textContent = 'Looking for free slots…';
    findSlots(api, { date: rescheduleDate.value, appointmentTypeId: a.appointmentTypeId, doctorId: a.doctorId, roomId: a.roomId, patientId: a.patientId }).then(function (found) {
      showSlots(rescheduleSlots, found, board.doctor, function (slot) { open.slot = slot; });
      rescheduleHint.textContent = found.length === 0 ? 'No free slot on ' + rescheduleDate.value : found.length + ' free slots on ' + rescheduleDate.value;
    }, function (error) { rescheduleHint.textContent = ''; showProblem(problem, error); });
  });
  document.getElementById('reschedule-submit').addEventListener('click', function () {
    if (!open.slot) return showProblem(problem, new Error('Choose a free slot to move the appointment to'));
    var slot = open.slot;
    act('reschedule', { start: slot.start }, 'Rescheduled').then(function () {
      open.slot = null;
      rescheduleSlots.replaceChildren();
      rescheduleHint.textContent = '';
    });
  });
  document.getElementById('cancel-form').addEventListener('submit', function (event) {
    event.preventDefault();
    if (!reason.value.trim()) return showProblem(problem, new Error('Give the reason for the cancellation'));
    act('cancel', { reason: reason.value.trim() }, 'Cancelled');
  });
  document.getElementById('panel-close').addEventListener('click', function () { dialog.close(); });
  // Closed, the focus goes back to the appointment's button on the board (drawn anew meanwhile, perhaps).
  dialog.addEventListener('close', function () {
    var back = document.querySelector('[data-focus-key="manage:' + open.id + '"]');
    open.id = null;
    if (back) back.focus();
  });

  // Another desk's change to the appointment open here shows at once, with its history.
  board.onChange(function (appointment) {
    if (!open.id || !dialog.open) return;
    if (appointment === null || appointment.id === open.id) {
      show();
      readHistory();
    }
  });

  return {
    open: function (id) {
      open.id = id;
      resetForms();
      rescheduleDate.value = options.day.value;
      show();
      document.getElementById('panel-history').replaceChildren();
      if (!dialog.open) dialog.showModal();
      readHistory();
    },
  };
}
