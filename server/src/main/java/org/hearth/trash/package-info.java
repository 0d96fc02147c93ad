/**
 * The trash as users and admins reach it: Nextcloud's trashbin DAV collection ({@code trash.dav}), the web UI's
 * JSON API and the admin's expiry endpoint ({@code trash.web}) and the hourly expiry ({@code trash.internal}).
 * Capture (every delete moves into the trash) and every decision live in {@link org.hearth.storage.TrashService}
 * and {@link org.hearth.storage.StorageService}; this feature only translates.
 */
package org.hearth.trash;
