package org.hearth.previews;

import java.io.InputStream;

/**
 * A preview ready to send: the cached file's bytes, its type ({@code image/jpeg}, or {@code image/png} when the
 * source has transparency) and an etag that changes when the file's content or the size asked for does.
 */
public record Preview(String mimeType, String etag, long length, Opener content) {

	/** Opens the cached bytes; the caller closes the stream. */
	@FunctionalInterface
	public interface Opener {

		InputStream open();
	}
}
