import { encodePath, normalizePath } from './paths';

/**
 * Hash routes, so the server needs no SPA fallback:
 *   #/login            sign-in page
 *   #/files/<path>     a folder, every segment percent-encoded
 *   #/devices          the signed-in user's devices (app passwords)
 *   #/backups          what the user's phones uploaded, and a check against a phone
 *   #/trash            deleted files and folders
 *   #/versions/<id>    the older versions of the file with that id
 *   #/account          the signed-in user's own account (password)
 *   #/admin/users      user administration (administrators only)
 *   #/shared/with-me   shares the user received
 *   #/shared/by-me     shares and links the user made
 *   #/admin/groups     groups and their members (administrators only)
 *   #/admin/settings   retention and link policy (administrators only)
 *   #/admin/jobs       background jobs with their progress (administrators only)
 */
export type Route =
  | { page: 'login' }
  | { page: 'devices' }
  | { page: 'backups' }
  | { page: 'trash' }
  | { page: 'account' }
  | { page: 'adminUsers' }
  | { page: 'sharedWithMe' }
  | { page: 'sharedByMe' }
  | { page: 'adminGroups' }
  | { page: 'adminSettings' }
  | { page: 'adminJobs' }
  | { page: 'versions'; fileId: number }
  | { page: 'files'; path: string };

export function loginHash(): string {
  return '#/login';
}

export function devicesHash(): string {
  return '#/devices';
}

export function backupsHash(): string {
  return '#/backups';
}

export function accountHash(): string {
  return '#/account';
}

export function adminUsersHash(): string {
  return '#/admin/users';
}

export function sharedWithMeHash(): string {
  return '#/shared/with-me';
}

export function sharedByMeHash(): string {
  return '#/shared/by-me';
}

export function adminGroupsHash(): string {
  return '#/admin/groups';
}

export function adminSettingsHash(): string {
  return '#/admin/settings';
}

export function adminJobsHash(): string {
  return '#/admin/jobs';
}

export function trashHash(): string {
  return '#/trash';
}

export function versionsHash(fileId: number): string {
  return `#/versions/${fileId}`;
}

export function filesHash(path: string): string {
  return '#/files/' + encodePath(path);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A malformed escape (e.g. a hand-typed "%"); keep the text as typed.
    return segment;
  }
}

/** Parses `location.hash`; anything unknown (including "") is the root folder. */
export function parseRoute(hash: string): Route {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  if (fragment === '/login') return { page: 'login' };
  if (fragment === '/devices') return { page: 'devices' };
  if (fragment === '/backups') return { page: 'backups' };
  if (fragment === '/trash') return { page: 'trash' };
  if (fragment === '/account') return { page: 'account' };
  if (fragment === '/admin/users') return { page: 'adminUsers' };
  if (fragment === '/shared/with-me') return { page: 'sharedWithMe' };
  if (fragment === '/shared/by-me') return { page: 'sharedByMe' };
  if (fragment === '/admin/groups') return { page: 'adminGroups' };
  if (fragment === '/admin/settings') return { page: 'adminSettings' };
  if (fragment === '/admin/jobs') return { page: 'adminJobs' };
  const version = /^\/versions\/(\d{1,15})$/.exec(fragment);
  if (version?.[1]) return { page: 'versions', fileId: Number(version[1]) };
  const match = /^\/files(?:\/(.*))?$/.exec(fragment);
  const rest = match?.[1] ?? '';
  // Split before decoding so an encoded "/" (%2F) cannot create a segment boundary...
  const segments = rest.split('/').filter((s) => s !== '').map(decodeSegment);
  // ...and drop any segment that decodes to something containing one.
  return { page: 'files', path: normalizePath(segments.filter((s) => !s.includes('/')).join('/')) };
}
