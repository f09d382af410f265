import { esc, list, page, paragraphs } from '../../src/render/html';
import type { MessageTemplate } from '../../src/render/template.types';
import { conferenceWord, contact, greeting, signature, wayOfWorking, whenAndWhere } from './common';

const asked = [
  'Think about the questions above.',
  'Let the coordinator know whether you will come.',
  'Come to the conference on time. Together you make the plan.',
];

/** Invitation: the conference questions, purpose and way of working, what is asked of them. */
export const invitation: MessageTemplate = {
  subject: (c) => `Invitation to the ${conferenceWord(c.conferenceKind)}`,
  text: (c) =>
    paragraphs(
      greeting(c),
      `You are invited to a ${conferenceWord(c.conferenceKind)}. There, the people involved look for solutions together.`,
      `These are the questions:\n${c.questions.map((q) => `- ${q}`).join('\n')}`,
      `How it works:\n${wayOfWorking(c.conferenceKind).join('\n')}`,
      `What we ask of you:\n${asked.map((a) => `- ${a}`).join('\n')}`,
      whenAndWhere(c),
      contact(c),
      signature(c),
    ),
  html: (c) =>
    page(
      'en',
      `Invitation to the ${conferenceWord(c.conferenceKind)}`,
      [
        `<p>${esc(greeting(c))}</p>`,
        `<p>You are invited to a ${conferenceWord(c.conferenceKind)}. There, the people involved look for solutions together.</p>`,
        `<h2>These are the questions</h2>`,
        list(c.questions.map(esc)),
        `<h2>How it works</h2>`,
        ...wayOfWorking(c.conferenceKind).map((line) => `<p>${esc(line)}</p>`),
        `<h2>What we ask of you</h2>`,
        list(asked.map(esc)),
        `<p><strong>${esc(whenAndWhere(c))}</strong></p>`,
        `<p>${esc(contact(c))}</p>`,
        `<p>${esc(signature(c)).replace(/\n/g, '<br>')}</p>`,
      ].join('\n'),
    ),
};
