import { esc, page, paragraphs } from '../../src/render/html';
import type { MessageTemplate } from '../../src/render/template.types';
import { conferenceWord, greeting, signature } from './common';

const body = [
  'Een tijd geleden heeft u samen een plan gemaakt.',
  'We willen graag weten hoe het nu gaat.',
  'Binnenkort neemt iemand van Eigen Kracht contact met u op. Die vraagt hoe het plan loopt. Wat werkt goed? Wat niet?',
  'Dit is voor onderzoek naar hoe plannen werken. Meedoen is vrijwillig. U mag ook nee zeggen.',
];

/** Het vervolgcontact, maanden na het plan. */
export const followUp: MessageTemplate = {
  subject: () => 'Hoe gaat het met uw plan?',
  text: (c) =>
    paragraphs(
      greeting(c),
      `${body[0]} Dat was bij de ${conferenceWord(c.conferenceKind)}. ${body[1]}`,
      body[2],
      body[3],
      signature(c),
    ),
  html: (c) =>
    page(
      'nl',
      'Hoe gaat het met uw plan?',
      [
        `<p>${esc(greeting(c))}</p>`,
        `<p>${esc(body[0])} Dat was bij de ${conferenceWord(c.conferenceKind)}. ${esc(body[1])}</p>`,
        `<p>${esc(body[2])}</p>`,
        `<p>${esc(body[3])}</p>`,
        `<p>${esc(signature(c)).replace(/\n/g, '<br>')}</p>`,
      ].join('\n'),
    ),
};
