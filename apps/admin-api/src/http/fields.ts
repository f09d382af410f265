import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsNotEmpty,
  ValidateBy,
  ValidateIf,
  IsString,
  Matches,
  isEmail,
  MaxLength,
  registerDecorator,
  type ValidationArguments,
} from 'class-validator';

/** Bounds shared by the request bodies and queries (API.md: names ≤ 200, free text ≤ 5,000). */
export const NAME = 200;
export const TEXT = 2000;
export const LONG_TEXT = 5000;
export const PLACE = 500;
export const PHONE = 50;
/** RFC 5321: an address is at most 254 characters. */
export const EMAIL = 254;
/** Items of a list in a body: conference questions, attendees, an agreement's owners, agreements. */
export const LIST = 100;

/**
 * What a string may hold. `line` (names, ids, e-mail, region, phone, references): no control
 * character at all. `text` (free text): line breaks and tabs, no other control character. Neither
 * may hold a lone surrogate (half of a UTF-16 pair: no character at all, and not valid UTF-8).
 */
export type StringKind = 'line' | 'text';

// C0 controls, DEL and the C1 controls; `text` allows \t, \n and \r.
const CONTROL: Record<StringKind, RegExp> = {
  line: /[\u0000-\u001f\u007f-\u009f]/,
  text: /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/,
};
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when `value` holds nothing a `kind` string may not (see `StringKind`). */
export const isCleanString = (value: string, kind: StringKind): boolean =>
  !CONTROL[kind].test(value) && !LONE_SURROGATE.test(value);

const CLEAN_MESSAGE: Record<StringKind, string> = {
  line: '$property must not contain control characters (line breaks and tabs included) or unpaired surrogates',
  text: '$property must not contain control characters other than line breaks and tabs, or unpaired surrogates',
};

/**
 * A string (or, with `each`, every string of a list) holds no control character its kind may not
 * hold, and no lone surrogate. Every string field of a body or query is declared with one of the
 * decorators below, which all carry this check: it lives here, not in each DTO.
 */
export const Clean = (kind: StringKind, each = false): PropertyDecorator =>
  ValidateBy(
    {
      name: `clean${kind === 'line' ? 'Line' : 'Text'}`,
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || isCleanString(value, kind),
        defaultMessage: () => CLEAN_MESSAGE[kind],
      },
    },
    { each, message: CLEAN_MESSAGE[kind] },
  );

/** API.md: times are ISO 8601 with an offset, so a time never depends on the server's time zone. */
export const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
export const OFFSET_MESSAGE = {
  message: '$property must be a date-time with an offset, e.g. 2026-03-16T10:00:00+01:00',
};

/** May be left out, but not sent as `null`: a `null` is validated like any value (and refused). */
export const Optional = () => ValidateIf((_object: unknown, value: unknown) => value !== undefined);

/** A required, non-blank free text of at most `max` characters: line breaks and tabs allowed. */
export const Text = (max: number, description?: string) =>
  applyDecorators(
    ApiProperty({ description, maxLength: max }),
    IsString(),
    IsNotEmpty(),
    MaxLength(max),
    Clean('text'),
  );

/** A required free text that may be blank (a blank one is a domain refusal, not a malformed body). */
export const TextMayBeBlank = (max: number, description?: string) =>
  applyDecorators(ApiProperty({ description, maxLength: max }), IsString(), MaxLength(max), Clean('text'));

/** An optional free text of at most `max` characters. */
export const OptionalText = (max: number, description?: string) =>
  applyDecorators(
    ApiPropertyOptional({ description, maxLength: max }),
    Optional(),
    IsString(),
    MaxLength(max),
    Clean('text'),
  );

/** A required, non-blank name, id, region or the like: one line of at most `max` characters. */
export const Line = (max = NAME, description?: string) =>
  applyDecorators(
    ApiProperty({ description, maxLength: max }),
    IsString(),
    IsNotEmpty(),
    MaxLength(max),
    Clean('line'),
  );

/** An optional name, id, region or the like: one line of at most `max` characters. */
export const OptionalLine = (max = NAME, description?: string) =>
  applyDecorators(
    ApiPropertyOptional({ description, maxLength: max }),
    Optional(),
    IsString(),
    MaxLength(max),
    Clean('line'),
  );

/**
 * An e-mail address: a clean line that `isEmail` takes. `isEmail` only sees clean strings (it throws
 * on a lone surrogate, which answered 500), so it is not a decorator of its own.
 */
const IsCleanEmail = () =>
  ValidateBy({
    name: 'isEmail',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && isCleanString(value, 'line') && isEmail(value),
      defaultMessage: () => '$property must be an email',
    },
  });

const emailChecks = () => [IsString(), MaxLength(EMAIL), Clean('line'), IsCleanEmail()];

/** A required e-mail address. */
export const Email = () =>
  applyDecorators(ApiProperty({ format: 'email', maxLength: EMAIL }), ...emailChecks());

/** An optional e-mail address. */
export const OptionalEmail = () =>
  applyDecorators(ApiPropertyOptional({ format: 'email', maxLength: EMAIL }), Optional(), ...emailChecks());

/** A list of `min` to `LIST` ids (participant ids): each one line of at most `NAME` characters. */
export const IdList = (min = 0, description?: string) =>
  applyDecorators(
    ApiProperty({ type: [String], minItems: min || undefined, maxItems: LIST, description }),
    IsArray(),
    ...(min > 0 ? [ArrayMinSize(min)] : []),
    ArrayMaxSize(LIST),
    IsString({ each: true }),
    MaxLength(NAME, { each: true }),
    Clean('line', true),
  );

/** A list of 1 to `LIST` non-blank free texts of at most `max` characters each. */
export const TextList = (max: number, description?: string) =>
  applyDecorators(
    ApiProperty({ type: [String], minItems: 1, maxItems: LIST, description }),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(LIST),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    MaxLength(max, { each: true }),
    Clean('text', true),
  );

/** One of the values of a `libs/workflow` enumeration. */
export const OneOf = (values: readonly string[]) =>
  applyDecorators(ApiProperty({ enum: values }), IsIn([...values]));

/** Optionally one of the values of a `libs/workflow` enumeration. */
export const OptionalOneOf = (values: readonly string[], description?: string) =>
  applyDecorators(ApiPropertyOptional({ enum: values, description }), Optional(), IsIn([...values]));

/** A date-time with an offset. */
export const TimeWithOffset = (description?: string) =>
  applyDecorators(
    ApiProperty({ format: 'date-time', description }),
    IsISO8601({ strict: true }),
    Matches(WITH_OFFSET, OFFSET_MESSAGE),
  );

/** A query's optional date-time with an offset (`from`, `to`). */
export const OptionalTimeWithOffset = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ format: 'date-time', description }),
    IsOptional(),
    IsISO8601({ strict: true }),
    Matches(WITH_OFFSET, OFFSET_MESSAGE),
  );

/**
 * A class decorator: the body must give at least one of `fields` (else 400, field `body`). Checked as
 * a validator of the body as a whole, so each field itself can stay optional.
 */
export const AtLeastOneOf =
  (fields: readonly string[]): ClassDecorator =>
  (target) =>
    registerDecorator({
      name: 'atLeastOneOf',
      target,
      propertyName: 'body',
      options: { message: `give at least one of ${fields.join(', ')}` },
      validator: {
        validate: (_value: unknown, args?: ValidationArguments) =>
          fields.some((f) => (args?.object as Record<string, unknown>)[f] !== undefined),
      },
    });
