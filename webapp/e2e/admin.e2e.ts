import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launch, openPage, screenshot, server, signIn } from './harness';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

async function getJson<T>(context: BrowserContext, path: string): Promise<T> {
  const answer = await context.request.get(`${server.url}/${path}`);
  expect(answer.status()).toBe(200);
  return (await answer.json()) as T;
}

describe('administration', () => {
  test('an admin makes a group with a member, changes a setting, and watches a rescan run to its end', async () => {
    const group = `family-${Date.now().toString(36)}`;
    const context = await browser.newContext();
    const { page, assertQuiet } = await openPage(context);
    await signIn(page, server.adminUsername, server.adminPassword);

    await page.getByRole('link', { name: 'Groups' }).click();
    await page.getByRole('heading', { name: 'Groups' }).waitFor();
    await page.getByLabel('New group').fill(group);
    await page.getByRole('button', { name: 'Add group' }).click();
    const members = page.getByRole('region', { name: `Members of ${group}` });
    await members.getByText('No members.').waitFor();
    await members.getByLabel('Username').fill(server.username);
    await members.getByRole('button', { name: 'Add member' }).click();
    await members.getByRole('button', { name: `Remove ${server.username}` }).waitFor();
    expect(await getJson<string[]>(context, `api/admin/groups/${group}/members`)).toEqual([server.username]);
    await screenshot(page, 'admin-groups');

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Keep at most (days)', { exact: true }).fill('120');
    await page.getByLabel('Links need a password').check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    const retention = await getJson<{ trashMaxAgeSeconds: number }>(context, 'api/admin/retention');
    expect(retention.trashMaxAgeSeconds).toBe(120 * 86_400);
    expect((await getJson<{ passwordRequired: boolean }>(context, 'api/admin/sharing-policy')).passwordRequired).toBe(true);
    await screenshot(page, 'admin-settings');
    // Back as configured, for the tests that run after this one on the same server.
    await page.getByLabel('Keep at most (days)', { exact: true }).fill('90');
    await page.getByLabel('Links need a password').uncheck();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(async () => (await getJson<{ trashMaxAgeSeconds: number }>(context, 'api/admin/retention')).trashMaxAgeSeconds)
      .toBe(90 * 86_400);

    await page.getByRole('link', { name: 'Jobs' }).click();
    await page.getByRole('heading', { name: 'Jobs' }).waitFor();
    await page.getByRole('button', { name: 'Rescan files on disk' }).click();
    const latest = page.getByRole('list', { name: 'Recent jobs' }).getByRole('listitem').first();
    await expect.poll(() => latest.getByTestId('job-state').textContent(), { timeout: 60_000 }).toBe('done');
    const bar = latest.getByRole('progressbar', { name: 'Progress of Rescan files on disk' });
    expect(await bar.getAttribute('value')).toBe('1');
    expect(await latest.textContent()).toMatch(/\d+ homes: \d+ added, \d+ updated, \d+ removed/);
    await screenshot(page, 'admin-jobs');

    await page.getByRole('link', { name: 'Groups' }).click();
    await page.getByRole('button', { name: `Delete ${group}` }).click();
    await expect.poll(() => page.getByText(group, { exact: true }).count()).toBe(0);
    assertQuiet();
    await context.close();
  });
});
