import type { Provider } from '@nestjs/common';
import type { TafelConfig } from '@app/config';
import { AnswerLinks, resolveLinkKey } from './answer-links';

/** The injection token of the one {@link AnswerLinks} of a process: mail links and answer pages alike. */
export const ANSWER_LINKS = Symbol('ANSWER_LINKS');

/**
 * The one definition of the answer-link provider: the link key (TAFEL_LINK_KEY or its key file) and
 * the public base URL. NotificationsModule registers and exports it; the answer pages inject it.
 */
export const answerLinksProvider = (config: TafelConfig): Provider => ({
  provide: ANSWER_LINKS,
  useFactory: () => new AnswerLinks(resolveLinkKey(config), config.publicUrl),
});
