import { BookingDecision } from '../command-execution/appointment-command.executor';
import { referenceReads } from '../command-execution/reference-reads';
import { BookingRequest, decideBooking } from './book-appointment';

/**
 * A booking as the executor runs it: the reference data it reads (known from the request) and
 * the pure decision; a direct booking and a hold converted into its appointment decide alike.
 */
export function bookingDecision(appointmentId: string, request: BookingRequest) {
  const { doctorId, roomId, patientId, appointmentTypeId } = request;
  return {
    holders: { doctorId, roomId, patientId, appointmentTypeId },
    lookups: { terms: referenceReads.booking(request) },
    decide: ({ terms: { doctor, appointmentType } }, now) => {
      const { start, end, title, holdId } = request;
      return decideBooking({ appointmentId, patientId, roomId, start, end, title, holdId, doctor, appointmentType }, null, now);
    },
  } satisfies BookingDecision<{ terms: ReturnType<typeof referenceReads.booking> }>;
}
