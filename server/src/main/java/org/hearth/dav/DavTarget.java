package org.hearth.dav;

import java.nio.charset.StandardCharsets;

import org.hearth.storage.StoragePath;
import org.springframework.web.util.UriUtils;

/**
 * What a DAV URL points at: a path in one user's home, reached through one mount ({@code /remote.php/dav/files/alice}
 * or the legacy {@code /remote.php/webdav}).
 *
 * @param mountPrefix the URL path of the home, without trailing slash, as the client used it
 * @param username the home's owner
 * @param ownerId the owner's account id
 * @param path the path inside the home
 */
public record DavTarget(String mountPrefix, String username, long ownerId, StoragePath path) {

	public DavTarget withPath(StoragePath other) {
		return new DavTarget(mountPrefix, username, ownerId, other);
	}

	/** The percent-encoded href of a path in the same mount; collections end with a slash. */
	public String href(StoragePath node, boolean collection) {
		StringBuilder href = new StringBuilder(mountPrefix);
		for (String segment : node.segments()) {
			href.append('/').append(UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8));
		}
		if (collection || node.isRoot()) {
			href.append('/');
		}
		return href.toString();
	}
}
