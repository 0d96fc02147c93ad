/**
 * The share dialog's rules that are not the server's: Nextcloud's permission bits as choices a person makes,
 * how a share is described in a list, and copying a link where the Clipboard API is missing (plain HTTP).
 */

export const READ = 1;
export const UPDATE = 2;
export const CREATE = 4;
export const DELETE = 8;
export const RESHARE = 16;

/** What visitors of a public link may do: view and download, also change and add, or only drop files. */
export type LinkAccess = 'read' | 'edit' | 'upload';

/** What the link form asks: `password` null keeps the current one, "" removes it; `expireDate` "" means none. */
export interface LinkValues {
  access: LinkAccess;
  password: string | null;
  expireDate: string;
  label: string;
  hideDownload: boolean;
}

/** The bits of a link's access; editing a file's link never creates or deletes anything. */
export function linkBits(access: LinkAccess, directory: boolean): number {
  if (access === 'upload') return CREATE;
  if (access === 'edit') return directory ? READ | UPDATE | CREATE | DELETE : READ | UPDATE;
  return READ;
}

export function linkAccess(bits: number): LinkAccess {
  if ((bits & READ) === 0) return 'upload';
  return (bits & UPDATE) !== 0 ? 'edit' : 'read';
}

/** The access choices a link to this kind of node offers; only a folder can take uploads. */
export function linkAccessChoices(directory: boolean): { value: LinkAccess; label: string }[] {
  const choices: { value: LinkAccess; label: string }[] = [
    { value: 'read', label: 'View and download' },
    { value: 'edit', label: 'View, download and edit' },
  ];
  if (directory) choices.push({ value: 'upload', label: 'Upload only (file drop)' });
  return choices;
}

/** What a person gets: always read, optionally edit (with create and delete in a folder) and reshare. */
export interface PersonRights {
  edit: boolean;
  reshare: boolean;
}

export function personBits(rights: PersonRights, directory: boolean): number {
  let bits = READ;
  if (rights.edit) bits |= directory ? UPDATE | CREATE | DELETE : UPDATE;
  if (rights.reshare) bits |= RESHARE;
  return bits;
}

export function personRights(bits: number): PersonRights {
  return { edit: (bits & UPDATE) !== 0, reshare: (bits & RESHARE) !== 0 };
}

/** "read", "read, edit, reshare", "upload only" and the like, for lists. */
export function describePermissions(bits: number): string {
  if ((bits & READ) === 0) return 'upload only';
  const words = ['read'];
  if ((bits & (UPDATE | CREATE | DELETE)) !== 0) words.push('edit');
  if ((bits & RESHARE) !== 0) words.push('reshare');
  return words.join(', ');
}

/** "expires 31 Jan 2099" for a `YYYY-MM-DD` date, or "no expiry". */
export function describeExpiry(expireDate: string | null | undefined, format?: Intl.DateTimeFormat): string {
  if (!expireDate) return 'no expiry';
  const [year, month, day] = expireDate.split('-').map(Number);
  if (!year || !month || !day) return `expires ${expireDate}`;
  const date = new Date(Date.UTC(year, month - 1, day));
  const shown = (format ?? new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' })).format(date);
  return `expires ${shown}`;
}

/** Where the Files page shows a shared node: the folder that holds it. */
export function containingFolder(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

/** The parts of the browser copying needs, so tests can stand in for them. */
export interface CopyEnvironment {
  clipboard?: { writeText(text: string): Promise<void> };
  /** Copies the text through a selected, hidden text field (`document.execCommand('copy')`). */
  legacyCopy(text: string): boolean;
}

/**
 * Copies text: the Clipboard API where the page may use it (HTTPS or localhost), otherwise the old way.
 * Resolves to whether it worked, so the dialog can ask the person to copy by hand.
 */
export async function copyText(text: string, environment: CopyEnvironment): Promise<boolean> {
  if (environment.clipboard) {
    try {
      await environment.clipboard.writeText(text);
      return true;
    } catch {
      // Refused (no permission, page not focused): the old way may still work.
    }
  }
  return environment.legacyCopy(text);
}

/** The browser's own copying, for `copyText`. */
export function browserCopyEnvironment(): CopyEnvironment {
  return {
    clipboard: window.isSecureContext ? navigator.clipboard : undefined,
    legacyCopy(text) {
      const field = document.createElement('textarea');
      field.value = text;
      field.setAttribute('readonly', '');
      field.style.position = 'fixed';
      field.style.opacity = '0';
      document.body.append(field);
      field.select();
      try {
        return document.execCommand('copy');
      } finally {
        field.remove();
      }
    },
  };
}
