import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CLOCK, type Clock, type TafelConfig } from '@app/config';
import { CaseRepository, TakeStep, participantActor, type StepOutcome, type StepRefusal } from '@app/cases';
import { CONFIG } from '@app/infrastructure';
import { ANSWER_LINKS, AnswerLinks, formatWhen, type AnswerTarget } from '@app/notifications';
import {
  ANSWERS,
  ERASED,
  decide,
  type Answer,
  type CaseState,
  type Language,
  type Participant,
} from '@app/workflow';
import { AnswerPageError } from './answer-page.error';
import type { QuestionPageView } from './answer-page.render';

/** A participant's link, opened: their case as it is now, and the language to speak to them in. */
interface Opened {
  target: AnswerTarget;
  state: CaseState;
  revision: number;
  participant: Participant;
  language: Language;
}

/** How often an answer is tried again when the case moved on between reading and writing it. */
const MAX_ATTEMPTS = 5;

/** The link stops working once the conference began (it may have been adjourned) or was held. */
function conferenceBegan(state: CaseState, now: Date): boolean {
  if (state.conference || state.adjournments?.length) return true;
  return state.schedule !== undefined && now.getTime() >= Date.parse(state.schedule.startsAt);
}

/** Removed from the conference, or erased: the link no longer speaks for anyone. */
const gone = (p: Participant): boolean => p.removed === true || p.name === ERASED;

/**
 * The participant answer pages of API.md: what the link shows, and the answer it records — through
 * the same `TakeStep` as the staff step, as the participant. The workflow decides whether an
 * answer may be recorded; this only decides when a link stops working (410).
 */
@Injectable()
export class AnswerPages {
  constructor(
    @Inject(ANSWER_LINKS) private readonly links: AnswerLinks,
    private readonly cases: CaseRepository,
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: TafelConfig,
  ) {}

  /** @throws AnswerPageError 404 (not our link, no such case or participant) or 410 (link expired). */
  async open(token: string): Promise<Opened> {
    const target = this.links.verify(token);
    const unknown = new AnswerPageError(404, this.config.mailLanguage);
    if (!target) throw unknown;
    const { state, revision } = await this.cases.current(target.caseId);
    const participant = state?.participants.find((p) => p.participantId === target.participantId);
    if (!state || !participant) throw unknown;
    const language = participant.language ?? this.config.mailLanguage;
    if (gone(participant) || conferenceBegan(state, this.clock.now()))
      throw new AnswerPageError(410, language);
    return { target, state, revision, participant, language };
  }

  /** The language of the participant a token names, when it can be told; else the default. */
  async languageOf(token: string): Promise<Language> {
    try {
      return (await this.open(token)).language;
    } catch (e) {
      return e instanceof AnswerPageError ? e.language : this.config.mailLanguage;
    }
  }

  /** What `GET /answer/<token>` shows. @throws AnswerPageError 404, 410, or 409 when the workflow would refuse an answer now. */
  async show(token: string, saved: boolean): Promise<QuestionPageView> {
    const { state, participant, language } = await this.open(token);
    // Asks the workflow, without writing: may this participant answer now (e.g. not on a withdrawn case)?
    const probe = {
      type: 'RecordAnswer' as const,
      participantId: participant.participantId,
      answer: 'accepted' as const,
    };
    if (!decide(state, probe, this.clock.now()).ok) throw new AnswerPageError(409, language);
    return {
      language,
      kind: state.kind,
      questions: state.conferenceQuestions,
      conference: state.schedule && {
        when: formatWhen(state.schedule.startsAt, language),
        location: state.schedule.location,
      },
      answer: participant.answer,
      saved,
    };
  }

  /**
   * Records the answer posted through the link. The same answer as the current one appends nothing:
   * it is compared with the case as read, and the step is taken with `If-Match` of that revision, so
   * a case that moved on in between (a double click, a staff step) is read and compared again.
   * @throws AnswerPageError 400 (not an answer), 404, 410, 409 (the workflow refuses).
   */
  async answer(token: string, given: unknown, correlationId: string): Promise<void> {
    let opened = await this.open(token);
    if (typeof given !== 'string' || !(ANSWERS as readonly string[]).includes(given))
      throw new AnswerPageError(400, opened.language);
    const answer = given as Answer;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (opened.participant.answer === answer) return;
      const { caseId, participantId } = opened.target;
      const outcome = await this.commands.execute<TakeStep<'record-answer'>, StepOutcome>(
        new TakeStep(
          'record-answer',
          { caseId, participantId },
          () => ({ type: 'RecordAnswer', participantId, answer }),
          participantActor(participantId),
          { ifMatch: opened.revision, correlationId },
        ),
      );
      if (outcome.ok) return;
      if (outcome.refusal.kind !== 'stale')
        throw new AnswerPageError(statusOfRefusal(outcome.refusal), opened.language);
      opened = await this.open(token);
    }
    throw new AnswerPageError(503, opened.language);
  }
}

/** A refusal of the step as an answer page's status: the workflow's rules are 409 (API.md). */
function statusOfRefusal(refusal: StepRefusal): 404 | 403 | 409 | 500 {
  switch (refusal.kind) {
    case 'rule':
      return 409;
    case 'case-not-found':
    case 'participant-not-found':
      return 404;
    case 'forbidden':
      return 403;
    default:
      return 500;
  }
}
