import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

/** The problem+json refusals of the waitlist's commands beyond those every route has (400, 401, 403, 404, 429, 503). */
const REFUSALS: Record<409 | 410 | 422, string> = {
  409: 'Already on the waitlist for the type in an overlapping window, no open offer, the entry is closed, or the slot was taken meanwhile',
  410: 'The offer expired (its hold has run out)',
  422: 'An unknown or retired record, or a window the list does not take (inverted, over, or longer than 180 days)',
};

/** Documents the refusals of a waitlist command, by status. */
export const WaitlistRefusals = (...statuses: Array<409 | 410 | 422>) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: REFUSALS[status], content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDocument' } } } }),
    ),
  );
