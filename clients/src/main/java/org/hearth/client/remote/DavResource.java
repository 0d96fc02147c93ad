package org.hearth.client.remote;

import java.time.Instant;

/**
 * One file or folder as a PROPFIND answer describes it.
 *
 * @param href raw href from the server (percent-encoded)
 * @param path decoded path relative to the user's files root ({@code "/"} for the root), or {@code null} when the
 *     href lies outside it
 * @param name decoded last segment ({@code ""} for the root)
 * @param directory whether {@code d:resourcetype} holds {@code d:collection}
 * @param size bytes: {@code oc:size} when present (folders' recursive size), else {@code d:getcontentlength}; -1 unknown
 * @param lastModified {@code d:getlastmodified}, or {@code null}
 * @param etag {@code d:getetag} without quotes, or {@code null}
 * @param fileId {@code oc:fileid}, or {@code null}
 */
public record DavResource(String href, String path, String name, boolean directory, long size, Instant lastModified,
		String etag, String fileId) {

	DavResource withPath(String newPath) {
		return new DavResource(href, newPath, newPath == null ? name : DavPaths.name(newPath), directory, size,
				lastModified, etag, fileId);
	}
}
