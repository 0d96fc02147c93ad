import { ApiError } from '../api';

/** Text shown on the sign-in form when signing in failed. */
export function signInErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'Wrong username or password';
    if (error.status === 429) return 'Too many attempts, wait and try again';
    return `Sign-in failed (server error ${error.status})`;
  }
  return 'Cannot reach the server, check your connection';
}

/** Text shown instead of a folder listing when loading it failed (401 is handled by signing out). */
export function listingErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 404) return 'This folder does not exist.';
    if (error.status === 403) return 'You may not open this folder.';
    return `Could not load this folder (server error ${error.status}).`;
  }
  return 'Cannot reach the server, check your connection.';
}

/** Text shown on the devices and backups pages when a request failed (401 is handled by signing out). */
export function requestErrorMessage(error: unknown): string {
  if (error instanceof ApiError) return `The server refused (error ${error.status}), try again.`;
  return 'Cannot reach the server, check your connection.';
}

/** Text shown when checking a phone's files failed; 400 means the server could not use the folder name. */
export function backupCheckErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 400) return 'The server cannot check that folder: check its name.';
  return requestErrorMessage(error);
}

/** Text shown when restoring from the trash or a version failed. */
export function restoreErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 409) return 'Its content is gone from the server, so it cannot be restored.';
    if (error.status === 507) return 'Not enough space left in your quota to restore it.';
  }
  return requestErrorMessage(error);
}

/** Text shown when a file operation (new folder, rename, move, copy, delete, upload) failed. */
export function actionErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 409 || error.status === 412) return 'That name is taken here.';
    if (error.status === 403) return 'You may not change this.';
    if (error.status === 404) return 'It is not there any more; the folder was changed elsewhere.';
    if (error.status === 507) return 'Not enough space left.';
    if (error.status === 423) return 'It is locked by another client, try again later.';
    return requestErrorMessage(error);
  }
  return 'Cannot reach the server, check your connection.';
}

/** Text shown when sharing failed: the server's reason (e.g. "links need a password") when it gave one. */
export function shareErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.reason) return `${error.reason.charAt(0).toUpperCase()}${error.reason.slice(1)}.`;
    if (error.status === 404) return 'It is not there any more.';
  }
  return requestErrorMessage(error);
}
