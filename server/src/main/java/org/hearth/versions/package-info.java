/**
 * File versions for people: Nextcloud's versions DAV tree ({@code versions.dav}), the web app's REST API
 * ({@code versions.web}) and the hourly expiry ({@code versions.internal}). Capture, restore and retention are
 * {@link org.hearth.storage.VersionService}'s and {@link org.hearth.storage.StorageService}'s: every overwrite keeps
 * a version whichever protocol made it, and these adapters only translate.
 */
package org.hearth.versions;
