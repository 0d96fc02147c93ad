package org.hearth.client.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import javax.xml.stream.XMLStreamException;

/**
 * Chunked upload v2 as Nextcloud servers implement it: {@code MKCOL /remote.php/dav/uploads/{user}/{id}}, one
 * {@code PUT …/{id}/{16-digit counter}} per chunk, then {@code MOVE …/{id}/.file} onto the destination, which
 * assembles the chunks and applies {@code X-OC-Mtime}, {@code OC-Checksum} and {@code If-Match}.
 *
 * <p><b>Resuming.</b> The upload id is derived from the destination, size and mtime, so running the same upload again
 * after an interruption finds the same session; a {@code PROPFIND Depth 1} on it lists the chunks already stored, and
 * only the missing or short ones are sent again. Changed content (other size or mtime) gets a new session.
 *
 * <p><b>Checksum in one pass.</b> The {@code OC-Checksum} goes on the final MOVE, after the bytes, so the file's SHA-1
 * is computed from the chunks as they are sent (chunks a previous run stored are read locally for it): a big file is
 * read once, not once to hash and once to send.
 */
public final class ChunkedUpload {

	private final HearthClient client;

	public ChunkedUpload(HearthClient client) {
		this.client = client;
	}

	/** Stable for the same destination and file version, different otherwise; safe as a single URL segment. */
	public static String uploadId(String remotePath, long size, Instant mtime) {
		String key = DavPaths.normalize(remotePath) + "\n" + size + "\n" + mtime.getEpochSecond();
		byte[] hash = Sha1.digest(key.getBytes(StandardCharsets.UTF_8));
		return "hearth-" + HexFormat.of().formatHex(hash, 0, 16);
	}

	/** Chunk names are a 16-digit zero-padded counter from 0, as the Nextcloud desktop client sends them. */
	public static String chunkName(int index) {
		return String.format("%016d", index);
	}

	/** Big files go in about this many chunks, within the smallest and largest chunk size. */
	static final int TARGET_CHUNKS = 20;

	private static final long MIB = 1024 * 1024;

	/**
	 * The chunk size for a file of {@code size} bytes: {@code smallest}, or for a big file a whole number of MiB that
	 * makes about {@link #TARGET_CHUNKS} chunks, up to {@code largest}. Each chunk is a request answered only once its
	 * bytes are stored, so fewer, larger chunks keep a fast link busy (the Nextcloud desktop client grows its chunks
	 * for the same reason); it depends on the size alone, so a resumed upload cuts the file the same way.
	 */
	public static long chunkSizeFor(long size, long smallest, long largest) {
		long even = (size + TARGET_CHUNKS - 1) / TARGET_CHUNKS;
		if (even <= smallest) {
			return smallest;
		}
		return Math.max(smallest, Math.min(largest, (even + MIB - 1) / MIB * MIB));
	}

	public static int chunkCount(long size, long chunkSize) {
		return (int) Math.max(1, (size + chunkSize - 1) / chunkSize);
	}

	static long chunkLength(int index, long size, long chunkSize) {
		return Math.min(chunkSize, size - index * chunkSize);
	}

	/**
	 * Indexes of the chunks a session listing already holds completely: a file whose name is the expected counter
	 * and whose length is exactly that chunk's length. A short chunk (cut off mid-transfer) is sent again.
	 */
	public static Set<Integer> completeChunks(List<DavResource> listing, long size, long chunkSize) {
		Set<Integer> complete = new HashSet<>();
		int count = chunkCount(size, chunkSize);
		for (DavResource r : listing) {
			if (r.directory() || r.name() == null || !r.name().matches("\\d{16}")) {
				continue;
			}
			long index = Long.parseLong(r.name());
			if (index < count && r.size() == chunkLength((int) index, size, chunkSize)) {
				complete.add((int) index);
			}
		}
		return complete;
	}

