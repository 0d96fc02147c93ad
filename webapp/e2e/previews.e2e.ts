import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { crc32, deflateSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { dav, launch, openPage, screenshot, server, signIn } from './harness';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

/** A PNG of one colour, made here so no binary fixture is committed. */
function png(width: number, height: number, [r, g, b]: [number, number, number]): Uint8Array<ArrayBuffer> {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([r, g, b], 1 + x * 3);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  const file = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return new Uint8Array(file);
}

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
