import { blocks, p } from '../../src/render/blocks';
import type { MessageTemplate } from '../../src/render/template.types';
import { conferenceWord, greeting, signature } from './common';

/** Het vervolgcontact, maanden na het plan: voor onderzoek, en nee zeggen mag. */
export const followUp: MessageTemplate = {
  subject: () => 'Hoe gaat het met uw plan?',
  body: (c) =>
    blocks(
      greeting(c),
      p(
        'Een tijd geleden heeft u samen een plan gemaakt.',
        `Dat was bij de ${conferenceWord(c.conferenceKind)}.`,
        'We willen graag weten hoe het nu gaat.',
      ),
      p(
        'Binnenkort neemt iemand van Eigen Kracht contact met u op.',
        'Die vraagt hoe het plan loopt. Wat werkt goed? Wat niet?',
      ),
      p('Dit is voor onderzoek naar hoe plannen werken.', 'Meedoen is vrijwillig. U mag ook nee zeggen.'),
      ...signature(c),
    ),
};
