/**
 * Hearth REST API client: the only module that talks to the server.
 * Its types are generated from the committed contract docs/api/openapi.json (`npm run generate`), which a
 * server test keeps equal to what the server answers.
 *
 * Spring Security CSRF: the server keeps the token in the `XSRF-TOKEN` cookie, and every
 * request that is not GET/HEAD must echo it in the `X-XSRF-TOKEN` header.
 */
import type { components } from './generated/api';
import { davFileUrl } from './lib/paths';
import type { UploadTransport } from './lib/uploader';

type Schemas = components['schemas'];

export type SessionUser = Schemas['SessionUser'];
/** A file or folder; `path` is within the user's files, e.g. "/Photos/2024/a.jpg"; `mtime` epoch seconds. */
export type FileEntry = Schemas['FileEntry'];
export type FolderListing = Schemas['FolderListing'];
/** An app password as the device list shows it; the secret itself is never listed. */
export type Device = Schemas['AppPassword'];
/** What one device (an app password, or a client known by its User-Agent) uploaded into one folder. */
export type BackupFolderStatus = Schemas['FolderStatus'];
/** A file on the phone: its path relative to the checked folder (may contain "/"), and its size in bytes. */
export type BackupFile = Schemas['Expected'];
/** The server's answer to a check: how many files matched, and which did not. */
export type BackupComparison = Schemas['Comparison'];
export type Credentials = Schemas['Credentials'];
export type TrashEntry = Schemas['TrashEntry'];
export type TrashListing = Schemas['TrashListing'];
export type Version = Schemas['Version'];
export type VersionListing = Schemas['VersionListing'];

/** A non-2xx answer from the server. */
export class ApiError extends Error {
  readonly status: number;
  /** The server's own explanation (its JSON answer's `message`), when it gave one. */
  readonly reason: string | undefined;

  constructor(status: number, reason?: string) {
    super(reason ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.reason = reason;
  }
}

export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'X-XSRF-TOKEN';

/** Value of cookie `name` in a `document.cookie`-style string, or null. */
export function readCookie(cookies: string, name: string): string | null {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    if (value === '') return null;
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return null;
}

function csrfToken(): string | null {
  return typeof document === 'undefined' ? null : readCookie(document.cookie, CSRF_COOKIE);
}

// Relative URLs: they resolve against the page, so the app also works under a context path.
const SESSION = 'api/session';
const FILES = 'api/files';
const APP_PASSWORDS = 'api/app-passwords';
const BACKUP_STATUS = 'api/backup-status';
const TRASH = 'api/trash';
const VERSIONS = 'api/versions';

async function request<T>(method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    // Tells Spring Security this is an XHR-style call, so a 401 carries no
    // `WWW-Authenticate: Basic` challenge that would pop up the browser's login dialog.
    'X-Requested-With': 'XMLHttpRequest',
  };
  if (method !== 'GET' && method !== 'HEAD') {
    let token = csrfToken();
    if (token === null) {
      // The cookie is set (and rotated after sign-in) by the server; a GET fetches a fresh one.
      await (await fetch(SESSION, { headers, credentials: 'same-origin', signal })).text();
      token = csrfToken();
    }
    if (token !== null) headers[CSRF_HEADER] = token;
  }
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    signal,
  });
  // Always read the body to its end, so the browser does not report the request as aborted.
  const text = await response.text();
  if (!response.ok) throw new ApiError(response.status, serverMessage(text));
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/**
 * The signed-in user, or null when not signed in (401, or an empty 204 answer).
 * Call on start-up: it also makes the server set the CSRF cookie.
 */
