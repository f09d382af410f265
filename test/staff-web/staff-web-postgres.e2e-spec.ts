import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { CaseApi, buildCase } from '../support/case-builder';
import { expectStatus } from '../support/http-expect';
import { ensureStaffWebBuilt, STAFF_WEB_DIST } from '../support/staff-web-build';
import { h1, look, signInWithCode, stepForm, submitStep, type StaffTab } from '../support/staff-web';
import { startTestApp, TEST_ACTORS, type TestApp } from '../support/test-app';

/**
 * The same app on PostgreSQL (events, read models and the keyed commands' outcomes there): the
 * coordinator's list and case page, a step from a form, and a double click that appends once.
 */
describe('staff web app in a browser, PostgreSQL store', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let tab: StaffTab | undefined;

  beforeAll(async () => {
    ensureStaffWebBuilt();
    browser = await launchChromium();
    t = await startTestApp({
      store: 'postgres',
      now: new Date(),
      env: { TAFEL_STAFF_WEB_DIR: STAFF_WEB_DIST },
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  }, 300_000);
  afterAll(async () => {
    await tab?.context.close();
    await browser?.close();
    await t?.close();
  });

  it('a coordinator invites from the case page, and a double click records the preparation once', async () => {
    const api = new CaseApi(t);
    const built = await buildCase(t, 'preparing', { coordinatorId: TEST_ACTORS.coordinator.id });
    tab = await signInWithCode(browser, base, t.tokens.coordinator);
    const { page } = tab;
    await page
      .getByRole('table', { name: 'Zaken' })
      .getByRole('link', { name: built.body.reference })
      .click();
    await h1(page, `Zaak ${built.body.reference}`).waitFor();
    const invite = stepForm(page, 'Deelnemer uitnodigen');
    await invite.getByLabel('Naam', { exact: true }).fill('Dirk Dubbel');
    await invite.getByLabel('Rol').selectOption({ label: 'Familie' });
    await invite.getByLabel('E-mail', { exact: true }).fill('dirk@example.nl');
    await submitStep(page, 'Deelnemer uitnodigen');
    await look(tab, 'zaak-postgres');

    const history = async () => {
      const res = await api.as('auditor').get(`/v1/cases/${built.id}/history`);
      expectStatus(res, 200);
      return (res.body.events as { type: string }[]).map((e) => e.type);
    };
    const before = await history();
    const prepare = stepForm(page, 'Voorbereiding vastleggen');
    await prepare.getByLabel('Deelnemer', { exact: true }).selectOption({ label: 'Dirk Dubbel' });
    const answers: Promise<unknown>[] = [];
    const keys: string[] = [];
    page.on('response', (r) => {
      if (r.request().method() !== 'POST' || !r.url().includes('/preparation')) return;
      answers.push(r.finished());
      keys.push(r.request().headers()['idempotency-key']);
    });
    await prepare.getByRole('button', { name: 'Voorbereiding vastleggen', exact: true }).dblclick();
    await page.getByText('Bezig met opslaan…').waitFor({ state: 'detached' });
    await page.waitForLoadState('networkidle');
    await Promise.all(answers);
    const after = await history();
    expect(after.slice(before.length)).toEqual(['ParticipantPrepared']);
    // However many requests the double click sent, they carried one key.
    expect(new Set(keys).size).toBe(1);
  }, 120_000);
});
