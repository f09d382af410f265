import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TafelConfig } from '@app/config';
import { CONFIG, JsonLogger } from '@app/infrastructure';
import { RetentionService } from '@app/privacy';
import { SmtpTestServer } from '@app/notifications/testing';
import { dumpReadModels } from '../apps/cli/src/testing/store-backdoor';
import { CaseApi } from './support/case-builder';
import { caughtUp, dispatchRound } from './support/caught-up';
import { expectStatus } from './support/http-expect';
import {
  grepDataDir,
  grepPgDump,
  grepReadModelDump,
  LeakCollector,
  pgDump,
  type Hit,
} from './support/leak-grep';
import { E2E_STORES, startTestApp, type TestApp } from './support/test-app';
import { runTafelOn } from './support/cli';

const DAY = 86_400_000;

/** The family: every value below is personal data or free text about the case, and distinctive. */
const FATIMA = { name: 'Fatima el Amrani', email: 'fatima.elamrani@voorbeeld.nl', phone: '0612345678' };
const CHILD = 'Sara Elamrani-Jansen';
const JOHAN = {
  name: 'Johan Brouwersgracht',
  email: 'johan.brouwersgracht@voorbeeld.nl',
  phone: '0698765432',
};
const OMA = { name: 'Oma Wilhelmina Tuinstra', email: 'w.tuinstra@voorbeeld.nl', phone: '0587123456' };
const OMA_NEW_EMAIL = 'oma.tuinstra@voorbeeld.nl';
const ADDRESS = 'Kastanjelaan 17, Zwolle';
const DESCRIPTION = `${CHILD} slaapt sinds de zomer bij haar oma; moeder maakt zich zorgen.`;
const INTAKE_NOTES = 'Intake thuis: ruzie over de omgangsregeling, vader belt niet terug.';
const QUESTION = `Hoe houden we ${CHILD} (8) veilig?`;
const QUESTION_2 = 'Wie haalt Sara op van de Regenboogschool?';
const REVISED_QUESTION = `Hoe zorgen we dat ${CHILD} (8) weer thuis kan slapen?`;
const REVISE_REASON = 'Herzien na een telefoontje van de huisarts.';
const PREP_JOHAN = 'Gesprek over de ploegendienst; juf Anneloes Brückner belt hem soms.';
const PREP_OMA = 'Oma heeft een hartkwaal en kan slecht traplopen.';
const AGREEMENT = `Johan brengt ${CHILD} elke woensdag naar zwemles.`;
const AGREEMENT_WHERE = 'Zwembad De Vrijheid';
const IF_NOT = 'Dan belt oma Wilhelmina de jeugdarts en komen we opnieuw samen.';
const FOLLOW_UP_NOTES = `${CHILD} gaat weer graag naar school, zegt moeder.`;
/** A refusal as real mail servers word it: the address and the mailbox owner's name echoed back. */
const SMTP_REFUSAL = `4.2.2 <${JOHAN.email}> (${JOHAN.name}): mailbox full`;

/** What the test looks for, each with a label for the report (the value itself is printed as its first 3 characters). */
const SECRETS: Record<string, string> = {
  'applicant name': FATIMA.name,
  'applicant e-mail': FATIMA.email,
  'applicant phone': FATIMA.phone,
  'child name': CHILD,
  'participant Johan name': JOHAN.name,
  'participant Johan e-mail': JOHAN.email,
  'participant Johan phone': JOHAN.phone,
  'participant Oma name': OMA.name,
  'participant Oma e-mail (first)': OMA.email,
  'participant Oma phone': OMA.phone,
  'participant Oma e-mail (corrected)': OMA_NEW_EMAIL,
  'conference address': ADDRESS,
  'street name': 'Kastanjelaan',
  description: 'slaapt sinds de zomer',
  'intake notes': 'omgangsregeling',
  'conference question (child)': QUESTION,
  'conference question 2': 'Regenboogschool',
  'revised question': 'weer thuis kan slapen',
  'revise-questions reason': 'telefoontje van de huisarts',
  'preparation notes Johan': 'ploegendienst',
  'third party in prep notes': 'Anneloes Brückner',
  'preparation notes Oma': 'hartkwaal',
  'plan agreement action': 'naar zwemles',
  'plan agreement where': AGREEMENT_WHERE,
  'plan ifItDoesNotWork': 'de jeugdarts',
  'follow-up notes': 'weer graag naar school',
};