	/**
	 * Uploads {@code file} to {@code remotePath} in chunks of {@code chunkSize} bytes, reusing chunks a previous,
	 * interrupted run of the same upload left on the server.
	 *
	 * @param sha1Hex the file's SHA-1 if already known, or null; either way the SHA-1 of the bytes read while sending
	 *     goes as {@code OC-Checksum} on the final MOVE, so the server verifies the assembled file, and comes back
	 *     as {@link HearthClient.UploadResult#sentSha1()}. When it differs from {@code sha1Hex} (the file changed
	 *     while it was sent), the chunks are not assembled and the result is null.
	 * @param ifMatchEtag sent as {@code If-Match} on the final MOVE (412 if the destination changed), or null
	 */
	public HearthClient.UploadResult upload(Path file, String remotePath, long size, Instant mtime, String sha1Hex,
			String ifMatchEtag, long chunkSize, TransferListener listener) throws IOException, InterruptedException {
		if (chunkSize <= 0) {
			throw new IllegalArgumentException("chunk size must be positive");
		}
		String destination = DavPaths.normalize(remotePath);
		String id = uploadId(destination, size, mtime);
		Set<Integer> complete = openSession(id, destination, size, chunkSize);
		listener.started(size);
		int count = chunkCount(size, chunkSize);
		MessageDigest sent = Sha1.newDigest();
		for (int index = 0; index < count; index++) {
			long offset = index * chunkSize;
			long length = chunkLength(index, size, chunkSize);
			if (complete.contains(index)) {
				hashLocally(file, offset, length, sent);
			}
			else {
				sent = putChunk(file, id, index, offset, length, size, destination, sent, new TransferListener() {
					@Override
					public void transferred(long bytesSoFar) {
						listener.transferred(offset + bytesSoFar);
					}
				});
			}
			listener.transferred(offset + length);
		}
		String sentSha1 = HexFormat.of().formatHex(sent.digest());
		if (sha1Hex != null && !sha1Hex.equals(sentSha1)) {
			return null;
		}
		return assemble(id, destination, size, mtime, sentSha1, ifMatchEtag);
	}

	/** Feeds {@code length} bytes of the file from {@code offset} to {@code digest}. */
	private static void hashLocally(Path file, long offset, long length, MessageDigest digest) throws IOException {
		try (InputStream in = FileSliceInputStream.open(file, offset, length, digest)) {
			in.transferTo(OutputStream.nullOutputStream());
		}
	}

	/** The complete chunks of an existing session, or a new, empty session (MKCOL). */
	private Set<Integer> openSession(String id, String destination, long size, long chunkSize)
			throws IOException, InterruptedException {
		HttpRequest propfind = client.base(client.uploadsUri(id, null))
			.method("PROPFIND", BodyPublishers.ofString(HearthClient.PROPFIND_BODY, StandardCharsets.UTF_8))
			.header("Depth", "1")
			.header("Content-Type", "application/xml; charset=utf-8")
			.timeout(HearthClient.METADATA_TIMEOUT)
			.build();
		HttpResponse<InputStream> listing = client.send(propfind);
		if (listing.statusCode() == 207) {
			try (InputStream body = listing.body()) {
				return completeChunks(MultistatusParser.parse(body), size, chunkSize);
			}
			catch (XMLStreamException e) {
				throw new RemoteException(0, "unreadable PROPFIND answer for upload session " + id + ": "
						+ e.getMessage(), e);
			}
		}
		if (listing.statusCode() != 404) {
			throw client.error(listing, "PROPFIND", "upload session " + id);
		}
		HearthClient.readLimited(listing.body(), HearthClient.ERROR_BODY_LIMIT);
		HttpRequest mkcol = client.base(client.uploadsUri(id, null))
			.method("MKCOL", BodyPublishers.noBody())
			.header("OC-Total-Length", Long.toString(size))
			.header("Destination", client.davUri(destination).toString())
			.timeout(HearthClient.METADATA_TIMEOUT)
			.build();
		HttpResponse<InputStream> created = client.send(mkcol);
		// 405: another run created it in between, which is fine
		if (created.statusCode() != 201 && created.statusCode() != 405) {
			throw client.error(created, "MKCOL", "upload session " + id);
		}
		HearthClient.readLimited(created.body(), HearthClient.ERROR_BODY_LIMIT);
		return Set.of();
	}

