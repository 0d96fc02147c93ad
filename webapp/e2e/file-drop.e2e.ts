import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { dav, launch, openPage, screenshot, server, sha1, signIn } from './harness';

let browser: Browser;
let fixtures: string;

beforeAll(async () => {
  browser = await launch();
  fixtures = mkdtempSync(join(tmpdir(), 'hearth-drop-'));
});

afterAll(async () => {
  await browser?.close();
  rmSync(fixtures, { recursive: true, force: true });
});

describe('file drop', () => {
  test('visitors of an upload-only link drop files with progress; the owner gets exactly those bytes and the visitors cannot list them', async () => {
    // One file above the drop page's 10 MB part size, so the resumable upload in parts is used too.
    const dropped = new Map<string, Buffer>([
      ['letter.txt', Buffer.from('Dear aunt, here are the photos.\n')],
      ['scan.pdf', Buffer.alloc(150_000, 'scan ')],
      ['video.mp4', Buffer.alloc(11 * 1024 * 1024 + 17, 'frame ')],
    ]);
    for (const [name, content] of dropped) writeFileSync(join(fixtures, name), content);
    const postcard = 'A postcard dragged onto the page.\n';
    expect((await dav('MKCOL', '/Inbox')).status).toBe(201);

    const owner = await browser.newContext();
    const { page, assertQuiet } = await openPage(owner);
    await signIn(page);
    // The toolbar's Share… button acts on the one selected row.
    await page.getByRole('checkbox', { name: 'Select Inbox', exact: true }).check();
    await page.getByRole('toolbar', { name: 'File actions' }).getByRole('button', { name: 'Share…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share “Inbox”' });
    const newLink = dialog.getByRole('form', { name: 'New public link' });
    await newLink.getByLabel('Label').fill('Photos for aunt');
    await newLink.getByLabel('Visitors may').selectOption({ label: 'Upload only (file drop)' });
    await newLink.getByRole('button', { name: 'Create link' }).click();
    const link = dialog.getByRole('article', { name: 'Link Photos for aunt' });
    await link.waitFor();
    expect(await link.textContent()).toContain('upload only');
    const url = await link.getByLabel('Link address').inputValue();
    const token = url.slice(url.lastIndexOf('/') + 1);
    await dialog.getByRole('button', { name: 'Close' }).click();

    const visitor = await browser.newContext();
    const visit = await openPage(visitor);
    await visit.page.goto(url);
    await visit.page.getByRole('heading', { name: 'Photos for aunt' }).waitFor();
    await visit.page.locator('#pick').setInputFiles([...dropped.keys()].map((name) => join(fixtures, name)));
    // And one more dragged onto the drop zone, as from the desktop.
    await visit.page.evaluate((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'postcard.txt'));
      document.getElementById('drop')?.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, postcard);
    dropped.set('postcard.txt', Buffer.from(postcard));
    const items = visit.page.locator('#uploads li');
    await expect.poll(() => items.count()).toBe(dropped.size);
    await expect.poll(async () => (await items.allTextContents()).filter((t) => t.endsWith(' done')).length, { timeout: 60_000 })
      .toBe(dropped.size);
    for (const bar of await visit.page.locator('#uploads progress').all()) {
      expect(Number(await bar.getAttribute('max'))).toBeGreaterThan(0);
      expect(await bar.evaluate((p: HTMLProgressElement) => p.value === p.max)).toBe(true);
    }
    await screenshot(visit.page, 'file-drop');

    // What the visitor can learn: nothing about what is in the folder.
    const page2 = await visitor.newPage();
    await page2.goto(url);
    expect(await page2.content()).not.toContain('letter.txt');
    const publicDav = `${server.url}/public.php/dav/files/${token}/`;
    const propfind = await visitor.request.fetch(publicDav, { method: 'PROPFIND', headers: { Depth: '1' } });
    // An upload-only link answers as if the folder were empty or not there at all.
    expect([207, 404]).toContain(propfind.status());
    const davListing = await propfind.text();
    for (const name of dropped.keys()) expect(davListing).not.toContain(name);
    expect((await visitor.request.get(`${publicDav}letter.txt`)).status()).toBe(404);
    expect((await visitor.request.get(`${url}/download`)).status()).not.toBe(200);
    visit.assertQuiet();
    await visitor.close();

    // The owner has exactly those files, with their sizes and bytes.
    const listing = await owner.request.get(`${server.url}/api/files?path=${encodeURIComponent('/Inbox')}`);
    const entries = ((await listing.json()) as { entries: { name: string; size: number }[] }).entries;
    expect(entries.map((e) => [e.name, e.size]).sort()).toEqual([...dropped].map(([name, content]) => [name, content.length]).sort());
    for (const [name, content] of dropped) {
      const stored = Buffer.from(await (await dav('GET', `/Inbox/${name}`)).arrayBuffer());
      expect(sha1(stored), name).toBe(sha1(content));
    }
    await page.goto(`${server.url}/#/files/Inbox`);
    await page.getByRole('link', { name: 'video.mp4' }).waitFor();
    assertQuiet();
    await owner.close();
  });
});
