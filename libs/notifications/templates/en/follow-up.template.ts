import { blocks, p } from '../../src/render/blocks';
import type { MessageTemplate } from '../../src/render/template.types';
import { conferenceWord, greeting, signature } from './common';

/** The follow-up contact, months after the plan: for research, and saying no is fine. */
export const followUp: MessageTemplate = {
  subject: () => 'How is your plan going?',
  body: (c) =>
    blocks(
      greeting(c),
      p(
        'Some time ago you made a plan together.',
        `That was at the ${conferenceWord(c.conferenceKind)}.`,
        'We would like to know how it is going.',
      ),
      p(
        'Someone from Eigen Kracht will contact you soon.',
        'They will ask how the plan is going. What works well? What does not?',
      ),
      p('This is for research into how plans work out.', 'Taking part is voluntary. You may also say no.'),
      ...signature(c),
    ),
};
