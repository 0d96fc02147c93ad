/**
 * Chunked upload sessions (Nextcloud chunking v2): a client stages a file's parts, then asks for them to be
 * assembled into one file. Parts are kept by {@link org.hearth.storage.UploadStaging}; the finished file is written
 * through {@link org.hearth.storage.StorageService#write}, so quota, preconditions, versions and etags apply as for
 * any upload. Only the owner of a session may use it. The DAV adapter lives in {@code uploads.dav}.
 */
package org.hearth.uploads;
