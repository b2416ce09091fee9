import { randomUUID } from 'node:crypto';
import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DateTime } from 'luxon';
import { FastifyReply } from 'fastify';
import { Roles } from '../../../shared/auth/roles.decorator';
import { Problems } from '../../../shared/http/problem';
import { SentCommand } from '../../command-execution/command-http';
import { CommandOptions } from '../../command-execution/command-options';
import { recurrenceOf, recurrenceProblems } from '../recurrence';
import { BookAppointmentSeries, SeriesBookingOutcome } from './book-appointment-series';
import { BookAppointmentSeriesDto, BookedSeriesResponse } from './book-appointment-series.dto';

@Controller('appointment-series')
@ApiTags('Appointment series')
export class BookAppointmentSeriesController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @ApiOperation({
    summary: 'Book a weekly series of appointments, every occurrence or none',
    description:
      'Every occurrence at the same wall-clock time in the doctor\'s zone. 409 (series-occurrences-taken) lists every occurrence in the way; ' +
      '422 (series-outside-working-hours) every occurrence outside the hours; nothing is booked then. The series counts as one booking toward PATIENT_MAX_FUTURE_BOOKINGS.',
  })
  @ApiCreatedResponse({ description: 'Booked (Location: the series; X-Event-Position: for read-your-writes)', type: BookedSeriesResponse })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key and body answer the first response again; another body is a 422, one still running a 409' })
  @Roles('staff', 'patient')
  async book(@Body() body: BookAppointmentSeriesDto, @SentCommand() options: CommandOptions, @Res({ passthrough: true }) reply: FastifyReply) {
    // A null is as good as absent (IsOptional lets it through): recurrenceOf reads both as none.
    const recurrence = recurrenceOf(body.recurrence);
    // The caps are checked on the start's date as written; the handler plans on the doctor's clock.
    const problems = recurrenceProblems(DateTime.fromISO(body.start, { setZone: true }).toISODate() as string, recurrence);
    if (problems.length > 0) throw Problems.badRequest([...new Set(problems.map((problem) => problem.message))].join('; '), problems);
    const { appointmentTypeId, doctorId, patientId, roomId, title } = body;
    const request = { appointmentTypeId, doctorId, patientId, roomId, title, start: new Date(body.start), recurrence };
    const outcome: SeriesBookingOutcome = await this.commandBus.execute(new BookAppointmentSeries(randomUUID(), request, options));
    reply.status(201);
    reply.header('Location', `/appointment-series/${outcome.id}`);
    reply.header('X-Event-Position', String(outcome.position));
    if (outcome.replayed) reply.header('Idempotent-Replayed', 'true');
    return { id: outcome.id, appointments: outcome.appointments };
  }
}
