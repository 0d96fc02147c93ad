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

/** Text shown on the devices page when loading or revoking failed (401 is handled by signing out). */
export function devicesErrorMessage(error: unknown): string {
  if (error instanceof ApiError) return `The server refused (error ${error.status}), try again.`;
  return 'Cannot reach the server, check your connection.';
}