export async function getSession(signal?: AbortSignal): Promise<SessionUser | null> {
  try {
    return (await request<SessionUser | undefined>('GET', SESSION, undefined, signal)) ?? null;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/** Signs in; throws ApiError 401 (wrong credentials) or 429 (throttled). */
export function signIn(credentials: Credentials): Promise<SessionUser> {
  return request<SessionUser>('POST', SESSION, credentials);
}

export async function signOut(): Promise<void> {
  await request<void>('DELETE', SESSION);
}

/** Lists a folder; throws ApiError 404 if it does not exist, 401 if not signed in. */
export function listFiles(path: string, signal?: AbortSignal): Promise<FolderListing> {
  return request<FolderListing>('GET', `${FILES}?path=${encodeURIComponent(path)}`, undefined, signal);
}

/** Download URL of a file (WebDAV GET, authorised by the session cookie). */
export function downloadUrl(username: string, path: string): string {
  return davFileUrl(username, path);
}

/**
 * URL of a file's square preview (`size` pixels; the server rounds up to 64, 256 or 1024). The etag in the URL makes
 * a changed file a new URL, since the server lets the browser keep a preview for a day.
 */
export function previewUrl(entry: Pick<FileEntry, 'fileId' | 'etag'>, size: number): string {
  return `api/previews/${entry.fileId}?size=${size}&etag=${encodeURIComponent(entry.etag)}`;
}

/** The signed-in user's devices, newest first. */
export function listDevices(signal?: AbortSignal): Promise<Device[]> {
  return request<Device[]>('GET', APP_PASSWORDS, undefined, signal);
}

/** Revokes a device's app password: its next request is refused. Throws ApiError 404 if it is already gone. */
export async function revokeDevice(id: number): Promise<void> {
  await request<void>('DELETE', `${APP_PASSWORDS}/${encodeURIComponent(String(id))}`);
}

/** What each device uploaded into each folder, newest upload first. */
export function backupStatus(signal?: AbortSignal): Promise<BackupFolderStatus[]> {
  return request<BackupFolderStatus[]>('GET', BACKUP_STATUS, undefined, signal);
}

/** The most files the server accepts in one check. */
export const MAX_CHECKED_FILES = 100_000;

/**
 * Compares a phone's files (names and sizes only) with what lies in `folder` on the server.
 * Throws ApiError 400 for an invalid folder name or more than MAX_CHECKED_FILES files.
 */
export function checkBackup(folder: string, files: readonly BackupFile[], signal?: AbortSignal): Promise<BackupComparison> {
  return request<BackupComparison>('POST', `${BACKUP_STATUS}/check`, { folder, files }, signal);
}

// ---- trash and versions

/** A page of the trash, newest deletion first, with the totals of the whole trash. */
export function listTrash(offset: number, limit: number, signal?: AbortSignal): Promise<TrashListing> {
  return request<TrashListing>('GET', `${TRASH}?offset=${offset}&limit=${limit}`, undefined, signal);
}

/**
 * Puts an item back where it was (missing folders are recreated; a taken name gets " (restored)").
 * Throws ApiError 409 when its content was lost on disk, 507 when the quota cannot hold it.
 */
export function restoreTrashItem(id: number): Promise<Schemas['Restored']> {
  return request<Schemas['Restored']>('POST', `${TRASH}/${id}/restore`);
}

/** Deletes one item for good. */
export async function purgeTrashItem(id: number): Promise<void> {
  await request<void>('DELETE', `${TRASH}/${id}`);
}

/** Deletes everything in the trash for good. */
export async function emptyTrash(): Promise<void> {
  await request<void>('DELETE', TRASH);
}

/** A file's current state and its older versions, newest first. */
export function listVersions(fileId: number, signal?: AbortSignal): Promise<VersionListing> {
  return request<VersionListing>('GET', `${VERSIONS}/${fileId}`, undefined, signal);
}

/** Download URL of one version's content. */
export function versionDownloadUrl(fileId: number, versionId: number): string {
  return `${VERSIONS}/${fileId}/${versionId}`;
}

/** Makes a version the current content; the content it replaces is kept as a version in turn. */
export async function restoreVersion(fileId: number, versionId: number): Promise<void> {
  await request<unknown>('POST', `${VERSIONS}/${fileId}/${versionId}/restore`);
}

/** Names a version (an empty label removes the name); named versions are never expired. */
export async function labelVersion(fileId: number, versionId: number, label: string): Promise<void> {
  await request<unknown>('PUT', `${VERSIONS}/${fileId}/${versionId}/label`, { label });
}

export async function deleteVersion(fileId: number, versionId: number): Promise<void> {
  await request<void>('DELETE', `${VERSIONS}/${fileId}/${versionId}`);
}

// ---- own account and user administration

export type UserAccount = Schemas['UserAccount'];
export type NewUser = Schemas['NewUser'];
export type UserChange = Schemas['UserChange'];

/** Changes the signed-in user's password; throws ApiError 403 when the current password is wrong, 400 when the new one is too short. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await request<void>('PUT', 'api/account/password', { currentPassword, newPassword });
}

const USERS = 'api/admin/users';

export function listUsers(signal?: AbortSignal): Promise<UserAccount[]> {
  return request<UserAccount[]>('GET', USERS, undefined, signal);
}

/** Throws ApiError 409 when the name is taken, 400 for an invalid name or a password that is too short. */
export function createUser(user: NewUser): Promise<UserAccount> {
  return request<UserAccount>('POST', USERS, user);
}

export function changeUser(username: string, change: UserChange): Promise<UserAccount> {
  return request<UserAccount>('PATCH', `${USERS}/${encodeURIComponent(username)}`, change);
}

/** Deletes the account with all its files, versions and trash. */
export async function deleteUser(username: string): Promise<void> {
  await request<void>('DELETE', `${USERS}/${encodeURIComponent(username)}`);
}

// ---- Files page: file operations, quota and uploads (docs/adr/0009-web-uploads.md) ----

/** The user's used bytes and what they may still store; together the size of their drive. */
export type Quota = Schemas['Quota'];
/** An open chunked upload and the parts the server holds. */
export type UploadState = Schemas['UploadState'];

const UPLOADS = 'api/uploads';

function pathQuery(path: string): string {
  return `path=${encodeURIComponent(path)}`;
}

/** Creates a folder; throws ApiError 409 when the name is taken or the parent is missing. */
export function createFolder(path: string): Promise<FileEntry> {
  return request<FileEntry>('POST', `${FILES}/folder?${pathQuery(path)}`);
}

/** Moves a file or folder to the owner's trash. */
export async function deleteEntry(path: string): Promise<void> {
  await request<void>('DELETE', `${FILES}?${pathQuery(path)}`);
}

/** Moves or renames; throws ApiError 412 when `to` exists and `overwrite` is not set. */
export function moveEntry(from: string, to: string, overwrite = false): Promise<FileEntry> {
  return request<FileEntry>('POST', `${FILES}/move`, { from, to, overwrite });
}

/** Copies a file or a whole folder; throws ApiError 412 when `to` exists and `overwrite` is not set. */
export function copyEntry(from: string, to: string, overwrite = false): Promise<FileEntry> {
  return request<FileEntry>('POST', `${FILES}/copy`, { from, to, overwrite });
}

/**
 * Sends a body with upload progress, which fetch cannot report: XMLHttpRequest, with the same CSRF header as
 * `request`. Resolves with the answer's text; throws ApiError with the server's message on a refusal.
 */
async function sendBody(
  method: string,
  url: string,
  body: Blob,
  headers: Record<string, string>,
  onProgress: (sent: number) => void,
  signal: AbortSignal,
): Promise<string> {
  if (csrfToken() === null) await getSession(signal);
  const token = csrfToken();
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    if (token !== null) xhr.setRequestHeader(CSRF_HEADER, token);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(xhr.responseText);
      else reject(new ApiError(xhr.status, serverMessage(xhr.responseText)));
    };
    xhr.onerror = () => reject(new Error('The connection to the server was lost.'));
    xhr.onabort = () => reject(new DOMException('Upload paused', 'AbortError'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    if (signal.aborted) xhr.abort();
    else xhr.send(body);
  });
}

/** The `message` of the server's JSON error answer, if it has one. */
function serverMessage(text: string): string | undefined {
  try {
    const message: unknown = JSON.parse(text)?.message;
    return typeof message === 'string' ? message : undefined;
  } catch {
    return undefined;
  }
}

/** Uploads a whole file; unless `replace`, an existing file is left alone (ApiError 412). */
export async function uploadFile(
  path: string,
  file: Blob,
  options: { replace: boolean; mtime: number },
  onProgress: (sent: number) => void,
  signal: AbortSignal,
): Promise<void> {
  const headers: Record<string, string> = options.replace ? {} : { 'If-None-Match': '*' };
  await sendBody('PUT', `${FILES}/content?${pathQuery(path)}&mtime=${options.mtime}`, file, headers, onProgress, signal);
}

/** Opens a chunked upload of `totalLength` bytes to `path`; ApiError 507 when it exceeds the quota. */
export function openUpload(path: string, totalLength: number, signal?: AbortSignal): Promise<UploadState> {
  return request<UploadState>('POST', UPLOADS, { path, totalLength }, signal);
}

/** An open upload with the parts the server holds, or null when it is gone (finished, aborted or expired). */
export async function uploadState(uploadId: string, signal?: AbortSignal): Promise<UploadState | null> {
  try {
    return await request<UploadState>('GET', `${UPLOADS}/${encodeURIComponent(uploadId)}`, undefined, signal);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

export async function putUploadPart(
  uploadId: string,
  part: string,
  body: Blob,
  onProgress: (sent: number) => void,
  signal: AbortSignal,
): Promise<void> {
  await sendBody('PUT', `${UPLOADS}/${encodeURIComponent(uploadId)}/${encodeURIComponent(part)}`, body, {}, onProgress, signal);
}

/** Joins the parts into the file; unless `overwrite`, an existing file is left alone (ApiError 412). */
export async function assembleUpload(uploadId: string, options: { overwrite: boolean; mtime: number }, signal?: AbortSignal): Promise<void> {
  await request<void>('POST', `${UPLOADS}/${encodeURIComponent(uploadId)}/assemble`, options, signal);
}

/** The upload queue's way to the server (src/lib/uploader.ts). */
export const uploadTransport: UploadTransport = {
  async names(folder) {
    try {
      return new Set((await listFiles(folder)).entries.map((entry) => entry.name));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return new Set();
      throw e;
    }
  },
  async createFolder(path) {
    try {
      await createFolder(path);
    } catch (e) {
      // Someone (another tab, a synced device) made it first: the files go into it all the same.
      if (!(e instanceof ApiError && e.status === 409)) throw e;
    }
  },
  putFile: (path, file, replace, mtime, onProgress, signal) => uploadFile(path, file, { replace, mtime }, onProgress, signal),
  openUpload: async (path, size, signal) => (await openUpload(path, size, signal)).uploadId,
  uploadedParts: async (uploadId, signal) => (await uploadState(uploadId, signal))?.parts ?? null,
  putPart: putUploadPart,
  assemble: (uploadId, overwrite, mtime, signal) => assembleUpload(uploadId, { overwrite, mtime }, signal),
};

// ---- shares and public links (the Share dialog, "Shared with me", "Shared by me")

/** A share as the signed-in user sees it; `permissions` are Nextcloud's bits (see src/lib/shares.ts). */
export type Share = Schemas['ShareEntry'];
export type NewShare = Schemas['ShareRequest'];
export type ShareChange = Schemas['ShareUpdate'];
/** A user or group the autocomplete offers. */
export type Sharee = Schemas['ShareeEntry'];

const SHARES = 'api/shares';

/** The shares of one file or folder, made by its owner or anyone resharing it. */
export function listShares(path: string, signal?: AbortSignal): Promise<Share[]> {
  return request<Share[]>('GET', `${SHARES}?${pathQuery(path)}`, undefined, signal);
}

export function sharedWithMe(signal?: AbortSignal): Promise<Share[]> {
  return request<Share[]>('GET', `${SHARES}/shared-with-me`, undefined, signal);
}

export function sharedByMe(signal?: AbortSignal): Promise<Share[]> {
  return request<Share[]>('GET', `${SHARES}/shared-by-me`, undefined, signal);
}

/** Throws ApiError 400/403 with the server's reason (e.g. the admin's policy wants a password) as its message. */
export function createShare(share: NewShare): Promise<Share> {
  return request<Share>('POST', SHARES, share);
}

export function updateShare(id: number, change: ShareChange): Promise<Share> {
  return request<Share>('PATCH', `${SHARES}/${id}`, change);
}

/** Removes a share the user made, or leaves one they received. */
export async function deleteShare(id: number): Promise<void> {
  await request<void>('DELETE', `${SHARES}/${id}`);
}

export function searchSharees(term: string, signal?: AbortSignal): Promise<Sharee[]> {
  return request<Sharee[]>('GET', `api/sharees?search=${encodeURIComponent(term)}`, undefined, signal);
}

/** A zip of the chosen files and folders, streamed by the server; the browser downloads it with the session cookie. */
export function zipUrl(paths: readonly string[]): string {
  return `${FILES}/zip?${paths.map(pathQuery).join('&')}`;
}

// ---- administration: groups, settings, background jobs (docs/adr/0011-admin-jobs-and-settings.md) ----

export type Group = Schemas['Group'];
export type SharingPolicy = Schemas['SharingPolicy'];
/** Ages in seconds; `versionsMaxAgeSeconds` 0 for no limit. */
export type RetentionPolicy = Schemas['RetentionPolicy'];
export type AdminJob = Schemas['AdminJob'];
export type AdminJobKind = AdminJob['kind'];

const GROUPS = 'api/admin/groups';

export function listGroups(signal?: AbortSignal): Promise<Group[]> {
  return request<Group[]>('GET', GROUPS, undefined, signal);
}

/** Throws ApiError 409 when the name is taken, 400 for an invalid name. */
export function createGroup(name: string): Promise<Group> {
  return request<Group>('POST', GROUPS, { name });
}

export async function deleteGroup(name: string): Promise<void> {
  await request<void>('DELETE', `${GROUPS}/${encodeURIComponent(name)}`);
}

export function groupMembers(name: string, signal?: AbortSignal): Promise<string[]> {
  return request<string[]>('GET', `${GROUPS}/${encodeURIComponent(name)}/members`, undefined, signal);
}

/** Throws ApiError 404 when there is no such user. */
export async function addGroupMember(name: string, username: string): Promise<void> {
  await request<void>('PUT', `${GROUPS}/${encodeURIComponent(name)}/members/${encodeURIComponent(username)}`);
}

export async function removeGroupMember(name: string, username: string): Promise<void> {
  await request<void>('DELETE', `${GROUPS}/${encodeURIComponent(name)}/members/${encodeURIComponent(username)}`);
}

export function getSharingPolicy(signal?: AbortSignal): Promise<SharingPolicy> {
  return request<SharingPolicy>('GET', 'api/admin/sharing-policy', undefined, signal);
}

/** Throws ApiError 400 when the values do not fit together. */
export function putSharingPolicy(policy: SharingPolicy): Promise<SharingPolicy> {
  return request<SharingPolicy>('PUT', 'api/admin/sharing-policy', policy);
}

export function getRetention(signal?: AbortSignal): Promise<RetentionPolicy> {
  return request<RetentionPolicy>('GET', 'api/admin/retention', undefined, signal);
}

/** Throws ApiError 400 when the values do not fit together. */
export function putRetention(policy: RetentionPolicy): Promise<RetentionPolicy> {
  return request<RetentionPolicy>('PUT', 'api/admin/retention', policy);
}

const JOBS = 'api/admin/jobs';

export function listJobs(signal?: AbortSignal): Promise<AdminJob[]> {
  return request<AdminJob[]>('GET', JOBS, undefined, signal);
}

/** Starts a job, or returns the run of that kind that is already going. */
export function startJob(kind: AdminJobKind): Promise<AdminJob> {
  return request<AdminJob>('POST', JOBS, { kind });
}
