import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { Problems } from '../../shared/http/problem';
import { HoldResource } from './hold-resource';

const PROBLEM = { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDocument' } } };

/** A hold as the API answers it (POST /holds, GET /holds/:id). */
export class HoldResourceDto implements HoldResource {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['held', 'converted', 'released', 'expired'] }) status: HoldResource['status'];
  @ApiProperty({ format: 'uuid' }) doctorId: string;
  @ApiProperty({ format: 'uuid' }) roomId: string;
  @ApiProperty({ format: 'uuid' }) patientId: string;
  @ApiProperty({ format: 'uuid' }) appointmentTypeId: string;
  @ApiProperty({ format: 'date-time' }) start: string;
  @ApiProperty({ format: 'date-time' }) end: string;
  @ApiProperty({ format: 'date-time', description: 'When the hold gives its slot back unless it is converted first (HOLD_TTL_SECONDS after it was placed)' })
  expiresAt: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The waitlist entry the hold is an offer to; null for a hold a client took' })
  waitlistEntryId: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The appointment it was converted into; null until then' })
  appointmentId: string | null;
}

/** The errors of a command on a hold that has ended: 410 (released, expired or converted). */
export const ApiHoldGone = () => ApiResponse({ status: 410, description: 'The hold was released, has expired or was converted (/problems/hold-gone)', content: PROBLEM });

/**
 * The 409 of ending a waitlist offer's hold outside the waitlist (hold-is-waitlist-offer), with
 * `others`, the route's other conflicts (one description per status).
 */
export const ApiHoldIsWaitlistOffer = (others: string) =>
  ApiResponse({
    status: 409,
    description: `${others}, or the hold is a waitlist offer, answered on its entry with POST /waitlist/{waitlistEntryId}/accept or /decline (/problems/hold-is-waitlist-offer)`,
    content: PROBLEM,
  });

/** The errors of taking a slot: taken or blocked (409), a broken booking rule (422). */
export const ApiSlotRefusals = () =>
  applyDecorators(
    ApiResponse({ status: 409, description: 'Slot taken by an appointment or a hold (the detail names the doctor, room or patient), in a block of the schedule (time-blocked), or an Idempotency-Key in flight', content: PROBLEM }),
    ApiResponse({ status: 413, description: 'Body over 100 kB', content: PROBLEM }),
    ApiResponse({ status: 422, description: 'A booking rule is broken (past start, outside the working hours, a retired record), or an Idempotency-Key reused with another body', content: PROBLEM }),
  );

/**
 * Refuses If-Match on a hold's commands: a hold has no version a client is shown, and lives
 * minutes; a 400 rather than a header silently ignored.
 */
export function refuseIfMatch(ifMatch: string | undefined): void {
  if (ifMatch === undefined) return;
  const why = 'a hold has no version to match';
  throw Problems.badRequest(`If-Match is not supported here: ${why}`, [{ field: 'If-Match', message: why }]);
}
