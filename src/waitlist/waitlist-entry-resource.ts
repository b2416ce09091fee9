import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ReadingTime, shownStatus, WaitlistEntry, WaitlistStatus } from './domain/waitlist-entry.state';
import { WaitlistOffer } from './domain/waitlist.events';

/** A waitlist entry as the API answers it. */
export interface WaitlistEntryResource {
  id: string;
  status: WaitlistStatus;
  patientId: string;
  appointmentTypeId: string;
  from: string;
  to: string;
  doctorId: string | null;
  /** The open offer, while `offered`. */
  offer?: WaitlistOffer;
  /** The appointment the accepted offer became, once `booked`. */
  appointmentId?: string;
  version: number;
}

/** The resource of an entry as it stands at `at` (a waiting entry past its window, or an offer past its time, shows as expired, with no offer). */
export function waitlistEntryResource(entry: WaitlistEntry, version: number, at: ReadingTime): WaitlistEntryResource {
  const status = shownStatus(entry, at);
  return {
    id: entry.entryId,
    status,
    patientId: entry.patientId,
    appointmentTypeId: entry.appointmentTypeId,
    from: entry.from,
    to: entry.to,
    doctorId: entry.doctorId,
    ...(entry.offer && status === 'offered' ? { offer: entry.offer } : {}),
    ...(entry.appointmentId ? { appointmentId: entry.appointmentId } : {}),
    version,
  };
}

class WaitlistOfferDoc {
  @ApiProperty({ format: 'uuid', description: 'The hold that keeps the slot for the patient until `expiresAt`' }) holdId: string;
  @ApiProperty({ format: 'uuid' }) doctorId: string;
  @ApiProperty({ format: 'uuid' }) roomId: string;
  @ApiProperty({ format: 'date-time' }) start: string;
  @ApiProperty({ format: 'date-time' }) end: string;
  @ApiProperty({ format: 'date-time', description: 'Unanswered by then, the offer expires and the slot goes to the next entry' }) expiresAt: string;
}

/** The OpenAPI schema of WaitlistEntryResource. */
export class WaitlistEntryDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['waiting', 'offered', 'booked', 'expired', 'cancelled'] }) status: WaitlistStatus;
  @ApiProperty({ format: 'uuid' }) patientId: string;
  @ApiProperty({ format: 'uuid' }) appointmentTypeId: string;
  @ApiProperty({ type: String, format: 'date', description: "First local date of the window (the clinic's zone)" }) from: string;
  @ApiProperty({ type: String, format: 'date', description: "Last local date of the window (the clinic's zone), included" }) to: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Only this doctor; null: any doctor' }) doctorId: string | null;
  @ApiPropertyOptional({ type: WaitlistOfferDoc, description: 'The open offer, while `offered`' }) offer?: WaitlistOfferDoc;
  @ApiPropertyOptional({ format: 'uuid', description: 'The appointment booked from the offer, once `booked`' }) appointmentId?: string;
  @ApiProperty({ description: 'Number of events of the entry' }) version: number;
}
