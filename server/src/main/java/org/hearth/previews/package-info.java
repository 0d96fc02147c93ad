/**
 * Image previews (thumbnails) of the files users can read (ADR 0010): which types have one, how big, and a disk
 * cache of derived files below the data folder's {@code .hearth/previews}, never in a user's tree. Every preview is
 * read through {@link org.hearth.storage.StorageService} as the caller, so the storage core's one access check
 * decides who sees it; this feature never checks a permission itself. Adapters: Nextcloud's
 * {@code /index.php/core/preview}, the Android thumbnail route and the web app's REST route ({@code previews.web});
 * public links serve previews from their own pages through the same service.
 */
package org.hearth.previews;
