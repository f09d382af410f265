import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../api/types';
import { readOf } from './nl';
import { sentence, timeline } from './timeline';

const fatima = { id: 'u-1', name: 'Fatima de Vries', role: 'coordinator' };
let position = 0;
const event = (
  type: string,
  data: Record<string, unknown>,
  actor: HistoryEvent['actor'] = fatima,
  stream = 'case-1',
) => ({
  position: ++position,
  stream,
  revision: position - 1,
  type,
  data: { at: '2026-12-01T10:00:00Z', ...data },
  occurredAt: '2026-12-01T10:00:00Z',
  actor,
});

const invited = event('ParticipantInvited', { participantId: 'p-1', name: 'Anna Jansen', role: 'family' });
const names = new Map([['p-1', 'Anna Jansen']]);

describe('the timeline in Dutch sentences', () => {
  it('names the actor and the participant', () => {
    expect(sentence(invited, names)).toBe('Fatima de Vries nodigde Anna Jansen uit.');
  });

  it('tells a participant answering through their own link apart from staff recording it', () => {
    const own = event(
      'ParticipantAnswered',
      { participantId: 'p-1', answer: 'accepted' },
      { id: 'p-1', role: 'participant' },
    );
    const staff = event('ParticipantAnswered', { participantId: 'p-1', answer: 'declined' });
    expect(sentence(own, names)).toBe('Anna Jansen liet weten: komt.');
    expect(sentence(staff, names)).toBe('Fatima de Vries noteerde dat Anna Jansen niet komt.');
  });

  it('says what happened to messages', () => {
    const tafel = { id: 'tafel-dispatcher', role: 'system', name: 'Tafel' };
    expect(
      sentence(
        event('MessageSent', { participantId: 'p-1', kind: 'invitation' }, tafel, 'messages-1'),
        names,
      ),
    ).toBe('Tafel stuurde Anna Jansen een uitnodiging.');
    expect(
      sentence(
        event('MessageFailed', { participantId: 'p-1', kind: 'reminder' }, tafel, 'messages-1'),
        names,
      ),
    ).toBe('Een herinnering aan Anna Jansen kwam niet aan.');
  });

  it('uses the role when the actor has no name', () => {
    const manager = { id: 'u-2', role: 'region-manager' };
    expect(sentence(event('CaseClosed', {}, manager), names)).toBe('Een regiomanager sloot de zaak.');
    expect(
      sentence(event('CoordinatorAssigned', { name: 'Fatima de Vries', replaces: 'u-9' }, manager), names),
    ).toBe('Een regiomanager maakte Fatima de Vries de nieuwe coördinator.');
  });

  it('learns the names from the history and gives case events their revision', () => {
    const lines = timeline([
      invited,
      event('MessageSent', { participantId: 'p-1', kind: 'invitation' }, undefined, 'messages-1'),
    ]);
    expect(lines[0]).toMatchObject({
      text: 'Fatima de Vries nodigde Anna Jansen uit.',
      revision: invited.revision,
    });
    expect(lines[1].revision).toBeUndefined();
  });
});

describe('the read log in Dutch', () => {
  it('says what was read', () => {
    expect(readOf('GET /v1/cases/:id')).toBe('de zaak');
    expect(readOf('GET /v1/cases/:id/messages')).toBe('de berichten');
    expect(readOf('GET /v1/cases/:id/history')).toBe('de geschiedenis');
    expect(readOf('GET /v1/other')).toBe('GET /v1/other');
  });
});
