import { esc, page, paragraphs } from '../../src/render/html';
import type { MessageTemplate } from '../../src/render/template.types';
import { conferenceWord, greeting, signature } from './common';

const body = [
  'Some time ago you made a plan together.',
  'We would like to know how it is going.',
  'Someone from Eigen Kracht will contact you soon to ask how the plan is going. What works well? What does not?',
  'This is for research into how plans work out. Taking part is voluntary. You may also say no.',
];

/** The follow-up contact, months after the plan. */
export const followUp: MessageTemplate = {
  subject: () => 'How is your plan going?',
  text: (c) =>
    paragraphs(
      greeting(c),
      `${body[0]} That was at the ${conferenceWord(c.conferenceKind)}. ${body[1]}`,
      body[2],
      body[3],
      signature(c),
    ),
  html: (c) =>
    page(
      'en',
      'How is your plan going?',
      [
        `<p>${esc(greeting(c))}</p>`,
        `<p>${esc(body[0])} That was at the ${conferenceWord(c.conferenceKind)}. ${esc(body[1])}</p>`,
        `<p>${esc(body[2])}</p>`,
        `<p>${esc(body[3])}</p>`,
        `<p>${esc(signature(c)).replace(/\n/g, '<br>')}</p>`,
      ].join('\n'),
    ),
};
