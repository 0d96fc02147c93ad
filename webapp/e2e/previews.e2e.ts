import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { dav, launch, openPage, screenshot, server, signIn } from './harness';
import { png } from './images';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

describe('previews', () => {
  test('the grid and the list show thumbnails of images and icons for other files', async () => {
    expect((await dav('MKCOL', '/Pictures')).status).toBe(201);
    expect((await dav('PUT', '/Pictures/sunset.png', png(400, 300, [230, 90, 20]))).status).toBe(201);
    expect((await dav('PUT', '/Pictures/notes.txt', 'not a picture')).status).toBe(201);
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const { page, assertQuiet } = await openPage(context);
    await signIn(page);
    await page.goto(`${server.url}/#/files/Pictures`);
    await page.getByRole('button', { name: 'Grid' }).click();

    const thumbnail = page.locator('[role=gridcell]', { hasText: 'sunset.png' }).locator('img.thumbnail');
    await thumbnail.waitFor();
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(256);
    expect(await thumbnail.getAttribute('loading')).toBe('lazy');
    const notes = page.locator('[role=gridcell]', { hasText: 'notes.txt' });
    expect(await notes.locator('img').count()).toBe(0);
    expect(await notes.locator('svg.icon').count()).toBe(1);
    await screenshot(page, 'files-grid-previews');

    await page.getByRole('button', { name: 'List' }).click();
    const small = page.locator('[role=gridcell]', { hasText: 'sunset.png' }).locator('img.thumbnail');
    await expect.poll(() => small.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64);
    assertQuiet();
    await context.close();
  });
});