const LABELS = new Map(Object.entries(SECRETS).map(([label, value]) => [value, label]));

const ERASURE = { reason: 'Verzoek van betrokkene (AVG art. 17).' };

/** Where the test found something: one line per place and secret, for the failure message. */
const report = (hits: Hit[]) => hits.map((h) => `${h.where}  ←  ${h.string}`).sort();

/**
 * The retention step (a `RetentionService` in the app, from the retention job): moves the clock 20
 * years and a day past the case's end and runs one retention round. Finds the service by its class
 * name among the app's providers, so this spec does not depend on which module registers it.
 * @throws Error "retention service missing" when the app has no such provider.
 */
async function applyRetention(t: TestApp, endedAt: Date): Promise<void> {
  const past = new Date(endedAt);
  past.setUTCFullYear(past.getUTCFullYear() + 20);
  t.clock.set(new Date(past.getTime() + DAY));

  await t.app.get(RetentionService).run();
  await caughtUp(t);
}

describe.each(E2E_STORES)('%s store: a whole family case leaves no personal data at rest', (store) => {
  const smtp = new SmtpTestServer();
  const logDir = mkdtempSync(join(tmpdir(), 'tafel-at-rest-log-'));
  const logFile = join(logDir, 'tafel.log');
  let logger: JsonLogger;
  let t: TestApp;
  let config: TafelConfig;
  let caseId: string;
  let applicantId: string;
  let johan: string;
  let oma: string;
  let closedAt: Date;
  let requestedAt: Date;
  const started = Date.now();
  const admin = () => new CaseApi(t, 'admin');
  const auditor = () => new CaseApi(t, 'auditor');

  const tafel = (...argv: string[]) => runTafelOn(t, argv);

  const step = async (res: PromiseLike<{ status: number; body: unknown }>, status = 200) => {
    const r = (await res) as Parameters<typeof expectStatus>[0];
    expectStatus(r, status);
    return r.body as Record<string, unknown> & { revision: number };
  };

  /** The log as written, plus a percent-decoded copy (URLs, query strings). */
  function grepLog(leaks: LeakCollector) {
    logger.flushSync();
    const raw = readFileSync(logFile, 'utf8');
    const label = (l: Record<string, unknown>) =>
      `: msg=${JSON.stringify(String(l.msg ?? '').slice(0, 40))}${l.context ? ` context=${String(l.context)}` : ''}`;
    leaks.grepLines('log', raw, label);
    const decoded = raw.replace(/(%[0-9A-Fa-f]{2})+/g, (m) => {
      try {
        return decodeURIComponent(m);
      } catch {
        return m;
      }
    });
    if (decoded !== raw) leaks.grepLines('log (percent-decoded)', decoded, label);
  }

  async function grepAtRest(leaks: LeakCollector) {
    grepDataDir(leaks, t.dataDir);
    if (config.postgresUrl) grepPgDump(leaks, await pgDump(config.postgresUrl));
  }

  beforeAll(async () => {
    await smtp.start(0);
    logger = new JsonLogger({ destination: logFile });
    t = await startTestApp({ store, logger, env: { TAFEL_SMTP_URL: smtp.url } });
    config = t.app.get<TafelConfig>(CONFIG);
    const api = admin();
    const key = (k: string) => ({ 'Idempotency-Key': `${k}-${caseId ?? 'new'}` });

    requestedAt = t.clock.now();
    let body = await step(
      api.request(
        {
          kind: 'family',
          applicant: FATIMA,
          region: 'Zwolle',
          description: DESCRIPTION,
          channel: 'phone',
        },
        { 'Idempotency-Key': 'request-family' },
      ),
      201,
    );
    caseId = body.id as string;
    applicantId = (body.applicant as { personId: string } | undefined)?.personId ?? '';
    await step(
      api.intake(
        caseId,
        { conferenceQuestions: [QUESTION, QUESTION_2], notes: INTAKE_NOTES, issueType: 'family' },
        key('intake'),
      ),
    );
    t.clock.advance(DAY);
    await step(api.assign(caseId));
    await step(
      api.post(`/v1/cases/${caseId}/questions`, {
        conferenceQuestions: [REVISED_QUESTION, QUESTION, QUESTION_2],
        reason: REVISE_REASON,
      }),
    );
    johan = (await step(api.invite(caseId, { ...JOHAN, role: 'family' }, key('invite-johan')), 201))
      .participantId as string;
    oma = (await step(api.invite(caseId, { ...OMA, role: 'family', language: 'nl' }, key('invite-oma')), 201))
      .participantId as string;
    // The first invitation to Johan is refused for a while: the server's answer is kept to show why.
    smtp.replyNext(452, SMTP_REFUSAL);
    await dispatchRound(t);
    await step(api.post(`/v1/cases/${caseId}/participants/${oma}/details`, { email: OMA_NEW_EMAIL }));
    await step(api.prepare(caseId, johan, { notes: PREP_JOHAN }, key('prep-johan')));
    await step(api.prepare(caseId, oma, { notes: PREP_OMA }));
    await step(api.answer(caseId, johan, 'accepted'));
    await step(api.answer(caseId, oma, 'accepted'));
    t.clock.advance(DAY);
    await dispatchRound(t); // the refused invitation again, now accepted
    const startsAt = new Date(t.clock.now().getTime() + 14 * DAY).toISOString();
    body = await step(api.schedule(caseId, { startsAt, location: ADDRESS }, key('schedule')));
    await dispatchRound(t); // conference-scheduled, with the calendar invitation
    t.clock.set(new Date(new Date(startsAt).getTime() - 7 * DAY + 60_000));
    await dispatchRound(t); // reminder a week before
    t.clock.set(new Date(new Date(startsAt).getTime() - DAY + 60_000));
    await dispatchRound(t); // reminder a day before
    t.clock.set(new Date(new Date(startsAt).getTime() + 3 * 3_600_000));
    await step(api.hold(caseId, { heldAt: startsAt, attendees: [johan, oma], privatePartHeld: true }));
    await step(
      api.plan(
        caseId,
        {
          agreements: [
            {
              ownerIds: [johan],
              action: AGREEMENT,
              where: AGREEMENT_WHERE,
              when: new Date(t.clock.now().getTime() + 7 * DAY).toISOString(),
            },
          ],
          ifItDoesNotWork: IF_NOT,
        },
        key('plan'),
      ),
    );
    await step(api.distribute(caseId));
    await dispatchRound(t); // the plan to every attendee
    t.clock.advance(91 * DAY);
    await dispatchRound(t); // the follow-up mail
    await step(
      api.followUp(caseId, {
        contactedAt: t.clock.now().toISOString(),
        outcome: 'on-track',
        notes: FOLLOW_UP_NOTES,
      }),
    );
    t.clock.advance(DAY);
    closedAt = t.clock.now();
    const closed = await step(api.close(caseId));
    expect(closed.state).toBe('closed');
    // Reads, as staff would: each lands in the read log.
    for (const route of ['', '/history', '/messages', '/state?revision=3'])
      expectStatus(await auditor().get(`/v1/cases/${caseId}${route}`), 200);
    expectStatus(await auditor().get(`/v1/cases?limit=200`), 200);
    await dispatchRound(t);
    await caughtUp(t);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await smtp.stop();
    rmSync(logDir, { recursive: true, force: true });

    console.log(`${store}: privacy-at-rest took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it('walked the whole case, with mail through SMTP', () => {
    expect(applicantId).not.toBe('');
    expect(smtp.received.length).toBeGreaterThanOrEqual(6);
    expect(smtp.received.some((m) => JSON.stringify(m.to).includes(JOHAN.email))).toBe(true);
    logger.flushSync();
    expect(readFileSync(logFile, 'utf8')).toMatch(/"msg":"request"/); // the log output is captured
  });

  it('holds none of it at rest: data directory (WAL, SHM, keys, outbox), pg_dump and log output', async () => {
    const leaks = new LeakCollector(Object.values(SECRETS), LABELS);
    await grepAtRest(leaks);
    grepLog(leaks);
    expect(report(leaks.hits)).toEqual([]);
  });

  it('erases every person of the case', async () => {
    for (const personId of [applicantId, johan, oma])
      expectStatus(await admin().post(`/v1/people/${personId}/erasure`, ERASURE), 200);
    await caughtUp(t);
  });

  it('applies retention to the case 20 years and a day after closure', async () => {
    await applyRetention(t, closedAt);
  });

  it('after erasure and retention, shows none of it with the master key at hand: API, CLI export --decrypt, read models, files, pg_dump, log', async () => {
    const leaks = new LeakCollector(Object.values(SECRETS), LABELS);
    const as = auditor();
    // Every answer grepped is a real one: an error answer would hold nothing to find.
    const ok = async (answer: Promise<{ status: number; body: unknown }>) => {
      const res = await answer;
      expect([200, 201]).toContain(res.status);
      return res.body;
    };
    const current = await ok(as.get(`/v1/cases/${caseId}`));
    leaks.grep('API GET /v1/cases/:id', current);
    const revision = (current as { revision?: number }).revision ?? 0;
    expect(revision).toBeGreaterThan(10);
    for (let r = 0; r <= revision; r++)
      leaks.grep(
        `API GET /v1/cases/:id/state?revision=<0..${revision}>`,
        await ok(as.get(`/v1/cases/${caseId}/state?revision=${r}`)),
      );
    for (const route of ['history', 'messages', 'access-log', 'verification'])
      leaks.grep(`API GET /v1/cases/:id/${route}`, await ok(as.get(`/v1/cases/${caseId}/${route}`)));
    leaks.grep('API GET /v1/cases', await ok(as.get('/v1/cases?limit=200')));
    for (const personId of [applicantId, johan, oma])
      leaks.grep('API GET /v1/people/:id/access-log', await ok(as.get(`/v1/people/${personId}/access-log`)));
    leaks.grep('API GET /v1/retention', await ok(admin().get('/v1/retention?status=destroyed')));
    // A retried command answers its first answer again: from the idempotency store.
    leaks.grep(
      'API idempotent retry POST /v1/cases (request)',
      await ok(
        admin().request(
          { kind: 'family', applicant: FATIMA, region: 'Zwolle', description: DESCRIPTION, channel: 'phone' },
          { 'Idempotency-Key': 'request-family' },
        ),
      ),
    );
    leaks.grep(
      'API idempotent retry POST participants (invite)',
      await ok(
        admin().invite(caseId, { ...JOHAN, role: 'family' }, { 'Idempotency-Key': `invite-johan-${caseId}` }),
      ),
    );

    for (const argv of [
      ['export', caseId, '--decrypt'],
      ['export', '--all', '--decrypt'],
      ['replay', caseId, '--json'],
    ]) {
      const run = await tafel(...argv);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('PlanRecorded'); // the case's events are there, read
      leaks.grepLines(`CLI ${argv.join(' ').replace(caseId, '<case>')} stdout`, run.stdout, (l) =>
        l.type ? ` ${String(l.stream ?? '').replace(/-[0-9a-f-]{36}$/, '-…')} ${String(l.type)}` : '',
      );
      leaks.grep(`CLI ${argv[0]} stderr`, run.stderr);
    }
    grepReadModelDump(leaks, await dumpReadModels(config));
    await grepAtRest(leaks);
    grepLog(leaks);
    expect(report(leaks.hits)).toEqual([]);
  });

  it('still has its history, verifies intact, replays, and counts in the flow report', async () => {
    const as = auditor();
    const history = await as.get(`/v1/cases/${caseId}/history`);
    expectStatus(history, 200);
    const types = (history.body.events as { type: string }[]).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['ConferenceRequested', 'PlanRecorded', 'CaseClosed']));
    const verification = await as.get(`/v1/cases/${caseId}/verification`);
    expectStatus(verification, 200);
    expect(verification.body.valid).toBe(true);
    expect((await tafel('verify', caseId)).code).toBe(0);
    const now = await as.get(`/v1/cases/${caseId}`);
    expectStatus(now, 200);
    expect(now.body.state).toBe('closed');
    const flow = await admin().get(
      `/v1/reports/flow?from=${encodeURIComponent(new Date(requestedAt.getTime() - DAY).toISOString())}&to=${encodeURIComponent(new Date(requestedAt.getTime() + DAY).toISOString())}&region=Zwolle`,
    );
    expectStatus(flow, 200);
    expect(flow.body.cases).toBe(1);
    expect(flow.body.byState).toMatchObject({ closed: 1 });
  });
});