	/**
	 * Sends one chunk. {@code before} holds the SHA-1 state of the bytes before it; returns that state continued
	 * over this chunk's bytes as they were read to be sent (a copy per attempt, as the body may be read again).
	 */
	private MessageDigest putChunk(Path file, String id, int index, long offset, long length, long total,
			String destination, MessageDigest before, TransferListener listener)
			throws IOException, InterruptedException {
		AtomicReference<CountingInputStream> reading = new AtomicReference<>();
		AtomicReference<MessageDigest> continued = new AtomicReference<>(copyOf(before));
		HttpRequest.BodyPublisher slice = BodyPublishers.ofInputStream(() -> {
			try {
				continued.set(copyOf(before));
				CountingInputStream in = new CountingInputStream(
						FileSliceInputStream.open(file, offset, length, continued.get()), listener, null);
				reading.set(in);
				return in;
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		});
		HttpRequest request = client.base(client.uploadsUri(id, chunkName(index)))
			.PUT(length == 0 ? BodyPublishers.noBody() : BodyPublishers.fromPublisher(slice, length))
			.header("Content-Type", "application/octet-stream")
			.header("OC-Chunk-Offset", Long.toString(offset))
			.header("OC-Total-Length", Long.toString(total))
			.header("Destination", client.davUri(destination).toString())
			.build();
		HttpResponse<InputStream> response = client.send(request);
		if (response.statusCode() != 201 && response.statusCode() != 204 && response.statusCode() != 200) {
			throw client.error(response, "PUT", destination + " (chunk " + index + ")");
		}
		HearthClient.readLimited(response.body(), HearthClient.ERROR_BODY_LIMIT);
		if (length > 0 && (reading.get() == null || reading.get().count() != length)) {
			throw new IOException("chunk " + index + " of " + file + " was not read whole");
		}
		return continued.get();
	}

	private static MessageDigest copyOf(MessageDigest digest) {
		try {
			return (MessageDigest) digest.clone();
		}
		catch (CloneNotSupportedException e) {
			throw new IllegalStateException("the platform's SHA-1 cannot be copied", e);
		}
	}

	private HearthClient.UploadResult assemble(String id, String destination, long size, Instant mtime,
			String sha1Hex, String ifMatchEtag) throws IOException, InterruptedException {
		// no timeout: assembling gigabytes may take the server minutes
		HttpRequest.Builder move = client.base(client.uploadsUri(id, ".file"))
			.method("MOVE", BodyPublishers.noBody())
			.header("Destination", client.davUri(destination).toString())
			.header("Overwrite", "T")
			.header("OC-Total-Length", Long.toString(size))
			.header("X-OC-Mtime", Long.toString(mtime.getEpochSecond()));
		if (sha1Hex != null) {
			move.header("OC-Checksum", "SHA1:" + sha1Hex);
		}
		if (ifMatchEtag != null) {
			move.header("If-Match", HearthClient.quote(ifMatchEtag));
		}
		HttpResponse<InputStream> response = client.send(move.build());
		int status = response.statusCode();
		if (status != 201 && status != 204 && status != 200) {
			RemoteException failure = client.error(response, "MOVE", destination);
			if (status == 412) {
				// the destination changed: these chunks will never be assembled there, so don't leave them lying around
				abort(id);
			}
			throw failure;
		}
		HearthClient.readLimited(response.body(), HearthClient.ERROR_BODY_LIMIT);
		return HearthClient.uploadResult(response, sha1Hex);
	}

	private void abort(String id) throws IOException, InterruptedException {
		HttpRequest delete = client.base(client.uploadsUri(id, null))
			.DELETE()
			.timeout(HearthClient.METADATA_TIMEOUT)
			.build();
		HearthClient.readLimited(client.send(delete).body(), HearthClient.ERROR_BODY_LIMIT);
	}
}
