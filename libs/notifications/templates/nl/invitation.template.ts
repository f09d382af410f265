import { blocks, heading, list, p } from '../../src/render/blocks';
import type { MessageTemplate } from '../../src/render/template.types';
import {
  answerLink,
  contact,
  conferenceWord,
  greeting,
  signature,
  wayOfWorking,
  whenAndWhere,
} from './common';

/** Uitnodiging: de conferentievragen, het doel en de werkwijze, en wat we van u vragen. */
export const invitation: MessageTemplate = {
  subject: (c) => `Uitnodiging voor de ${conferenceWord(c.conferenceKind)}`,
  body: (c) =>
    blocks(
      greeting(c),
      p(
        `U bent uitgenodigd voor een ${conferenceWord(c.conferenceKind)}.`,
        'Daar zoeken de mensen om wie het gaat samen naar oplossingen.',
      ),
      heading('Deze vragen staan centraal'),
      list(c.questions),
      heading('Zo werkt het'),
      ...wayOfWorking(c.conferenceKind).map((line) => p(line)),
      heading('Wat vragen we van u?'),
      list(['Denk alvast na over de vragen hierboven.', 'Laat ons weten of u komt.']),
      answerLink(c),
      whenAndWhere(c),
      contact(c),
      ...signature(c),
    ),
};
