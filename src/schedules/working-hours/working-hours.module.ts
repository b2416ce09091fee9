import { Module } from '@nestjs/common';

/** Working hours that change from a date, and the history of a doctor's schedule. */
@Module({})
export class WorkingHoursModule {}
