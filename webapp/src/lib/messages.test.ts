import { describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import {
  actionErrorMessage,
  backupCheckErrorMessage,
  listingErrorMessage,
  requestErrorMessage,
  restoreErrorMessage,
  shareErrorMessage,
  signInErrorMessage,
} from './messages';

describe('signInErrorMessage', () => {
  it('maps the contract statuses to the required texts', () => {
    expect(signInErrorMessage(new ApiError(401))).toBe('Wrong username or password');
    expect(signInErrorMessage(new ApiError(429))).toBe('Too many attempts, wait and try again');
  });

  it('mentions other server errors and network failures', () => {
    expect(signInErrorMessage(new ApiError(500))).toContain('500');
    expect(signInErrorMessage(new TypeError('Failed to fetch'))).toMatch(/reach the server/);
  });
});

describe('listingErrorMessage', () => {
  it('explains a missing folder', () => {
    expect(listingErrorMessage(new ApiError(404))).toBe('This folder does not exist.');
  });
});

describe('requestErrorMessage', () => {
  it('mentions the status or the network', () => {
    expect(requestErrorMessage(new ApiError(500))).toContain('500');
    expect(requestErrorMessage(new TypeError('Failed to fetch'))).toMatch(/reach the server/);
  });
});

describe('backupCheckErrorMessage', () => {
  it('blames the folder name for a 400 and falls back to the general texts', () => {
    expect(backupCheckErrorMessage(new ApiError(400))).toMatch(/folder/);
    expect(backupCheckErrorMessage(new ApiError(503))).toContain('503');
    expect(backupCheckErrorMessage(new TypeError('Failed to fetch'))).toMatch(/reach the server/);
  });
});

describe('restoreErrorMessage', () => {
  it('explains lost content and a full quota, and falls back for the rest', () => {
    expect(restoreErrorMessage(new ApiError(409))).toMatch(/cannot be restored/);
    expect(restoreErrorMessage(new ApiError(507))).toMatch(/quota/);
    expect(restoreErrorMessage(new ApiError(500))).toBe(requestErrorMessage(new ApiError(500)));
  });
});

describe('actionErrorMessage', () => {
  it('names the common refusals of file operations', () => {
    expect(actionErrorMessage(new ApiError(412))).toMatch(/taken/);
    expect(actionErrorMessage(new ApiError(409))).toMatch(/taken/);
    expect(actionErrorMessage(new ApiError(507))).toMatch(/space/);
    expect(actionErrorMessage(new TypeError('Failed to fetch'))).toMatch(/connection/);
    expect(actionErrorMessage(new ApiError(500))).toMatch(/500/);
  });
});

describe('shareErrorMessage', () => {
  it("shows the server's reason as a sentence", () => {
    expect(shareErrorMessage(new ApiError(400, 'links need a password'))).toBe('Links need a password.');
  });

  it('falls back to the status without one', () => {
    expect(shareErrorMessage(new ApiError(404))).toBe('It is not there any more.');
    expect(shareErrorMessage(new ApiError(500))).toContain('500');
  });
});
