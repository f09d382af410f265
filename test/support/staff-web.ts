import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expectAccessible, openPage, screenshot } from './browser';

/** One person's browser tab on the staff web app. */
export interface StaffTab {
  page: Page;
  context: BrowserContext;
  /** CSP refusals and uncaught errors seen so far: `look` fails on any. */
  problems: string[];
}

export const h1 = (page: Page, name: string | RegExp): Locator =>
  page.getByRole('heading', { level: 1, name });

/**
 * The page as it is now: no serious or critical axe violation, nothing refused by the CSP, no uncaught
 * error; a screenshot to .tmp/screenshots/<name>.png.
 */
export async function look(tab: StaffTab, name: string): Promise<void> {
  // Before axe, which sets inline styles of its own while it measures.
  expect({ page: name, problems: [...new Set(tab.problems)] }).toEqual({ page: name, problems: [] });
  await screenshot(tab.page, name);
  await expectAccessible(tab.page, name);
  tab.problems.length = 0;
}

/** Signs in on `/inloggen` with a personal code (the static-token form) and waits for the case list. */
export async function signInWithCode(
  browser: Browser,
  base: string,
  token: string,
  options: { width?: number; screenshot?: string } = {},
): Promise<StaffTab> {
  const tab = await openPage(browser, { width: options.width });
  await tab.page.goto(`${base}/inloggen`);
  await h1(tab.page, 'Inloggen').waitFor();
  if (options.screenshot) await look(tab, options.screenshot);
  await tab.page.getByLabel('Uw persoonlijke code').fill(token);
  await tab.page.getByRole('button', { name: 'Inloggen' }).click();
  await h1(tab.page, 'Zaken').waitFor();
  return tab;
}

/** The step form named `label` (its `<h3>`) on the case page. */
export const stepForm = (page: Page, label: string): Locator =>
  page.getByRole('form', { name: label, exact: true });

/**
 * Submits a step form and waits for the API's answer (2xx) and for the page to have taken it in
 * (the form no longer says it is saving).
 */
export async function submitStep(page: Page, label: string): Promise<void> {
  const form = stepForm(page, label);
  const answered = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith('/v1/cases'),
  );
  await form.getByRole('button', { name: label, exact: true }).click();
  const res = await answered;
  if (res.status() >= 300) throw new Error(`${label}: HTTP ${res.status()} ${await res.text()}`);
  await page.getByText('Bezig met opslaan…').waitFor({ state: 'detached' });
}

/** "2026-12-04T19:00" in Amsterdam for a moment: what a datetime-local input holds. */
export function amsterdamLocal(at: Date): string {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return parts.replace(' ', 'T');
}

/**
 * Ticks a radio button or checkbox the way a person does, by its label (the design system's inputs
 * are drawn by the label; the input itself has no size), and checks it took.
 */
export async function tick(scope: Locator, role: 'radio' | 'checkbox', name: string): Promise<void> {
  const input = scope.getByRole(role, { name, exact: true });
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await scope.locator('label', { hasText: new RegExp(`^\\s*${escaped}\\s*$`) }).click();
  if (!(await input.isChecked())) throw new Error(`${role} "${name}" did not get checked`);
}
