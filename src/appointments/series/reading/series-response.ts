import { ApiProperty } from '@nestjs/swagger';
import { AppointmentResource } from '../../../observability/api-schemas';

class SeriesRecurrenceResponse {
  @ApiProperty({ enum: ['weekly'] }) frequency: string;
  @ApiProperty({ description: 'Weeks between two occurrences' }) interval: number;
  @ApiProperty({ type: Number, nullable: true }) count: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The last local date, inclusive' }) until: string | null;
}

/** A series as GET /appointment-series/:id answers it, for the OpenAPI document. */
export class SeriesResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) doctorId: string;
  @ApiProperty({ format: 'uuid' }) patientId: string;
  @ApiProperty({ format: 'uuid' }) roomId: string;
  @ApiProperty({ format: 'uuid' }) appointmentTypeId: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: 'Europe/Berlin', description: "The doctor's zone, whose wall-clock time every occurrence keeps" }) timezone: string;
  @ApiProperty({ example: '09:00' }) localTime: string;
  @ApiProperty() recurrence: SeriesRecurrenceResponse;
  @ApiProperty({ type: [String], format: 'uuid', description: 'The occurrences the series\' cancellations cancelled' }) cancelledAppointmentIds: string[];
  @ApiProperty({ type: [AppointmentResource], description: 'Every occurrence in start order, with its status' }) appointments: AppointmentResource[];
}
