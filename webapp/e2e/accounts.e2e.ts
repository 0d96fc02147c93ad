import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, screenshot, server, signIn } from './harness';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

describe('accounts', () => {
  test('an admin adds a user who signs in and changes their password; the admin then removes them', async () => {
    const username = `niece-${Date.now().toString(36)}`;
    const firstPassword = 'first-password-1';
    const admin = await browser.newContext();
    const { page, assertQuiet } = await openPage(admin);
    await signIn(page, server.adminUsername, server.adminPassword);

    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Display name').fill('Little Niece');
    await page.getByLabel('Password').fill(firstPassword);
    await page.getByLabel('Quota').fill('2 GB');
    await page.getByRole('button', { name: 'Add user' }).click();
    const row = page.locator('tbody tr', { hasText: username });
    await expect.poll(() => row.textContent()).toContain('2 GB');

    await row.getByRole('button', { name: `Edit ${username}` }).click();
    await page.getByRole('dialog').getByLabel('Quota').fill('5 GB');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => row.textContent()).toContain('5 GB');
    await screenshot(page, 'admin-users');

    const niece = await browser.newContext();
    const signedIn = await openPage(niece);
    await signIn(signedIn.page, username, firstPassword);
    await signedIn.page.getByRole('link', { name: 'Little Niece' }).click();
    await signedIn.page.getByLabel('Current password').fill(firstPassword);
    await signedIn.page.getByLabel('New password', { exact: true }).fill('second-password-2');
    await signedIn.page.getByLabel('New password again').fill('second-password-2');
    await signedIn.page.getByRole('button', { name: 'Change password' }).click();
    await signedIn.page.getByText('Your password was changed.').waitFor();
    await screenshot(signedIn.page, 'account');
    await signedIn.page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(signedIn.page, username, 'second-password-2');
    signedIn.assertQuiet();
    await niece.close();

    await row.getByRole('button', { name: `Disable ${username}` }).click();
    await expect.poll(() => row.textContent()).toContain('disabled');
    await row.getByRole('button', { name: `Delete ${username}` }).click();
    await page.getByRole('dialog', { name: `Delete ${username}?` }).getByRole('button', { name: 'Delete user' }).click();
    await expect.poll(() => row.count()).toBe(0);
    assertQuiet();
    await admin.close();
  });
});
