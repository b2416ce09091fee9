import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Public } from '../shared/auth/roles.decorator';
import { Problem, Problems } from '../shared/http/problem';
import { AnswersWithoutDatabase } from '../shared/http/route-contract';
import { problemTypeJson, problemTypePage, problemTypesIndexPage } from './problem-type-page';
import { PROBLEM_TYPES, problemTypeOf } from './problem-types';

/** What a code can look like; anything else is not echoed back. */
const CODE = /^[a-z][a-z0-9-]{0,63}$/;

/** The catalogue changes only with a release. */
const CACHE_CONTROL = 'public, max-age=3600';

/** JSON for a client that asks for it and does not prefer a page (browsers send text/html). */
function wantsJson(accept: string | undefined): boolean {
  return accept !== undefined && /application\/(problem\+)?json/i.test(accept) && !/text\/html/i.test(accept);
}

/**
 * The pages that problem `type` URIs point to: `GET /problems/<code>` explains a problem type
 * to a developer (HTML) or a client (`Accept: application/json`). No token is needed.
 */
@Controller('problems')
@ApiTags('Problem types')
@Public()
@AnswersWithoutDatabase()
export class ProblemTypesController {
  @Get()
  @ApiOperation({ summary: 'List every problem type of the API' })
  @ApiProduces('text/html', 'application/json')
  @ApiOkResponse({ description: 'An HTML index, or the catalogue as JSON on Accept: application/json' })
  index(@Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    reply.header('vary', 'Accept').header('cache-control', CACHE_CONTROL);
    if (wantsJson(accept)) return { items: PROBLEM_TYPES.map(problemTypeJson) };
    reply.type('text/html; charset=utf-8');
    return problemTypesIndexPage();
  }

  @Get(':code')
  @ApiOperation({ summary: 'Explain one problem type: what it means and what the client should do' })
  @ApiParam({ name: 'code', description: 'The last segment of a problem document\'s type', schema: { type: 'string', enum: PROBLEM_TYPES.map((type) => type.code) } })
  @ApiProduces('text/html', 'application/json')
  @ApiOkResponse({ description: 'An HTML page, or the entry as JSON on Accept: application/json' })
  describe(@Param('code') code: string, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const type = problemTypeOf(code);
    if (!type) throw CODE.test(code) ? Problems.notFound('Problem type', code) : new Problem(404, 'not-found', 'Not found', 'No such problem type');
    reply.header('vary', 'Accept').header('cache-control', CACHE_CONTROL);
    if (wantsJson(accept)) return problemTypeJson(type);
    reply.type('text/html; charset=utf-8');
    return problemTypePage(type);
  }
}
