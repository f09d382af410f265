import type { Language } from '@app/workflow';
import type { PageError } from './answer-page.texts';

/** An answer page's refusal: its status and the language to say it in (no case data travels with it). */
export class AnswerPageError extends Error {
  constructor(
    readonly status: PageError,
    readonly language: Language,
    /** Seconds until a rate-limited client may go on (429). */
    readonly retryAfter?: number,
  ) {
    super(`answer page ${status}`);
    this.name = 'AnswerPageError';
  }
}
