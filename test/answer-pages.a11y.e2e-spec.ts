import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { ANSWER_LINKS, type AnswerLinks } from '@app/notifications';
import { CaseApi, buildCase, inviteParticipants } from './support/case-builder';
import { expectStatus } from './support/http-expect';
import { launchChromium } from './support/browser';
import { startTestApp, type TestApp } from './support/test-app';

/** What the page's own window offers (the project compiles without the DOM's types). */
interface BrowserGlobals {
  getComputedStyle(element: unknown): { backgroundColor: string };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown }[];
}

/**
 * The answer pages in a real browser: headless Debian chromium, axe-core injected. Without chromium
 * this suite fails (it is never skipped): `.ci/run` installs it.
 */
describe('answer pages in a browser (accessibility)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let pageUrl: string;

  beforeAll(async () => {
    browser = await launchChromium(); // fails, never skips, without Debian's chromium
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const api = new CaseApi(t);
    const { id } = await buildCase(t, 'preparing');
    const [pid] = await inviteParticipants(api, id, 1);
    expectStatus(await api.schedule(id), 200);
    const links = t.app.get<AnswerLinks>(ANSWER_LINKS);
    pageUrl = `${base}/answer/${links.tokenFor({ caseId: id, participantId: pid })}`;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Serious and critical axe violations of the page at `url` (phone-sized, CSP bypassed for axe only). */
  async function violations(url: string, expectedStatus: number): Promise<AxeViolation[]> {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 360, height: 740 } });
    try {
      const page = await context.newPage();
      const res = await page.goto(url);
      expect(res?.status()).toBe(expectedStatus);
      await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
      const found = await page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } })
          .axe;
        return (await axe.run()).violations;
      });
      return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    } finally {
      await context.close();
    }
  }

  it('the question page has no serious or critical violations', async () => {
    expect(await violations(pageUrl, 200)).toEqual([]);
  });

  it('an error page has no serious or critical violations', async () => {
    expect(await violations(`${base}/answer/not-a-token`, 404)).toEqual([]);
  });

  it('under its own CSP the page is styled, loads nothing refused, and answers through its form', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    try {
      const page: Page = await context.newPage();
      const refused: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
      });
      await page.goto(pageUrl);
      const accept = page.getByRole('button', { name: 'Ja, ik kom' });
      expect(
        await accept.evaluate(
          (b) => (globalThis as unknown as BrowserGlobals).getComputedStyle(b).backgroundColor,
        ),
      ).toBe('rgb(27, 94, 32)');
      await accept.click();
      await page.waitForURL(/\?saved=1$/);
      expect(await page.locator('[role=status]').textContent()).toBe(
        'Dank u wel. Uw antwoord is opgeslagen.',
      );
      expect(await page.locator('body').textContent()).toContain('U heeft laten weten dat u komt.');
      expect(refused).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
