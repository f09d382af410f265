import { TEXT, Text } from '../http/fields';

/** The body of the steps that need only a reason: decline, withdraw, request-follow-up-conference. */
export class ReasonDto {
  @Text(TEXT) reason!: string;
}

/** The body of the steps that take none: distribute-plan, close. */
export class EmptyDto {}
