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

async function put(path: string, content: string): Promise<void> {
  const response = await dav('PUT', path, content);
  expect([201, 204]).toContain(response.status);
}

async function contentOf(path: string): Promise<string> {
  const response = await dav('GET', path);
  expect(response.status).toBe(200);
  return response.text();
}

describe('versions and trash in the browser', () => {
  test('an old version is named and restored; the replaced content becomes a version', async () => {
    await put('/report.txt', 'first draft');
    await put('/report.txt', 'second draft');
    await put('/report.txt', 'final text');
    const context = await browser.newContext();
    const { page, assertQuiet } = await openPage(context);
    await signIn(page);

    await page.getByRole('checkbox', { name: 'Select report.txt' }).click();
    await page.getByRole('toolbar', { name: 'File actions' }).getByRole('link', { name: 'Versions' }).click();
    await page.getByRole('heading', { name: 'Versions of report.txt' }).waitFor();
    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);

    await rows.nth(1).getByRole('button', { name: /^Name/ }).click();
    await page.getByLabel('Name of this version').fill('Before edits');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => rows.nth(1).textContent()).toContain('Before edits');
    await expect.poll(() => rows.nth(1).locator('.when').textContent()).toContain('for good');
    await screenshot(page, 'versions');

    await rows.nth(1).getByRole('button', { name: /^Restore/ }).click();
    await page.getByText(/Restored the version/).waitFor();
    expect(await contentOf('/report.txt')).toBe('first draft');
    // the restored version became the current content, and the text it replaced became a version
    await expect.poll(() => page.locator('tbody .size').allTextContents()).toEqual(['10 B', '12 B']);
    assertQuiet();
    await context.close();
  });

  test('a deleted folder is restored from the trash; items are deleted forever and the trash emptied', async () => {
    expect((await dav('MKCOL', '/Old Photos')).status).toBe(201);
    await put('/Old Photos/beach.jpg', 'not really a jpeg');
    await put('/shopping.txt', 'milk');
    await put('/draft.txt', 'scribbles');
    for (const path of ['/Old Photos', '/shopping.txt', '/draft.txt']) {
      expect((await dav('DELETE', path)).status).toBe(204);
    }
    const context = await browser.newContext();
    const { page, assertQuiet } = await openPage(context);
    await signIn(page);

    await page.getByRole('link', { name: 'Trash' }).click();
    await page.getByRole('heading', { name: 'Trash' }).waitFor();
    // other browser tests of this account delete things too: look only at this test's items
    const row = (name: string) => page.locator('tbody tr', { hasText: name });
    for (const name of ['Old Photos', 'shopping.txt', 'draft.txt']) {
      await expect.poll(() => row(name).count()).toBe(1);
    }
    await screenshot(page, 'trash');

    await page.getByRole('button', { name: 'Restore Old Photos' }).click();
    await page.getByRole('status').filter({ hasText: 'Restored Old Photos' }).waitFor();
    expect(await contentOf('/Old Photos/beach.jpg')).toBe('not really a jpeg');

    await page.getByRole('button', { name: 'Delete draft.txt forever' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete forever' }).click();
    await expect.poll(() => row('draft.txt').count()).toBe(0);
    expect(await row('shopping.txt').count()).toBe(1);

    await page.getByRole('button', { name: 'Empty trash' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Empty trash' }).click();
    await page.getByText('The trash is empty.').waitFor();
    const trash = await context.request.get(`${server.url}/api/trash`);
    expect(((await trash.json()) as { total: number }).total).toBe(0);

    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'trash-phone');
    assertQuiet();
    await context.close();
  });
});
