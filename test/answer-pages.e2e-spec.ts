import type { Response } from 'supertest';
import { StoreUnavailable } from '@app/event-store';
import { ANSWER_LINKS, type AnswerLinks } from '@app/notifications';
import { CaseApi, buildCase, inviteBody, inviteParticipants } from './support/case-builder';
import { expectStatus, type HistoryEvent } from './support/http-expect';
import { interceptAppends } from './support/store-faults';
import { E2E_STORES, startTestApp, type TestApp } from './support/test-app';

const MINUTE = 60_000;

/** A short error page: HTML in `lang`, no case data (no questions, no names, no place). */
function expectErrorPage(res: Response, status: number, lang = 'nl'): void {
  expectStatus(res, status);
  expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
  expect(res.text).toContain(`<html lang="${lang}">`);
  for (const personal of ['Hoe gaan we weer', 'Deelnemer', 'Buurthuis', 'Corrie'])
    expect(res.text).not.toContain(personal);
  expect(res.text).not.toContain('<form');
}

describe.each(E2E_STORES)('answer pages (%s store)', (store) => {
  let t: TestApp;
  let api: CaseApi;
  let links: AnswerLinks;
  let caseId: string;
  let pids: string[];
  let english: string;

  const link = (pid: string, id = caseId) => `/answer/${links.tokenFor({ caseId: id, participantId: pid })}`;
  const revisionOf = async (id = caseId) => (await api.read(id)).body.revision;
  const historyOf = async (id = caseId): Promise<HistoryEvent[]> => {
    const res = await api.get(`/v1/cases/${id}/history`);
    expectStatus(res, 200);
    return res.body.events;
  };
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    t.http.post(path).set('content-type', 'application/x-www-form-urlencoded').set(headers).send(body);

  /** A case being prepared, with three participants invited (the third in English), scheduled a week ahead. */
  async function preparedCase(): Promise<{ id: string; pids: string[]; english: string }> {
    const { id } = await buildCase(t, 'preparing');
    const invited = await inviteParticipants(api, id, 2);
    const en = await api.invite(id, inviteBody(3, { language: 'en' }));
    expectStatus(en, 201);
    expectStatus(await api.schedule(id), 200);
    return { id, pids: invited, english: en.body.participantId };
  }

  beforeAll(async () => {
    t = await startTestApp({ store });
    api = new CaseApi(t);
    links = t.app.get<AnswerLinks>(ANSWER_LINKS);
    ({ id: caseId, pids, english } = await preparedCase());
  });
  afterAll(() => t.close());
  // Each test starts in a fresh minute of the answer pages' rate limit (the injected clock times it).
  beforeEach(() => t.clock.advance(MINUTE));

  it('GET shows the questions, the date and place and the form, in Dutch, and changes nothing', async () => {
    const before = await revisionOf();
    const eventsBefore = (await historyOf()).length;
    const res = await t.http.get(link(pids[0]));
    expectStatus(res, 200);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(res.text).toContain('<html lang="nl">');
    expect(res.text.match(/<h1>/g)).toHaveLength(1);
    expect(res.text).toContain('Komt u naar de groepsconferentie?');
    expect(res.text).toContain('<li>Hoe gaan we weer met elkaar om?</li>');
    expect(res.text).toContain('Plaats: Buurthuis De Kanaalstraat');
    // A week after 2026-03-02T09:00Z plus the minutes the suite moved on: Monday 9 March, 10:0x in Amsterdam.
    expect(res.text).toMatch(/Datum en tijd: maandag 9 maart 2026 om 10:0\d/);
    expect(res.text).toContain('U heeft nog niet laten weten of u komt.');
    expect(res.text).toContain('name="answer" value="accepted"');
    expect(res.text).toContain('name="answer" value="declined"');
    expect(res.text).toContain('name="viewport"');
    expect(res.text).not.toMatch(/<script/i);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const csp = res.headers['content-security-policy'];
    expect(csp).toMatch(
      /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; form-action 'self'; frame-ancestors 'none'/,
    );
    expect(await revisionOf()).toBe(before);
    expect(await historyOf()).toHaveLength(eventsBefore);
  });

  it('POST accepted records ParticipantAnswered as the participant, through the workflow, and shows it saved', async () => {
    const before = await revisionOf();
    const res = await post(link(pids[0]), 'answer=accepted', { 'sec-fetch-site': 'same-origin' });
    expectStatus(res, 303);
    expect(res.headers.location).toBe('?saved=1');
    const events = await historyOf();
    const last = events[events.length - 1];
    expect(last.revision).toBe(before + 1);
    expect(last.type).toBe('ParticipantAnswered');
    expect(last.data).toMatchObject({ participantId: pids[0], answer: 'accepted' });
    expect(last.actor).toEqual({ id: pids[0], name: 'participant', role: 'participant' });
    const participant = (await api.read(caseId)).body.participants.find((p) => p.id === pids[0]);
    expect(participant?.answer).toBe('accepted');

    const page = await t.http.get(`${link(pids[0])}?saved=1`);
    expectStatus(page, 200);
    expect(page.text).toContain('Dank u wel. Uw antwoord is opgeslagen.');
    expect(page.text).toContain('U heeft laten weten dat u komt.');
  });

  it('the same answer again appends nothing; another answer does', async () => {
    const before = await revisionOf();
    expectStatus(await post(link(pids[0]), 'answer=accepted'), 303);
    expect(await revisionOf()).toBe(before);
    expectStatus(await post(link(pids[0]), 'answer=declined'), 303);
    expect(await revisionOf()).toBe(before + 1);
    expectStatus(await post(link(pids[0]), 'answer=declined'), 303);
    expect(await revisionOf()).toBe(before + 1);
  });

  it('a forged, cut or foreign token is 404, in the default language, and appends nothing', async () => {
    const before = await revisionOf();
    const good = links.tokenFor({ caseId, participantId: pids[1] });
    const forged = good.slice(0, -2) + (good.endsWith('AA') ? 'BB' : 'AA');
    expectErrorPage(await t.http.get(`/answer/${forged}`), 404);
    expectErrorPage(await post(`/answer/${forged}`, 'answer=accepted'), 404);
    expectErrorPage(await t.http.get(`/answer/${good.slice(0, 20)}`), 404);
    expectErrorPage(await t.http.get('/answer/%3Cscript%3E'), 404);
    // Well signed, but no such case.
    const stranger = links.tokenFor({
      caseId: '00000000-0000-4000-8000-000000000000',
      participantId: pids[1],
    });
    expectErrorPage(await t.http.get(`/answer/${stranger}`), 404);
    expect(await revisionOf()).toBe(before);
  });

  it('a form value that is not an answer is 400 and appends nothing', async () => {
    const before = await revisionOf();
    for (const body of ['answer=maybe', 'answer=', 'other=accepted', 'answer=accepted&answer=declined']) {
      expectErrorPage(await post(link(pids[1]), body), 400);
    }
    expect(await revisionOf()).toBe(before);
  });

  it('refuses a cross-site form post with 403 and appends nothing', async () => {
    const before = await revisionOf();
    expectErrorPage(await post(link(pids[1]), 'answer=accepted', { 'sec-fetch-site': 'cross-site' }), 403);
    expectErrorPage(await post(link(pids[1]), 'answer=accepted', { 'sec-fetch-site': 'same-site' }), 403);
    expectErrorPage(await post(link(pids[1]), 'answer=accepted', { origin: 'https://evil.example' }), 403);
    expectErrorPage(await post(link(pids[1]), 'answer=accepted', { origin: 'null' }), 403);
    expect(await revisionOf()).toBe(before);
    // The public URL's own origin is this site.
    const own = await post(link(pids[1]), 'answer=accepted', { origin: 'http://localhost:3000' });
    expectStatus(own, 303);
    expect(await revisionOf()).toBe(before + 1);
  });

  it('speaks English to a participant invited in English', async () => {
    const res = await t.http.get(link(english));
    expectStatus(res, 200);
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain('Will you come to the group conference?');
    expect(res.text).toMatch(/Date and time: Monday(,)? 9 March 2026/);
    expect(res.text).toContain('Yes, I will come');
    expectErrorPage(await post(link(english), 'answer=perhaps'), 400, 'en');
  });

  it('a removed participant is 410, GET and POST, and nothing is appended', async () => {
    const removed = await api.post(`/v1/cases/${caseId}/participants/${english}/removal`, {
      reason: 'Woont in het buitenland.',
    });
    expectStatus(removed, 200);
    const before = await revisionOf();
    expectErrorPage(await t.http.get(link(english)), 410, 'en');
    expectErrorPage(await post(link(english), 'answer=accepted'), 410, 'en');
    expect(await revisionOf()).toBe(before);
  });

  it('an erased participant is 410', async () => {
    const {
      id,
      pids: [pid],
    } = await preparedCase();
    expectStatus(await api.post(`/v1/people/${pid}/erasure`, { reason: 'Verzoek van de deelnemer.' }), 200);
    expectErrorPage(await t.http.get(link(pid, id)), 410);
  });

  it('a withdrawn case is refused by the workflow: 409, and nothing is appended', async () => {
    const {
      id,
      pids: [pid],
    } = await preparedCase();
    expectStatus(await api.withdraw(id), 200);
    const before = await revisionOf(id);
    expectErrorPage(await t.http.get(link(pid, id)), 409);
    expectErrorPage(await post(link(pid, id), 'answer=accepted'), 409);
    expect(await revisionOf(id)).toBe(before);
  });

  it('an outage is a 503 page and nothing is written', async () => {
    const {
      id,
      pids: [pid],
    } = await preparedCase();
    const before = await revisionOf(id);
    const recover = interceptAppends(t.app, () => {
      throw new StoreUnavailable('disk gone');
    });
    try {
      expectErrorPage(await post(link(pid, id), 'answer=accepted'), 503);
    } finally {
      recover();
    }
    expect(await revisionOf(id)).toBe(before);
    expectStatus(await post(link(pid, id), 'answer=accepted'), 303);
    expect(await revisionOf(id)).toBe(before + 1);
  });

  it('limits answers per client address: the 21st POST in a minute is 429 with Retry-After', async () => {
    const forged = '/answer/not-a-token';
    for (let i = 0; i < 20; i++) expectStatus(await post(forged, 'answer=accepted'), 404);
    const limited = await post(forged, 'answer=accepted');
    expectErrorPage(limited, 429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(MINUTE);
    expectStatus(await post(forged, 'answer=accepted'), 404);
  });

  it('the link stops working once the conference has begun: 410', async () => {
    const {
      id,
      pids: [pid],
    } = await preparedCase();
    const { startsAt } = (await api.read(id)).body.schedule;
    expectStatus(await t.http.get(link(pid, id)), 200);
    t.clock.set(startsAt);
    expectErrorPage(await t.http.get(link(pid, id)), 410);
    expectErrorPage(await post(link(pid, id), 'answer=accepted'), 410);
  });
});
