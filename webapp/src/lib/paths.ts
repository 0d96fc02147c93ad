/**
 * Helpers for Hearth's user-relative file paths.
 *
 * A path is absolute within the signed-in user's files: "/" is the root,
 * "/Photos/2024" a folder below it. Paths never end in "/" (except the root).
 */

/** Splits a path into its segments, dropping empty and "." segments and resolving "..". */
export function pathSegments(path: string): string[] {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      out.pop();
      continue;
    }
    out.push(segment);
  }
  return out;
}

/** Canonical form: leading "/", no duplicate or trailing "/", no "." or "..". */
export function normalizePath(path: string): string {
  return '/' + pathSegments(path).join('/');
}

/** The folder containing `path`; the root is its own parent. */
export function parentPath(path: string): string {
  return '/' + pathSegments(path).slice(0, -1).join('/');
}

/** The last segment of `path`, or "" for the root. */
export function baseName(path: string): string {
  const segments = pathSegments(path);
  return segments[segments.length - 1] ?? '';
}

/** Appends one entry name to a folder path. */
export function joinPath(folder: string, name: string): string {
  return '/' + [...pathSegments(folder), name].join('/');
}

export interface Crumb {
  /** Text to show. */
  name: string;
  /** Folder the crumb leads to. */
  path: string;
}

/** Breadcrumbs from the root to `path`, inclusive; the first is the root labelled `rootLabel`. */
export function breadcrumbs(path: string, rootLabel = 'Files'): Crumb[] {
  const crumbs: Crumb[] = [{ name: rootLabel, path: '/' }];
  let current = '';
  for (const segment of pathSegments(path)) {
    current += '/' + segment;
    crumbs.push({ name: segment, path: current });
  }
  return crumbs;
}

/**
 * Percent-encodes every segment of `path` for use in a URL path or fragment and
 * joins them with "/". Reserved characters inside names ("#", "?", "%", "+", "/"
 * cannot occur) are escaped; non-ASCII characters become UTF-8 percent escapes.
 */
export function encodePath(path: string): string {
  return pathSegments(path).map(encodeURIComponent).join('/');
}

/**
 * URL of a file in Hearth's WebDAV tree; a GET on it with the session cookie downloads it.
 * Relative, so it resolves against the page (works at "/" and under a context path).
 */
export function davFileUrl(username: string, path: string): string {
  return `remote.php/dav/files/${encodeURIComponent(username)}/${encodePath(path)}`;
}

/** Why `name` cannot name a file or folder, or null when it can. */
export function nameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'Enter a name.';
  if (trimmed === '.' || trimmed === '..') return 'This name is reserved.';
  if (trimmed.includes('/')) return 'A name cannot contain “/”.';
  return null;
}

/** Whether `path` is `folder` or lies inside it (a folder cannot be moved into itself). */
export function isWithin(path: string, folder: string): boolean {
  const p = normalizePath(path);
  const f = normalizePath(folder);
  return p === f || f === '/' || p.startsWith(f + '/');
}
