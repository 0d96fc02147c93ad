package org.hearth.client.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

import org.hearth.client.remote.ChunkedUpload;
import org.hearth.client.remote.DavResource;
import org.hearth.client.remote.HearthClient;
import org.hearth.client.remote.RemoteException;
import org.hearth.client.remote.Sha1;
import org.hearth.client.remote.TransferListener;
import org.hearth.client.sync.BackupPlanner.LocalFile;
import org.hearth.client.sync.SyncState;

/**
 * File transfers shared by {@code get}, {@code backup} and {@code sync}: uploads (simple PUT, or chunked above the
 * chunk size) that report what the server now holds, and downloads into a hidden temporary file that is renamed into
 * place only when complete and verified.
 */
final class Transfers {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final HearthClient client;

	private final ChunkedUpload chunked;

	private final long chunkSize;

	private final long maxChunkSize;

	/** Files above {@code chunkSize} go in chunks of that size, or larger ones for big files, up to the maximum. */
	Transfers(HearthClient client, long chunkSize, long maxChunkSize) {
		this.client = client;
		this.chunked = new ChunkedUpload(client);
		this.chunkSize = chunkSize;
		this.maxChunkSize = maxChunkSize;
	}

	/**
	 * Uploads a file with {@code X-OC-Mtime} and {@code OC-Checksum}, and {@code If-Match} when given (a 412 comes out
	 * as {@link RemoteException} with that status).
	 *
	 * @param planned the file as the scan saw it; its SHA-1, if known and the file still has that size and mtime, saves
	 *     hashing it again
	 * @return the state now shared by both sides, or null when the file changed while it was being sent
	 */
	SyncState.Entry upload(Path file, String remotePath, LocalFile planned, String ifMatchEtag,
			TransferListener listener) throws IOException, InterruptedException {
		long size = Files.size(file);
		Instant mtime = Files.getLastModifiedTime(file).toInstant();
		boolean hashStillValid = planned.sha1() != null
				&& new LocalFile(size, mtime.getEpochSecond(), planned.sha1()).equals(planned);
		String known = hashStillValid ? planned.sha1() : null;
		if (size > chunkSize) {
			// hashed while it is sent; a file changed meanwhile shows in its size or mtime, or in a known SHA-1
			HearthClient.UploadResult result = chunked.upload(file, remotePath, size, mtime, known, ifMatchEtag,
					ChunkedUpload.chunkSizeFor(size, chunkSize, maxChunkSize), listener);
			boolean unchanged = result != null && Files.size(file) == size
					&& Files.getLastModifiedTime(file).toInstant().equals(mtime);
			return unchanged ? new SyncState.Entry(size, mtime.getEpochSecond(), result.sentSha1(), result.etag()) : null;
		}
		String sha1 = known != null ? known : Sha1.hex(file, TransferListener.NONE);
		HearthClient.UploadResult result = client.upload(file, remotePath, size, mtime, sha1, ifMatchEtag, listener);
		if (result.sentSha1() != null && !result.sentSha1().equals(sha1)) {
			return null;
		}
		return new SyncState.Entry(size, mtime.getEpochSecond(), sha1, result.etag());
	}

	/**
	 * Downloads to {@code target}, replacing what is there, via a temporary file in the same folder.
	 *
	 * @param etag the server file's etag as listed, recorded in the returned state
	 */
	SyncState.Entry download(String remotePath, Path target, String etag, TransferListener listener)
			throws IOException, InterruptedException {
		Path partial = createPartialFile(target.getParent());
		try {
			HearthClient.DownloadResult result;
			try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.WRITE)) {
				result = client.download(remotePath, out, listener);
			}
			verifyChecksum(remotePath, result);
			if (result.lastModified() != null) {
				Files.setLastModifiedTime(partial, FileTime.from(result.lastModified()));
			}
			long mtime = Files.getLastModifiedTime(partial).toInstant().getEpochSecond();
			try {
				Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException e) {
				Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
			}
			return new SyncState.Entry(result.bytes(), mtime, result.sha1(), etag);
		}
		finally {
			Files.deleteIfExists(partial);
		}
	}

	/** A new, hidden, empty file in {@code folder}, created with the default (umask) permissions. */
	static Path createPartialFile(Path folder) throws IOException {
		for (int attempt = 0; attempt < 10; attempt++) {
			byte[] random = new byte[6];
			RANDOM.nextBytes(random);
			Path candidate = folder.resolve(".hearth-" + HexFormat.of().formatHex(random) + ".part");
			try {
				Files.newOutputStream(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
				return candidate;
			}
			catch (FileAlreadyExistsException taken) {
				// try another name
			}
		}
		throw new IOException("cannot create a temporary file in " + folder);
	}

	/** Checks a {@code SHA1:} entry of the server's {@code OC-Checksum} header, if it sent one. */
	static void verifyChecksum(String path, HearthClient.DownloadResult result) throws RemoteException {
		String expected = DavResource.checksum(result.serverChecksum(), "SHA1");
		if (expected != null && !expected.equals(result.sha1())) {
			throw new RemoteException(0, "checksum mismatch for " + path + ": server says SHA1 " + expected
					+ ", received " + result.sha1() + "; nothing was saved");
		}
	}
}
