/**
 * `/dashboard/assets/slots.js`: free slots, from a doctor's availability (`GET
 * /doctors/:id/availability`, the room's and the patient's time respected when named) or from
 * any doctor of a specialty (`GET /availability?specialty=`), shown as buttons to pick one.
 */
import { timeIn } from './clinic-time.js';

/** The free slots [{ doctorId, start, end }] on a date for an appointment type. */
export function findSlots(api, query) {
  var params = new URLSearchParams({ date: query.date, appointmentTypeId: query.appointmentTypeId });
  if (query.doctorId) {
    if (query.roomId) params.set('roomId', query.roomId);
    if (query.patientId) params.set('patientId', query.patientId);
    return api('GET', '/doctors/' + query.doctorId + '/availability?' + params).then(function (answer) {
      return answer.body.slots.map(function (slot) { return { doctorId: query.doctorId, start: slot.start, end: slot.end }; });
    });
  }
  if (query.specialty) params.set('specialty', query.specialty);
  return api('GET', '/availability?' + params).then(function (answer) { return answer.body.slots; });
}

/**
 * Slot buttons in a container (a group labelled by the page): "09:00", or "09:00 Dr. Anna Weber"
 * with showDoctor (slots of any doctor of a specialty), each named "09:00 with Dr. Anna Weber";
 * the chosen one pressed. onPick(slot) when one is chosen.
 */
export function showSlots(container, slots, doctorOf, onPick, showDoctor) {
  container.replaceChildren();
  slots.forEach(function (slot) {
    var doctor = doctorOf(slot.doctorId);
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'slot';
    button.dataset.doctorId = slot.doctorId;
    button.dataset.start = slot.start;
    button.setAttribute('aria-pressed', 'false');
    var at = timeIn(slot.start, doctor ? doctor.timezone : 'UTC');
    button.textContent = showDoctor ? at + ' ' + (doctor ? doctor.name : '') : at;
    button.setAttribute('aria-label', at + ' with ' + (doctor ? doctor.name : slot.doctorId));
    button.addEventListener('click', function () {
      container.querySelectorAll('button.slot').forEach(function (other) { other.setAttribute('aria-pressed', String(other === button)); });
      onPick(slot);
    });
    container.append(button);
  });
}
