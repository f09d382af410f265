import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  ValidateIf,
  IsString,
  Matches,
  MaxLength,
  registerDecorator,
  type ValidationArguments,
} from 'class-validator';

/** Bounds shared by the request bodies and queries. */
export const NAME = 200;
export const TEXT = 2000;
export const LONG_TEXT = 20000;
export const PLACE = 500;
export const PHONE = 50;

/** API.md: times are ISO 8601 with an offset, so a time never depends on the server's time zone. */
export const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
export const OFFSET_MESSAGE = {
  message: '$property must be a date-time with an offset, e.g. 2026-03-16T10:00:00+01:00',
};

/** May be left out, but not sent as `null`: a `null` is validated like any value (and refused). */
export const Optional = () => ValidateIf((_object: unknown, value: unknown) => value !== undefined);

/** A required, non-blank string of at most `max` characters. */
export const Text = (max: number, description?: string) =>
  applyDecorators(ApiProperty({ description, maxLength: max }), IsString(), IsNotEmpty(), MaxLength(max));

/** An optional string of at most `max` characters. */
export const OptionalText = (max: number, description?: string) =>
  applyDecorators(
    ApiPropertyOptional({ description, maxLength: max }),
    Optional(),
    IsString(),
    MaxLength(max),
  );

export const OptionalEmail = () => applyDecorators(ApiPropertyOptional(), Optional(), IsEmail());

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
