import { ApiPropertyOptions } from '@nestjs/swagger';

/** How the OpenAPI document describes `nextCursor` in every page of reference records. */
export const NEXT_CURSOR: ApiPropertyOptions = { type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last' };
