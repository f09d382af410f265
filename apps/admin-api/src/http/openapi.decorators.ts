import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiHeader,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { CASE_STATES, STEPS } from '@app/workflow';

/** The case as every step answers it (API.md), plus the case's data. */
export class CaseViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() reference!: string;
  @ApiProperty({ enum: ['group', 'family'] }) kind!: string;
  @ApiProperty({ enum: CASE_STATES }) state!: string;
  @ApiProperty({ description: 'revision of the case stream; also the ETag' }) revision!: number;
  @ApiProperty({ enum: STEPS, isArray: true }) nextSteps!: string[];
  @ApiProperty({ type: [String], description: 'the event types this command appended' }) events!: string[];
}

/** One invalid field of a 400. */
export class FieldErrorDto {
  @ApiProperty() field!: string;
  @ApiProperty() message!: string;
}

/** RFC 9457 problem document. */
export class ProblemDto {
  @ApiProperty() type!: string;
  @ApiProperty() title!: string;
  @ApiProperty() status!: number;
  @ApiProperty() detail!: string;
  @ApiProperty({ description: 'stable error code' }) code!: string;
  @ApiPropertyOptional({ description: '400', type: [FieldErrorDto] }) errors?: FieldErrorDto[];
  @ApiPropertyOptional({ description: '409', enum: CASE_STATES }) currentState?: string;
  @ApiPropertyOptional({ description: '409', enum: STEPS, isArray: true }) nextSteps?: string[];
  @ApiPropertyOptional({ description: '409' }) rule?: string;
  @ApiPropertyOptional({ description: '412' }) currentRevision?: number;
}

const PROBLEMS = {
  400: 'body or query invalid (unknown fields too); `errors: [{ field, message }]`',
  401: 'no or unknown token',
  403: 'role may not do this, or coordinator not assigned to this case',
  404: 'no such case / participant',
  409: 'step not allowed now, or a domain rule refuses it; `currentState`, `nextSteps`, `rule`',
  412: 'If-Match revision is not the current one; `currentRevision`',
  413: 'body over 100 kB',
  422: 'Idempotency-Key already used for another request',
  429: 'rate limit; see Retry-After',
  500: 'unexpected error',
  503: 'store unreachable; nothing written',
} as const;

export type ProblemStatus = keyof typeof PROBLEMS;

/** What every problem answer says about its language (API.md 1.1: Dutch with `Accept-Language: nl`). */
const PROBLEM_HEADERS = {
  'Content-Language': {
    description: 'the language of `detail`: `nl` or `en`',
    schema: { type: 'string', enum: ['en', 'nl'] },
  },
  Vary: { description: 'names Accept-Language', schema: { type: 'string' } },
};

const problem = (status: ProblemStatus) =>
  ApiResponse({
    status,
    description: PROBLEMS[status],
    headers: PROBLEM_HEADERS,
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
  });

const ACCEPT_LANGUAGE = ApiHeader({
  name: 'Accept-Language',
  required: false,
  description:
    "the language of a problem's `detail`: Dutch (plain, B1) for `nl`, `nl-NL` or `nl;q=0.9, en;q=0.8`; " +
    'English when missing, `en` or `*` (the higher q of nl and en wins). `type`, `code` and `title` do not change.',
  schema: { type: 'string', example: 'nl' },
});

/** Problem documents (application/problem+json) for these statuses, and for 500; and `Accept-Language` for them. */
export const ProblemResponses = (...statuses: ProblemStatus[]) =>
  applyDecorators(
    ApiExtraModels(ProblemDto),
    ACCEPT_LANGUAGE,
    ...[...statuses, 500 as const].sort((a, b) => a - b).map(problem),
  );

/** The answers of a step route: the case after the step (200, or 201 where API.md says so) and every problem. */
export const StepResponses = (created = false) =>
  applyDecorators(
    ApiResponse({ status: created ? 201 : 200, description: 'the case after the step', type: CaseViewDto }),
    ProblemResponses(400, 401, 403, 404, 409, 412, 413, 422, 429, 503),
  );

/** The problems of a /v1 read (401, 429, 500) and the ones its route adds, e.g. 403, 404 and 503 for a case. */
export const ReadResponses = (...statuses: (400 | 403 | 404 | 503)[]) =>
  ProblemResponses(...statuses, 401, 429);
