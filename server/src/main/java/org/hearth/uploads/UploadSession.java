package org.hearth.uploads;

/**
 * A chunked upload in progress.
 *
 * @param destination the {@code Destination} the client announced when it opened the session, or null
 * @param totalLength the total size the client announced, or -1
 * @param createdAt epoch seconds
 * @param touchedAt the last activity, epoch seconds
 */
public record UploadSession(long ownerId, String uploadId, String destination, long totalLength, long createdAt,
		long touchedAt) {
}
