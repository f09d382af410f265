import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { CaseApi, buildCase, uniqueRegion } from '../support/case-builder';
import { expectStatus } from '../support/http-expect';
import { ensureStaffWebBuilt, STAFF_WEB_DIST } from '../support/staff-web-build';
import {
  amsterdamLocal,
  h1,
  look,
  signInWithCode,
  stepForm,
  submitStep,
  tick,
  type StaffTab,
} from '../support/staff-web';
import { startTestApp, TEST_ACTORS, type TestApp } from '../support/test-app';

const DAY = 86_400_000;
const BUILD_TIMEOUT = 300_000;
/** A scenario: several pages, each with axe and a screenshot, on two shared cores. */
const SCENARIO_TIMEOUT = 120_000;
const PARTICIPANTS = ['Anna Jansen', 'Bram de Wit', 'Carla Smit'];

/**
 * The staff web app in a real browser against the real admin API (SQLite): region manager, coordinator
 * and auditor each take their part of one conference; axe on every page they see.
 */
describe('staff web app in a browser', () => {
  let t: TestApp;
  let api: CaseApi;
  let browser: Browser;
  let base: string;
  const tabs: StaffTab[] = [];
  const region = uniqueRegion('Utrecht');
  let caseId = '';
  let reference = '';

  const signIn = async (actor: keyof typeof TEST_ACTORS, options?: Parameters<typeof signInWithCode>[3]) => {
    const tab = await signInWithCode(browser, base, t.tokens[actor], options);
    tabs.push(tab);
    return tab;
  };
  const types = async (id: string): Promise<string[]> => {
    const res = await api.as('auditor').get(`/v1/cases/${id}/history`);
    expectStatus(res, 200);
    return (res.body.events as { type: string }[]).map((e) => e.type);
  };

  beforeAll(async () => {
    const builtMs = ensureStaffWebBuilt();
    if (builtMs) console.log(`staff web app built in ${(builtMs / 1000).toFixed(1)} s`);
    browser = await launchChromium();
    t = await startTestApp({ now: new Date(), env: { TAFEL_STAFF_WEB_DIR: STAFF_WEB_DIST } });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    api = new CaseApi(t);
  }, BUILD_TIMEOUT);
  afterAll(async () => {
    for (const tab of tabs) await tab.context.close();
    await browser?.close();
    await t?.close();
  }, SCENARIO_TIMEOUT);

  it(
    'a region manager signs in with a code, requests a case, completes the intake and assigns a coordinator',
    async () => {
      const { page, ...tab } = await signIn('regionManager', { screenshot: 'inloggen' });
      await look({ page, ...tab }, 'zaken-leeg');
      await page.getByRole('main').getByRole('link', { name: 'Nieuwe aanvraag' }).click();
      await h1(page, 'Nieuwe aanvraag').waitFor();
      await look({ page, ...tab }, 'nieuwe-aanvraag');
      const form = page.getByRole('form', { name: 'Nieuwe aanvraag' });
      await tick(form, 'radio', 'Groepsconferentie');
      await form.getByLabel('Naam aanvrager').fill('Fatima el Amrani');
      await form.getByLabel('E-mail aanvrager').fill('fatima@example.nl');
      await form.getByLabel('Regio', { exact: true }).fill(region);
      await form.getByLabel('Omschrijving').fill('Spanning tussen buren in de Kanaalstraat.');
      await tick(form, 'radio', 'Online');
      await form.getByRole('button', { name: 'Aanvraag indienen' }).click();
      await h1(page, /^Zaak /).waitFor();
      caseId = new URL(page.url()).pathname.split('/')[2];
      reference = ((await h1(page, /^Zaak /).textContent()) as string).replace(/^Zaak /, '');

      const intake = stepForm(page, 'Intake afronden');
      await intake
        .getByLabel('Vragen voor de conferentie (één per regel)')
        .fill('Hoe gaan we weer met elkaar om?\nWie helpt bij de overlast?');
      await intake.getByLabel('Soort vraag').selectOption({ label: 'Buren' });
      await submitStep(page, 'Intake afronden');

      const assign = stepForm(page, 'Coördinator toewijzen');
      await assign.getByLabel('Code van de coördinator').fill(TEST_ACTORS.coordinator.id);
      await assign.getByLabel('Naam coördinator').fill(TEST_ACTORS.coordinator.name);
      await assign.getByLabel('E-mail coördinator').fill('corrie@example.nl');
      await tick(assign, 'checkbox', 'De coördinator is onafhankelijk');
      await submitStep(page, 'Coördinator toewijzen');
      await stepForm(page, 'Deelnemer uitnodigen').waitFor();
      await look({ page, ...tab }, 'zaak-voorbereiding');

      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Zaken' }).click();
      await page.getByRole('table', { name: 'Zaken' }).getByRole('link', { name: reference }).waitFor();
      await look({ page, ...tab }, 'zaken');

      const { body } = await api.read(caseId);
      expect(body.state).toBe('preparing');
      expect(body.reference).toBe(reference);
      expect(body.coordinator).toMatchObject({ coordinatorId: TEST_ACTORS.coordinator.id });
    },
    SCENARIO_TIMEOUT,
  );

  it(
    'the coordinator invites, records answers, schedules, holds the conference and records and distributes the plan',
    async () => {
      const tab = await signIn('coordinator');
      const { page } = tab;
      await page.getByRole('link', { name: reference }).click();
      await h1(page, `Zaak ${reference}`).waitFor();

      for (const name of PARTICIPANTS) {
        const invite = stepForm(page, 'Deelnemer uitnodigen');
        await invite.getByLabel('Naam', { exact: true }).fill(name);
        await invite.getByLabel('Rol').selectOption({ label: 'Buurt' });
        await invite
          .getByLabel('E-mail', { exact: true })
          .fill(`${name.split(' ')[0].toLowerCase()}@example.nl`);
        await submitStep(page, 'Deelnemer uitnodigen');
      }
      for (const name of PARTICIPANTS.slice(0, 2)) {
        const answer = stepForm(page, 'Antwoord vastleggen');
        await answer.getByLabel('Deelnemer', { exact: true }).selectOption({ label: name });
        await tick(answer, 'radio', 'Komt');
        await submitStep(page, 'Antwoord vastleggen');
      }

      const startsAt = new Date(t.clock.now().getTime() + 2 * DAY);
      const schedule = stepForm(page, 'Datum plannen');
      await schedule.getByLabel('Datum en tijd').fill(amsterdamLocal(startsAt));
      await schedule.getByLabel('Plaats').fill('Buurthuis De Kanaalstraat');
      await submitStep(page, 'Datum plannen');
      await look(tab, 'zaak-gepland');

      // The evening of the conference, by the server's clock.
      t.clock.set(new Date(startsAt.getTime() + 3 * 60 * 60 * 1000));
      await page.reload();
      const hold = stepForm(page, 'Conferentie gehouden');
      await hold.getByLabel('Datum en tijd van de conferentie').fill(amsterdamLocal(startsAt));
      for (const name of PARTICIPANTS.slice(0, 2)) await tick(hold, 'checkbox', name);
      await submitStep(page, 'Conferentie gehouden');

      const plan = stepForm(page, 'Plan vastleggen');
      const first = plan.getByRole('group', { name: 'Afspraak 1' });
      await first.getByLabel('Wat gaat er gebeuren?').fill('Samen koffie drinken op zaterdag');
      await tick(first, 'checkbox', PARTICIPANTS[0]);
      await first.getByLabel('Waar?').fill('Buurthuis');
      await first.getByLabel('Wanneer?').fill('Elke eerste zaterdag van de maand');
      await plan.getByLabel('Wat doen we als het niet lukt?').fill('Dan bellen we de coördinator.');
      await submitStep(page, 'Plan vastleggen');

      await submitStep(page, 'Plan verspreiden');
      await look(tab, 'zaak-plan-verspreid');

      const { body } = await api.read(caseId);
      expect(body.state).toBe('plan-distributed');
      expect(await types(caseId)).toEqual(
        expect.arrayContaining(['ConferenceHeld', 'PlanRecorded', 'PlanDistributed']),
      );
    },
    SCENARIO_TIMEOUT,
  );

  it(
    'an auditor opens the timeline, moves the slider back to the request and sees the chain verified',
    async () => {
      const tab = await signIn('auditor');
      const { page } = tab;
      await page.goto(`${base}/zaken/${caseId}/tijdlijn`);
      await h1(page, `Tijdlijn van zaak ${reference}`).waitFor();
      await page.getByRole('heading', { name: 'Niets gewijzigd' }).waitFor();
      await page.getByRole('table', { name: 'Leesregister' }).waitFor();
      await page.getByText('Status toen: Plan verspreid').waitFor();
      await look(tab, 'tijdlijn');
      const slider = page.getByRole('slider', { name: 'Bekijk de zaak zoals hij was na stap' });
      await slider.focus();
      await page.keyboard.press('Home');
      await page.getByText('Status toen: Aangevraagd').waitFor();
      expect(await slider.getAttribute('aria-valuetext')).toMatch(/^Stap 1 van \d+/);
      await page.keyboard.press('ArrowRight');
      await page.getByText(/^Stap 2 van/).waitFor();
      await look(tab, 'tijdlijn-terug');
    },
    SCENARIO_TIMEOUT,
  );

  it(
    'another coordinator opening the case sees "Geen toegang"',
    async () => {
      const tab = await signIn('otherCoordinator');
      await tab.page.goto(`${base}/zaken/${caseId}`);
      await h1(tab.page, 'Geen toegang').waitFor();
      await look(tab, 'geen-toegang');
    },
    SCENARIO_TIMEOUT,
  );

  it(
    'a double click on a submit button appends the step once',
    async () => {
      const built = await buildCase(t, 'preparing', { coordinatorId: TEST_ACTORS.coordinator.id });
      const invited = await api.invite(built.id, {
        name: 'Dirk Dubbel',
        role: 'family',
        email: 'dirk@example.nl',
      });
      expectStatus(invited, 201);
      const before = await types(built.id);
      const { page } = await signIn('coordinator');
      await page.goto(`${base}/zaken/${built.id}`);
      const prepare = stepForm(page, 'Voorbereiding vastleggen');
      await prepare.getByLabel('Deelnemer', { exact: true }).selectOption({ label: 'Dirk Dubbel' });
      await prepare.getByLabel('Notities').fill('Doel en werkwijze besproken.');
      const posted: { status: number; key: string }[] = [];
      page.on('response', (r) => {
        if (r.request().method() === 'POST' && r.url().includes('/preparation'))
          posted.push({ status: r.status(), key: r.request().headers()['idempotency-key'] });
      });
      await prepare.getByRole('button', { name: 'Voorbereiding vastleggen' }).dblclick();
      await page.getByText('Bezig met opslaan…').waitFor({ state: 'detached' });
      await page.waitForLoadState('networkidle');
      const after = await types(built.id);
      expect(after.length - before.length).toBe(1);
      expect(after.at(-1)).toBe('ParticipantPrepared');
      expect(posted.length).toBeGreaterThanOrEqual(1);
      expect(posted.every((p) => p.status < 300)).toBe(true);
      expect(new Set(posted.map((p) => p.key)).size).toBe(1);
    },
    SCENARIO_TIMEOUT,
  );

  it(
    'at 360 px wide the case list has no horizontal scroll',
    async () => {
      const tab = await signIn('regionManager', { width: 360 });
      await tab.page.getByRole('table', { name: 'Zaken' }).waitFor();
      const { scroll, client } = await tab.page.evaluate(() => {
        const root = (
          globalThis as unknown as {
            document: { documentElement: { scrollWidth: number; clientWidth: number } };
          }
        ).document.documentElement;
        return { scroll: root.scrollWidth, client: root.clientWidth };
      });
      expect(scroll).toBeLessThanOrEqual(client);
      await look(tab, 'zaken-360');
    },
    SCENARIO_TIMEOUT,
  );

  it(
    'the workflow, dashboard and print pages pass axe under the app CSP',
    async () => {
      const tab = await signIn('regionManager');
      const { page } = tab;
      await page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Werkwijze' })
        .click();
      await h1(page, 'Werkwijze').waitFor();
      // Mermaid's diagram, drawn under `style-src 'self'` (look() fails on any CSP refusal).
      await page.locator('figure.ek-diagram svg').first().waitFor({ state: 'attached', timeout: 30_000 });
      expect(await page.getByText('Het schema kon niet worden getekend').count()).toBe(0);
      await look(tab, 'werkwijze');
      await page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Dashboard' })
        .click();
      await h1(page, 'Dashboard').waitFor();
      await page.getByRole('heading', { name: 'Waar staan de zaken nu?' }).waitFor();
      await look(tab, 'dashboard');
      await page.goto(`${base}/zaken/${caseId}/plan`);
      await h1(page, `Plan van zaak ${reference}`).waitFor();
      await page.getByRole('table', { name: 'Afspraken' }).waitFor();
      await look(tab, 'plan-printen');
    },
    SCENARIO_TIMEOUT,
  );
});
