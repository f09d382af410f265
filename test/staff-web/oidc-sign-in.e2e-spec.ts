import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage } from '../support/browser';
import { buildCase, uniqueRegion } from '../support/case-builder';
import { expectProblem, expectStatus } from '../support/http-expect';
import { startOidcProvider, type TestOidcProvider } from '../support/oidc-provider';
import { ensureStaffWebBuilt, STAFF_WEB_DIST } from '../support/staff-web-build';
import { h1, look, type StaffTab } from '../support/staff-web';
import { startTestApp, type TestApp } from '../support/test-app';

const AUDIENCE = 'urn:tafel:admin-api';
const COORDINATOR = 'u-coord-7';
const MANAGER = 'u-rm-3';

/**
 * Sign-in through a real OpenID Connect provider (oidc-provider on loopback): the app sends the
 * browser to its login page (Authorization Code with PKCE), gets a JWT access token for the API and
 * shows what that person may see.
 */
describe('staff web app signing in with OIDC', () => {
  let idp: TestOidcProvider;
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const region = uniqueRegion('Gelderland');
  let tab: StaffTab | undefined;

  beforeAll(async () => {
    ensureStaffWebBuilt();
    idp = await startOidcProvider({
      audience: AUDIENCE,
      accounts: {
        [COORDINATOR]: { name: 'Olga Oidc', tafel_role: 'coordinator' },
        [MANAGER]: { name: 'Ruben Regio', tafel_role: 'region-manager', tafel_regions: [region] },
      },
    });
    t = await startTestApp({ now: new Date(), env: { ...idp.env, TAFEL_STAFF_WEB_DIR: STAFF_WEB_DIST } });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    await idp.allow(base);
    browser = await launchChromium();
  }, 300_000);
  afterEach(async () => {
    await tab?.context.close();
    tab = undefined;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await idp?.close();
  });

  /** From the app's Inloggen button through the provider's login and consent pages back to the case list. */
  async function signInAt(login: string, screenshot?: string): Promise<StaffTab> {
    tab = await openPage(browser);
    const { page } = tab;
    await page.goto(`${base}/inloggen`);
    await h1(page, 'Inloggen').waitFor();
    await page.getByText('U logt in met het account van uw organisatie.').waitFor();
    if (screenshot) await look(tab, screenshot);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(`${idp.issuer}/**`);
    expect(new URL(page.url()).origin).toBe(idp.issuer);
    await page.locator('input[name=login]').fill(login);
    await page.locator('input[name=password]').fill('wachtwoord');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await h1(page, 'Zaken').waitFor();
    expect(new URL(page.url()).origin).toBe(base);
    // The provider's own pages (its inline styles, a web font kept off the network) are not the app's.
    tab.problems.length = 0;
    return tab;
  }

  it('signs a coordinator in with PKCE and shows the case assigned to them, not another', async () => {
    const mine = await buildCase(t, 'preparing', { coordinatorId: COORDINATOR });
    const theirs = await buildCase(t, 'preparing', { coordinatorId: 'coord-1' });
    const { page } = await signInAt(COORDINATOR, 'inloggen-oidc');
    const table = page.getByRole('table', { name: 'Zaken' });
    await table.getByRole('link', { name: mine.body.reference }).waitFor();
    expect(await table.getByRole('link', { name: theirs.body.reference }).count()).toBe(0);
    await look(tab as StaffTab, 'zaken-oidc');
    await table.getByRole('link', { name: mine.body.reference }).click();
    await h1(page, `Zaak ${mine.body.reference}`).waitFor();
    await look(tab as StaffTab, 'zaak-oidc');
  });

  it("signs a region manager in and keeps them to their token's regions", async () => {
    const inside = await buildCase(t, 'requested', { region });
    const outside = await buildCase(t, 'requested', { region: uniqueRegion('Limburg') });
    const { page } = await signInAt(MANAGER);
    const table = page.getByRole('table', { name: 'Zaken' });
    await table.getByRole('link', { name: inside.body.reference }).waitFor();
    expect(await table.getByRole('link', { name: outside.body.reference }).count()).toBe(0);
    await page.goto(`${base}/zaken/${outside.id}`);
    await h1(page, 'Geen toegang').waitFor();
  });

  it("refuses a token signed by the provider's own key for another audience", async () => {
    const claims = { sub: COORDINATOR, tafel_role: 'coordinator' };
    const right = await idp.sign({ ...claims, aud: AUDIENCE });
    expectStatus(await t.http.get('/v1/cases').set({ Authorization: `Bearer ${right}` }), 200);
    const wrong = await idp.sign({ ...claims, aud: 'urn:tafel:some-other-api' });
    const res = await t.http.get('/v1/cases').set({ Authorization: `Bearer ${wrong}` });
    expectProblem(res, 401);
    expect(res.body.detail).toBe('The token is not valid.');
  });

  it('tells the app where to sign in', async () => {
    expect((await t.http.get('/staff-web/config.json')).body).toEqual({
      oidc: {
        authority: idp.issuer,
        clientId: 'tafel-staff-web',
        scope: 'openid profile',
        resource: AUDIENCE,
      },
    });
  });
});
