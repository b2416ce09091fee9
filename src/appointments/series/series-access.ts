import { Actor } from '../../shared/auth/actor';
import { AppointmentSeries, AppointmentSeriesState } from './appointment-series.state';
import { SeriesNotFound } from './series.errors';

/**
 * The series as the actor may act on it: a patient only their own, a doctor only their own
 * (where a doctor may look at all). Another's series is not found, never forbidden, so that
 * its existence does not leak.
 */
export function seriesVisibleTo(actor: Actor, seriesId: string, state: AppointmentSeriesState): AppointmentSeries {
  if (state === null) throw new SeriesNotFound(seriesId);
  if (actor.role === 'patient' && actor.patientId !== state.patientId) throw new SeriesNotFound(seriesId);
  if (actor.role === 'doctor' && actor.doctorId !== state.doctorId) throw new SeriesNotFound(seriesId);
  return state;
}
