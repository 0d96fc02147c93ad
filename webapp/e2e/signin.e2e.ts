import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { dav, launch, openPage, screenshot, server, signIn } from './harness';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

describe('sign-in', () => {
  test('a wrong password is refused, the right one opens the files page, signing out ends the session', async () => {
    expect((await dav('MKCOL', '/Holidays')).status).toBe(201);
    expect((await dav('PUT', '/notes.txt', 'hello')).status).toBe(201);
    const context = await browser.newContext();
    const { page, assertQuiet } = await openPage(context);

    await page.goto(`${server.url}/`);
    await page.getByLabel('Username').fill(server.username);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/wrong|incorrect|invalid/i);
    await screenshot(page, 'sign-in-refused');

    await signIn(page);
    await page.getByRole('link', { name: 'Holidays' }).waitFor();
    await expect.poll(() => page.getByText('notes.txt', { exact: true }).count()).toBe(1);
    await screenshot(page, 'files');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const session = await context.request.get(`${server.url}/api/session`);
    expect(session.status()).toBe(401);
    assertQuiet();
    await context.close();
  });
});
