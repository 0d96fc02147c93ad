import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, openPage, screenshot, server, signIn } from './harness';

let browser: Browser;
let fixtures: string;

beforeAll(async () => {
  browser = await launch();
  fixtures = mkdtempSync(join(tmpdir(), 'hearth-upload-'));
});

afterAll(async () => {
  await browser?.close();
  rmSync(fixtures, { recursive: true, force: true });
});

async function listing(context: BrowserContext, path: string): Promise<{ name: string; size: number }[]> {
  const answer = await context.request.get(`${server.url}/api/files?path=${encodeURIComponent(path)}`);
  expect(answer.status()).toBe(200);
  return ((await answer.json()) as { entries: { name: string; size: number }[] }).entries;
}

const BIG = 200 * 1024 * 1024;
const PARTS = 20;

/**
 * Drops a file made in the page (200 MB unless told) onto the files page, as the desktop would. The same bytes,
 * name and modification time every time, so a second drop is the same file to the resuming queue.
 */
async function dropBigFile(page: Page, name = 'big.bin', size = BIG): Promise<void> {
  await page.evaluate(([name, size]) => {
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i += 4096) bytes[i] = (i / 4096) & 0xff;
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], name, { lastModified: 1_700_000_000_000 }));
    const target = document.querySelector('main.files');
    target?.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, [name, size] as const);
}

/** Numbers of the parts whose upload the server accepted (201), as this page saw them. */
function countParts(page: Page): number[] {
  const accepted: number[] = [];
  page.on('requestfinished', async (request) => {
    const part = /\/api\/uploads\/[^/]+\/(\d+)$/.exec(request.url());
    if (request.method() === 'PUT' && part && (await request.response())?.status() === 201) accepted.push(Number(part[1]));
  });
  return accepted;
}

describe('uploads', () => {
  test('a folder of 50 files goes up with its folder, with progress, through the Upload folder button', async () => {
    const folder = join(fixtures, 'Camera');
    mkdirSync(folder);
    for (let i = 1; i <= 50; i++) writeFileSync(join(folder, `photo ${i}.jpg`), `photo number ${i} `.repeat(i * 20));
    const context = await browser.newContext();
    const { page, assertQuiet } = await openPage(context);
    await signIn(page);

    await page.getByTestId('upload-folder').setInputFiles(folder);
    await expect.poll(() => page.getByRole('region', { name: 'Uploads' }).getByRole('status').textContent(), { timeout: 60_000 })
      .toContain('50 of 50 files uploaded');
    await page.getByRole('link', { name: 'Camera' }).waitFor();
    await screenshot(page, 'upload-folder-done');
    const uploaded = await listing(context, '/Camera');
    expect(uploaded).toHaveLength(50);
    expect(uploaded.find((e) => e.name === 'photo 7.jpg')?.size).toBe('photo number 7 '.repeat(140).length);

    // The same folder again: one answer settles every conflict.
    await page.getByTestId('upload-folder').setInputFiles(folder);
    const conflict = page.getByRole('dialog');
    await conflict.getByText(/“photo \d+\.jpg” already exists/).waitFor();
    await conflict.getByLabel('Do this for all conflicts of this upload').check();
    await conflict.getByRole('button', { name: 'Keep both' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Uploads' }).getByRole('status').textContent(), { timeout: 60_000 })
      .toContain('100 of 100 files uploaded');
    const twice = await listing(context, '/Camera');
    expect(twice).toHaveLength(100);
    expect(twice.map((e) => e.name)).toContain('photo 50 (2).jpg');
    assertQuiet();
    await context.close();
  });

  test('a 200 MB file goes up in parts; after the page is closed mid-way, dropping it again sends only the missing parts, also across a pause', async () => {
    const context = await browser.newContext();
    const first = await openPage(context);
    await signIn(first.page);
    const sentBefore = countParts(first.page);
    await dropBigFile(first.page);
    await expect.poll(() => sentBefore.length, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(4);
    const panel = first.page.getByRole('region', { name: 'Uploads' });
    expect(await panel.getByRole('status').textContent()).toMatch(/of 200 MB/);
    expect(Number(await panel.getByRole('progressbar', { name: 'Total upload progress' }).getAttribute('value'))).toBeGreaterThan(0);
    await screenshot(first.page, 'upload-progress');
    first.assertQuiet();
    await first.page.close();
    const heldAtClose = [...sentBefore];
    expect(heldAtClose.length).toBeLessThan(PARTS);

    const second = await openPage(context);
    await second.page.goto(`${server.url}/#/files/`);
    await second.page.getByRole('button', { name: 'Sign out' }).waitFor();
    const sentAfter = countParts(second.page);
    await dropBigFile(second.page);
    // Pause and resume on the way: the part in flight is aborted and sent again, nothing else.
    const uploads = second.page.getByRole('region', { name: 'Uploads' });
    await expect.poll(() => sentAfter.length, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(1);
    await uploads.getByRole('button', { name: 'Pause' }).click();
    await uploads.getByText('paused').waitFor();
    await uploads.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => uploads.getByRole('status').textContent(), { timeout: 120_000 }).toContain('1 of 1 files uploaded');

    expect(sentAfter.filter((part) => heldAtClose.includes(part)), 'parts sent again').toEqual([]);
    expect(sentAfter.length).toBeLessThanOrEqual(PARTS - heldAtClose.length);
    expect(new Set(sentAfter).size, 'no part twice').toBe(sentAfter.length);
    // The server may hold whole a part whose answer the page never saw: the one in flight at the close or the pause.
    expect(new Set([...heldAtClose, ...sentAfter]).size).toBeGreaterThanOrEqual(PARTS - 2);
    const big = (await listing(context, '/')).find((e) => e.name === 'big.bin');
    expect(big?.size).toBe(BIG);
    second.assertQuiet();
    await context.close();
  });

  test('an upload goes on while the user looks at the trash, with its panel in view, and is done back in Files', async () => {
    const size = 250 * 1024 * 1024;
    const context = await browser.newContext();
    const { page, assertQuiet } = await openPage(context);
    await signIn(page);
    const sent = countParts(page);
    await dropBigFile(page, 'travel.bin', size);
    await expect.poll(() => sent.length, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(1);

    await page.getByRole('link', { name: 'Trash' }).click();
    await page.getByRole('heading', { name: 'Trash' }).waitFor();
    const panel = page.getByRole('region', { name: 'Uploads' });
    await panel.waitFor();
    const onArrival = sent.length;
    await expect.poll(() => sent.length, { timeout: 60_000, interval: 50 }).toBeGreaterThan(onArrival);
    expect(page.url()).toContain('#/trash');
    await screenshot(page, 'upload-on-trash-page');

    await page.getByRole('link', { name: 'Hearth' }).click();
    await expect.poll(() => panel.getByRole('status').textContent(), { timeout: 120_000 }).toContain('1 of 1 files uploaded');
    await page.getByRole('link', { name: 'travel.bin' }).waitFor();
    expect((await listing(context, '/')).find((e) => e.name === 'travel.bin')?.size).toBe(size);
    assertQuiet();
    await context.close();
  });
});
