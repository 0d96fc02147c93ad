import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { dav, launch, openPage, screenshot, server, signIn } from './harness';
import { unzip } from './zip';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

/** The cell of a listed entry, found by its exact name. */
function entry(page: Page, name: string) {
  return page.locator('[role=gridcell]').filter({ has: page.getByRole('checkbox', { name: `Select ${name}`, exact: true }) });
}

async function status(path: string): Promise<number> {
  return (await dav('GET', path)).status;
}

describe('files page', () => {
  test('new folder, rename, move by dialog and by drag-and-drop, delete to the trash, keyboard, grid and phone views', async () => {
    expect((await dav('MKCOL', '/Work')).status).toBe(201);
    expect((await dav('MKCOL', '/Archive')).status).toBe(201);
    for (const name of ['a.txt', 'b.txt', 'c.txt', 'report.txt']) {
      expect((await dav('PUT', `/Work/${name}`, `content of ${name}`)).status).toBe(201);
    }
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const { page, assertQuiet } = await openPage(context);
    await signIn(page);
    await page.goto(`${server.url}/#/files/Work`);
    await entry(page, 'report.txt').waitFor();
    await expect.poll(() => page.locator('meter[aria-label="Storage used"]').count()).toBe(1);
    await screenshot(page, 'files-list');

    await page.getByRole('button', { name: 'New folder' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('Inbox');
    await page.getByRole('button', { name: 'Create' }).click();
    await entry(page, 'Inbox').waitFor();

    await page.getByRole('checkbox', { name: 'Select a.txt' }).check();
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('alpha.txt');
    await page.getByRole('dialog').getByRole('button', { name: 'Rename' }).click();
    await entry(page, 'alpha.txt').waitFor();
    expect(await status('/Work/alpha.txt')).toBe(200);
    expect(await status('/Work/a.txt')).toBe(404);

    await page.getByRole('checkbox', { name: 'Select b.txt' }).check();
    await page.getByRole('button', { name: 'Move…' }).click();
    const picker = page.getByRole('dialog');
    await picker.getByRole('button', { name: 'Files' }).click();
    await picker.getByRole('button', { name: 'Archive' }).click();
    await picker.getByRole('button', { name: 'Move here' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Moved 1 item to Archive');
    expect(await status('/Archive/b.txt')).toBe(200);
    // The notice comes before the folder is listed again.
    await expect.poll(() => entry(page, 'b.txt').count()).toBe(0);

    await entry(page, 'c.txt').dragTo(entry(page, 'Inbox'));
    await expect.poll(() => status('/Work/Inbox/c.txt')).toBe(200);
    await expect.poll(() => entry(page, 'c.txt').count()).toBe(0);

    // Keyboard only: folders come first, so End reaches the last file; Space selects it, Delete trashes it.
    await page.getByRole('grid').focus();
    await page.keyboard.press('End');
    await page.keyboard.press('Space');
    await expect.poll(() => entry(page, 'report.txt').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Moved 1 item to the trash');
    expect(await status('/Work/report.txt')).toBe(404);
    const trash = await context.request.get(`${server.url}/api/trash`);
    expect(await trash.text()).toContain('report.txt');

    // Shift-click selects a range: Inbox (first) to alpha.txt (last).
    await page.getByRole('checkbox', { name: 'Select Inbox' }).click();
    await page.getByRole('checkbox', { name: 'Select alpha.txt' }).click({ modifiers: ['Shift'] });
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('2 selected');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Grid' }).click();
    await entry(page, 'alpha.txt').waitFor();
    await screenshot(page, 'files-grid');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'List' }).click();
    await screenshot(page, 'files-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'no sideways scrolling on a phone').toBeLessThanOrEqual(0);

    assertQuiet();
    await context.close();
  });

  test('a folder of 10,000 entries renders a window of rows and scrolls to the end', async () => {
    const entries = Array.from({ length: 10_000 }, (_, i) => ({
      name: `file ${i + 1}.txt`,
      path: `/Big/file ${i + 1}.txt`,
      fileId: i + 1,
      directory: false,
      size: i,
      mtime: 1_700_000_000 + i,
      etag: `e${i}`,
      mimeType: 'text/plain',
    }));
    const context = await browser.newContext();
    const { page, assertQuiet } = await openPage(context);
    await signIn(page);
    // The listing is served by the test: 10,000 real files would test the server, not the page.
    await page.route(/\/api\/files\?path=%2FBig$/, (route) =>
      route.fulfill({ json: { path: '/Big', entries, quota: { usedBytes: 1, availableBytes: 1 } } }),
    );
    const started = Date.now();
    await page.goto(`${server.url}/#/files/Big`);
    await entry(page, 'file 1.txt').waitFor();
    const shownAfter = Date.now() - started;
    expect(await page.getByRole('status').first().textContent()).toContain('10000 files');
    expect(await page.locator('[role=gridcell]').count()).toBeLessThan(100);

    await page.getByRole('grid').evaluate((grid) => (grid.scrollTop = grid.scrollHeight));
    await entry(page, 'file 10000.txt').waitFor();
    expect(await page.locator('[role=gridcell]').count()).toBeLessThan(100);
    await page.getByRole('button', { name: 'Grid' }).click();
    await page.getByRole('grid').evaluate((grid) => (grid.scrollTop = grid.scrollHeight / 2));
    await expect.poll(() => page.locator('[role=gridcell]').count()).toBeGreaterThan(0);
    expect(await page.locator('[role=gridcell]').count()).toBeLessThan(400);
    await page.getByRole('button', { name: 'List' }).click();
    console.log(`10,000 entries shown ${shownAfter} ms after navigation`);
    assertQuiet();
    await context.close();
  });

  test('a selection of a file and a folder downloads as one zip with the same bytes', async () => {
    const files: Record<string, string> = {
      'Zip/notes ü.txt': 'notes with an umlaut in the name',
      'Zip/Album/one.txt': 'one '.repeat(5_000),
      'Zip/Album/Deeper/two.txt': 'two',
    };
    for (const folder of ['/Zip', '/Zip/Album', '/Zip/Album/Deeper']) expect((await dav('MKCOL', folder)).status).toBe(201);
    for (const [path, content] of Object.entries(files)) expect((await dav('PUT', `/${path}`, content)).status).toBe(201);
    expect((await dav('PUT', '/Zip/left out.txt', 'not chosen')).status).toBe(201);
    const context = await browser.newContext({ acceptDownloads: true });
    const { page, assertQuiet } = await openPage(context);
    await signIn(page);
    await page.goto(`${server.url}/#/files/Zip`);
    await page.getByRole('checkbox', { name: 'Select notes ü.txt' }).check();
    await page.getByRole('checkbox', { name: 'Select Album' }).check();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download as zip' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('download.zip');
    const entries = unzip(readFileSync(await download.path()));
    const sha1 = (content: Buffer | string) => createHash('sha1').update(content).digest('hex');
    expect(new Map([...entries].map(([name, content]) => [name, name.endsWith('/') ? '' : sha1(content)]))).toEqual(
      new Map([
        ['notes ü.txt', sha1(files['Zip/notes ü.txt']!)],
        ['Album/', ''],
        ['Album/one.txt', sha1(files['Zip/Album/one.txt']!)],
        ['Album/Deeper/', ''],
        ['Album/Deeper/two.txt', sha1(files['Zip/Album/Deeper/two.txt']!)],
      ]),
    );
    assertQuiet();
    await context.close();
  });
});
