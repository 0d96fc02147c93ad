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
 * @param checksums {@code oc:checksums} as sent (e.g. {@code SHA1:ab12… MD5:…}), or {@code null}
 */
public record DavResource(String href, String path, String name, boolean directory, long size, Instant lastModified,
		String etag, String fileId, String checksums) {

	DavResource withPath(String newPath) {
		return new DavResource(href, newPath, newPath == null ? name : DavPaths.name(newPath), directory, size,
				lastModified, etag, fileId, checksums);
	}

	/** The lower-case hex SHA-1 from {@link #checksums()}, or null when the server did not give one. */
	public String sha1() {
		return checksum(checksums, "SHA1");
	}

	/** The value of one {@code TYPE:value} entry of a space-separated checksum list (lower case), or null. */
	public static String checksum(String list, String type) {
		if (list == null) {
			return null;
		}
		for (String token : list.trim().split("\\s+")) {
			int colon = token.indexOf(':');
			if (colon > 0 && token.substring(0, colon).equalsIgnoreCase(type) && colon < token.length() - 1) {
				return token.substring(colon + 1).toLowerCase(java.util.Locale.ROOT);
			}
		}
		return null;
	}
}
