import type { Type } from '@nestjs/common';
import type { GeneratedIds } from '@app/cases';
import type { Step, StepCommand } from '@app/workflow';

/** What a route's path names: `:id` is the case, `:pid` a participant of it. */
export type PathParams<P extends string> = P extends `${string}:pid${string}`
  ? { caseId: string; participantId: string }
  : P extends `${string}:id${string}`
    ? { caseId: string }
    : Record<string, never>;

/**
 * One step of API.md over HTTP, in one place: its route under `/v1/cases`, its body (a validated DTO
 * class, which is also its OpenAPI schema), its status when it succeeds, and how the body becomes the
 * domain command. The compiler checks both sides of `toCommand`.
 */
export interface StepDefinition<S extends Step = Step, D extends object = object, P extends string = string> {
  step: S;
  path: P;
  dto: Type<D>;
  /** API.md: 201 for the steps that create a case or a participant, else 200. */
  created?: boolean;
  /** More than the step's name, for the OpenAPI document. */
  description?: string;
  toCommand(dto: D, ids: GeneratedIds, params: PathParams<P>): StepCommand<S>;
}

/** `U` with nothing beyond `T`: a field renamed on either side fails the compile, spread or not. */
type Exactly<T, U> = U & { [K in Exclude<keyof U, keyof T>]: never };

/** `defineStep('schedule-conference', ':id/schedule', ScheduleConferenceDto, { toCommand })`. */
export const defineStep = <S extends Step, D extends object, P extends string, U extends StepCommand<S>>(
  step: S,
  path: P,
  dto: Type<D>,
  spec: Pick<StepDefinition<S, D, P>, 'created' | 'description'> & {
    toCommand(dto: D, ids: GeneratedIds, params: PathParams<P>): Exactly<StepCommand<S>, U>;
  },
): StepDefinition<S, D, P> => ({ step, path, dto, ...spec });
