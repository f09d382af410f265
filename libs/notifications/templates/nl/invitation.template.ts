import { esc, list, page, paragraphs } from '../../src/render/html';
import type { MailContext, MessageTemplate } from '../../src/render/template.types';
import { conferenceWord, contact, greeting, signature, wayOfWorking, whenAndWhere } from './common';

const asked = [
  'Denk na over de vragen hierboven.',
  'Laat de coördinator weten of u komt.',
  'Kom op tijd naar de conferentie. Samen maakt u het plan.',
];

/** Uitnodiging: de conferentievragen, het doel en de werkwijze, en wat we van u vragen. */
export const invitation: MessageTemplate = {
  subject: (c) => `Uitnodiging voor de ${conferenceWord(c.conferenceKind)}`,
  text: (c: MailContext) =>
    paragraphs(
      greeting(c),
      `U bent uitgenodigd voor een ${conferenceWord(c.conferenceKind)}. Daar zoeken de mensen om wie het gaat samen naar oplossingen.`,
      `Deze vragen staan centraal:\n${c.questions.map((q) => `- ${q}`).join('\n')}`,
      `Zo werkt het:\n${wayOfWorking(c.conferenceKind).join('\n')}`,
      `Wat vragen we van u?\n${asked.map((a) => `- ${a}`).join('\n')}`,
      whenAndWhere(c),
      contact(c),
      signature(c),
    ),
  html: (c) =>
    page(
      'nl',
      `Uitnodiging voor de ${conferenceWord(c.conferenceKind)}`,
      [
        `<p>${esc(greeting(c))}</p>`,
        `<p>U bent uitgenodigd voor een ${conferenceWord(c.conferenceKind)}. Daar zoeken de mensen om wie het gaat samen naar oplossingen.</p>`,
        `<h2>Deze vragen staan centraal</h2>`,
        list(c.questions.map(esc)),
        `<h2>Zo werkt het</h2>`,
        ...wayOfWorking(c.conferenceKind).map((line) => `<p>${esc(line)}</p>`),
        `<h2>Wat vragen we van u?</h2>`,
        list(asked.map(esc)),
        `<p><strong>${esc(whenAndWhere(c))}</strong></p>`,
        `<p>${esc(contact(c))}</p>`,
        `<p>${esc(signature(c)).replace(/\n/g, '<br>')}</p>`,
      ].join('\n'),
    ),
};
