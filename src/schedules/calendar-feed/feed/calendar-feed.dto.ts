import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ReadQuery } from '../../../shared/http/read-your-writes';

/**
 * `?token=`: the feed token, for calendar apps that send no bearer token. It is checked by the
 * route's guard before this is validated, and documented as a security scheme, not a parameter.
 */
export class CalendarFeedQuery extends ReadQuery {
  @IsOptional() @IsString() @MaxLength(100)
  token?: string;
}
