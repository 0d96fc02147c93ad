/**
 * WebDAV at {@code /remote.php/dav/files/{user}/} and {@code /remote.php/webdav/}: thin adapters from DAV methods to
 * {@link org.hearth.storage.StorageService}, dispatched by Milton. No permission or file logic lives here.
 */
package org.hearth.dav;
