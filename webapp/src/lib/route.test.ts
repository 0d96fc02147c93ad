import { describe, expect, it } from 'vitest';
import {
  accountHash,
  adminGroupsHash,
  adminJobsHash,
  adminSettingsHash,
  adminUsersHash,
  backupsHash,
  devicesHash,
  filesHash,
  loginHash,
  parseRoute,
  sharedByMeHash,
  sharedWithMeHash,
  trashHash,
  versionsHash,
} from './route';

describe('parseRoute', () => {
  it('recognises the login page', () => {
    expect(parseRoute('#/login')).toEqual({ page: 'login' });
  });

  it('recognises the devices page, and builds its hash', () => {
    expect(parseRoute(devicesHash())).toEqual({ page: 'devices' });
    expect(parseRoute('#/devices/x')).toEqual({ page: 'files', path: '/' });
  });

  it('recognises the backups page, and builds its hash', () => {
    expect(backupsHash()).toBe('#/backups');
    expect(parseRoute(backupsHash())).toEqual({ page: 'backups' });
    expect(parseRoute('#/backups/x')).toEqual({ page: 'files', path: '/' });
  });

  it('treats an empty or unknown hash as the root folder', () => {
    expect(parseRoute('')).toEqual({ page: 'files', path: '/' });
    expect(parseRoute('#')).toEqual({ page: 'files', path: '/' });
    expect(parseRoute('#/nope')).toEqual({ page: 'files', path: '/' });
    expect(parseRoute('#/files')).toEqual({ page: 'files', path: '/' });
    expect(parseRoute('#/files/')).toEqual({ page: 'files', path: '/' });
  });

  it('decodes folder paths', () => {
    expect(parseRoute('#/files/Photos/2024')).toEqual({ page: 'files', path: '/Photos/2024' });
    expect(parseRoute('#/files/My%20Docs/100%25%20%231')).toEqual({ page: 'files', path: '/My Docs/100% #1' });
  });

  it('keeps a malformed escape as typed', () => {
    expect(parseRoute('#/files/50%off')).toEqual({ page: 'files', path: '/50%off' });
  });

  it('never lets an encoded slash split a segment', () => {
    expect(parseRoute('#/files/a%2Fb/c')).toEqual({ page: 'files', path: '/c' });
  });
});

describe('filesHash', () => {
  it('builds hashes that parse back to the same path', () => {
    for (const path of ['/', '/Photos', '/My Docs/100% #1 + more', '/Größe/日本/🏠', '/a?b&c=d']) {
      const hash = filesHash(path);
      expect(hash.startsWith('#/files/')).toBe(true);
      expect(parseRoute(hash)).toEqual({ page: 'files', path });
    }
  });

  it('survives the browser URL parser', () => {
    const url = new URL(filesHash('/Größe/a b#c'), 'https://cloud.example/');
    expect(parseRoute(url.hash)).toEqual({ page: 'files', path: '/Größe/a b#c' });
  });

  it('has a login hash', () => {
    expect(loginHash()).toBe('#/login');
  });
});

describe('trash and versions routes', () => {
  it('parse back from their hashes', () => {
    expect(parseRoute(trashHash())).toEqual({ page: 'trash' });
    expect(parseRoute(versionsHash(4711))).toEqual({ page: 'versions', fileId: 4711 });
  });

  it('take only a numeric file id', () => {
    expect(parseRoute('#/versions/12x')).toEqual({ page: 'files', path: '/' });
    expect(parseRoute('#/versions/')).toEqual({ page: 'files', path: '/' });
  });
});

describe('account and admin routes', () => {
  it('parse back from their hashes', () => {
    expect(parseRoute(accountHash())).toEqual({ page: 'account' });
    expect(parseRoute(adminUsersHash())).toEqual({ page: 'adminUsers' });
    expect(parseRoute(adminGroupsHash())).toEqual({ page: 'adminGroups' });
    expect(parseRoute(adminSettingsHash())).toEqual({ page: 'adminSettings' });
    expect(parseRoute(adminJobsHash())).toEqual({ page: 'adminJobs' });
    expect(parseRoute('#/admin/jobs/1')).toEqual({ page: 'files', path: '/' });
    expect(parseRoute('#/admin')).toEqual({ page: 'files', path: '/' });
  });
});

describe('shared routes', () => {
  it('parse back from their hashes', () => {
    expect(parseRoute(sharedWithMeHash())).toEqual({ page: 'sharedWithMe' });
    expect(parseRoute(sharedByMeHash())).toEqual({ page: 'sharedByMe' });
    expect(parseRoute('#/shared')).toEqual({ page: 'files', path: '/' });
  });
});
