import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { adminApi, launch, openPage, screenshot, server, sha1, signIn } from './harness';
import { unzip } from './zip';
import { png } from './images';

let browser: Browser;
let fixtures: string;

beforeAll(async () => {
  browser = await launch();
  fixtures = mkdtempSync(join(tmpdir(), 'hearth-sharing-'));
});

afterAll(async () => {
  await browser?.close();
  rmSync(fixtures, { recursive: true, force: true });
});

/** Bytes that differ from file to file and are the same on every run. */
function seeded(seed: number, size: number): Buffer {
  const bytes = Buffer.alloc(size);
  let state = seed;
  for (let i = 0; i < size; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

/** The test folder "Holiday": files at the top and in a subfolder, as relative path → content. */
function makeHoliday(): Map<string, Buffer> {
  const files = new Map<string, Buffer>([
    ['notes.txt', Buffer.from('Sun, sea and a little rain on Tuesday.\n'.repeat(40))],
    ['photo.png', Buffer.from(png(400, 300, [40, 120, 200]))],
    ['day 2/beach.bin', seeded(11, 70_000)],
  ]);
  for (const [path, content] of files) {
    const target = join(fixtures, 'Holiday', path);
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, content);
  }
  return files;
}

async function setPolicy(policy: Record<string, unknown>): Promise<void> {
  expect((await adminApi('PUT', '/api/admin/sharing-policy', policy)).status).toBe(200);
}

async function openShareDialog(page: Page, name: string) {
  await page.getByRole('button', { name: `Share ${name}`, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Share “${name}”` });
  await dialog.waitFor();
  return dialog;
}

describe('sharing', () => {
  test('a password-protected link to an uploaded folder opens with the right password and its zip holds the same bytes; a user share reaches B', async () => {
    const files = makeHoliday();
    const bobName = `bob-${Date.now().toString(36)}`;
    const bobPassword = 'bob-password-1';
    expect((await adminApi('POST', '/api/admin/users', { username: bobName, password: bobPassword, displayName: 'Bob Sharee' })).status).toBe(201);

    const owner = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const { page, assertQuiet } = await openPage(owner);
    await signIn(page);
    await page.getByTestId('upload-folder').setInputFiles(join(fixtures, 'Holiday'));
    await expect.poll(() => page.getByRole('region', { name: 'Uploads' }).getByRole('status').textContent(), { timeout: 60_000 })
      .toContain('3 of 3 files uploaded');

    const dialog = await openShareDialog(page, 'Holiday');
    const newLink = dialog.getByRole('form', { name: 'New public link' });
    const before = await adminApi('GET', '/api/admin/sharing-policy');
    const policy = (await before.json()) as Record<string, unknown>;
    try {
      // The admin wants passwords: the server's reason shows in the dialog.
      await setPolicy({ ...policy, passwordRequired: true });
      await newLink.getByLabel('Label').fill('for the family');
      await newLink.getByRole('button', { name: 'Create link' }).click();
      await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('Links need a password.');
      await newLink.getByLabel('Password', { exact: true }).fill('sunny-beach');
      await newLink.getByRole('button', { name: 'Create link' }).click();
    } finally {
      await setPolicy(policy);
    }
    const link = dialog.getByRole('article', { name: 'Link for the family' });
    await link.waitFor();
    expect(await link.textContent()).toContain('password');
    const url = await link.getByLabel('Link address').inputValue();
    expect(url).toMatch(new RegExp(`^${server.url}/index\\.php/s/[A-Za-z0-9_-]{32}$`));
    await link.getByRole('button', { name: 'Copy link' }).click();
    await dialog.getByText('Link copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

    // Share with B through the autocomplete, with the keyboard.
    const search = dialog.getByRole('combobox', { name: 'Share with' });
    await search.fill(bobName.slice(0, 8));
    await dialog.getByRole('option', { name: new RegExp(bobName) }).waitFor();
    await search.press('ArrowDown');
    await search.press('ArrowUp');
    const highlighted = await search.getAttribute('aria-activedescendant');
    expect(await dialog.locator(`#${highlighted}`).textContent()).toContain(bobName);
    await search.press('Enter');
    expect(await search.inputValue()).toBe('Bob Sharee');
    await dialog.getByLabel('Can edit').check();
    await dialog.getByRole('button', { name: 'Share', exact: true }).click();
    const sharedWith = dialog.getByRole('list', { name: 'Shared with' });
    await expect.poll(() => sharedWith.textContent()).toContain('Bob Sharee');
    expect(await sharedWith.textContent()).toContain('read, edit');
    await screenshot(page, 'share-dialog');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // A visitor who is not signed in.
    const visitor = await browser.newContext();
    const visit = await openPage(visitor);
    await visit.page.goto(url);
    await visit.page.getByRole('heading', { name: 'This link is protected' }).waitFor();
    await visit.page.getByLabel('Password').fill('cloudy-mountain');
    await visit.page.getByRole('button', { name: 'Open' }).click();
    await visit.page.getByRole('alert').getByText('Wrong password.').waitFor();
    expect(await visit.page.getByRole('table').count()).toBe(0);
    await visit.page.getByLabel('Password').fill('sunny-beach');
    await visit.page.getByRole('button', { name: 'Open' }).click();
    await visit.page.getByRole('heading', { name: 'for the family' }).waitFor();
    const listing = await visit.page.getByRole('table').textContent();
    for (const name of ['notes.txt', 'photo.png', 'day 2/']) expect(listing).toContain(name);
    await screenshot(visit.page, 'public-link-folder');

    const [download] = await Promise.all([
      visit.page.waitForEvent('download'),
      visit.page.getByRole('link', { name: 'Download all as zip' }).click(),
    ]);
    const zipped = unzip(readFileSync(await download.path()));
    const zippedFiles = [...zipped.keys()].filter((name) => !name.endsWith('/')).sort();
    expect(zippedFiles).toEqual([...files.keys()].sort());
    for (const [path, content] of files) expect(sha1(zipped.get(path) ?? ''), path).toBe(sha1(content));
    visit.assertQuiet();
    await visitor.close();

    // B finds the folder under "Shared with me" and opens it in Files.
    const bob = await browser.newContext();
    const bobPage = await openPage(bob);
    await signIn(bobPage.page, bobName, bobPassword);
    await bobPage.page.locator('header').getByRole('link', { name: 'Shared with me', exact: true }).click();
    const row = bobPage.page.getByRole('row', { name: /Holiday/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Browser Tester');
    expect(await row.textContent()).toContain('read, edit');
    await screenshot(bobPage.page, 'shared-with-me');
    await row.getByRole('link', { name: 'Holiday' }).click();
    await bobPage.page.getByRole('link', { name: 'notes.txt' }).waitFor();
    expect(decodeURIComponent(new URL(bobPage.page.url()).hash)).toBe('#/files/Shared with me/Holiday');
    bobPage.assertQuiet();
    await bob.close();

    // A sees both under "Shared by me".
    await page.locator('header').getByRole('link', { name: 'Shared by me' }).click();
    await page.getByRole('row', { name: /Public link “for the family”/ }).waitFor();
    await page.getByRole('row', { name: /Bob Sharee/ }).waitFor();
    // The one refusal is the link without a password that the policy turned down.
    assertQuiet('console: Failed to load resource: the server responded with a status of 400 ()');
    await owner.close();
  });
});
