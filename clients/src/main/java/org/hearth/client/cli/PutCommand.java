package org.hearth.client.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.hearth.client.remote.DavPaths;
import org.hearth.client.remote.DavResource;
import org.hearth.client.remote.HearthClient;
import org.hearth.client.remote.RemoteException;
import org.hearth.client.remote.Sha1;
import org.hearth.client.remote.TransferListener;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hearth put <localFile> [remotePath]}: streaming PUT with {@code X-OC-Mtime} and {@code OC-Checksum}. A local
 * folder is uploaded as a tree (MKCOL as needed; 405 means it exists).
 *
 * <p><b>Checksums.</b> The {@code OC-Checksum} header goes before the body, so the SHA-1 must be known before sending,
 * which means reading the file twice. With {@code --checksum=auto} (the default) that is done for files up to
 * {@value #AUTO_CHECKSUM_LIMIT_MIB} MiB: the hashing pass leaves them in the OS page cache, so the upload pass costs no
 * extra disk reads and only milliseconds of CPU. Bigger files skip the header rather than double the disk I/O of a
 * multi-gigabyte upload; {@code --checksum=always} forces it, {@code never} drops it. Either way the client hashes the
 * bytes as they are sent and fails if they differ from the announced checksum (the file changed mid-upload).
 */
@Command(name = "put", description = "Upload a file, or a folder with its contents.")
final class PutCommand extends AbstractCommand {

	static final long AUTO_CHECKSUM_LIMIT_MIB = 256;

	enum ChecksumMode {
		auto, always, never
	}

	@Parameters(index = "0", paramLabel = "<localFile>", description = "Local file or folder.")
	Path local;

	@Parameters(index = "1", arity = "0..1", paramLabel = "<remotePath>",
			description = "Target file, or an existing folder / a path ending in '/' to upload into; default: root.")
	String remote;

	@Option(names = "--checksum", defaultValue = "auto", paramLabel = "auto|always|never",
			description = "Send OC-Checksum (SHA-1): auto = for files up to " + AUTO_CHECKSUM_LIMIT_MIB + " MiB "
					+ "(default), always, never.")
	ChecksumMode checksum;

	@Override
	protected int execute() throws UserException, IOException, InterruptedException {
		Path source = local.toAbsolutePath().normalize();
		if (!Files.exists(source)) {
			throw new UserException("no such local file or folder: " + local);
		}
		if (!Files.isReadable(source)) {
			throw new UserException("cannot read " + local);
		}
		Path fileName = source.getFileName();
		if (fileName == null) {
			throw new UserException("cannot upload the file system root");
		}
		boolean directory = Files.isDirectory(source);
		if (!directory && !Files.isRegularFile(source)) {
			throw new UserException("not a regular file or folder: " + local);
		}
		try (HearthClient client = connect()) {
			String target = resolveTarget(client, fileName.toString());
			if (directory) {
				uploadTree(client, source, target);
			}
			else {
				long size = Files.size(source);
				try (Progress progress = Progress.start(showProgress(), "put", size, System.err)) {
					HearthClient.UploadResult result = uploadFile(client, source, target, progress.file(0));
					info((result.created() ? "uploaded " : "replaced ") + target + " (" + size + " bytes)");
				}
			}
		}
		return ExitCodes.OK;
	}

	/** Where the upload goes: into a folder (trailing slash, root, or existing folder) or exactly to the path given. */
	private String resolveTarget(HearthClient client, String localName) throws UserException, IOException,
			InterruptedException {
		if (remote == null) {
			return child("/", localName);
		}
		String path = remotePath(remote);
		if (DavPaths.endsWithSlash(remote) || DavPaths.isRoot(path)) {
			return child(path, localName);
		}
		Optional<DavResource> existing = client.stat(path);
		if (existing.isPresent() && existing.get().directory()) {
			return child(path, localName);
		}
		return path;
	}

	private HearthClient.UploadResult uploadFile(HearthClient client, Path file, String target,
			TransferListener listener) throws UserException, IOException, InterruptedException {
		long size = Files.size(file);
		Instant mtime = Files.getLastModifiedTime(file).toInstant();
		boolean hash = switch (checksum) {
			case always -> true;
			case never -> false;
			case auto -> size <= AUTO_CHECKSUM_LIMIT_MIB * 1024 * 1024;
		};
		String sha1 = hash ? Sha1.hex(file, TransferListener.NONE) : null;
		HearthClient.UploadResult result = client.upload(file, target, size, mtime, sha1, listener);
		if (sha1 != null && result.sentSha1() != null && !sha1.equals(result.sentSha1())) {
			throw new UserException(file + " changed while it was being uploaded; the copy at " + target
					+ " may not match, run put again");
		}
		return result;
	}

	private void uploadTree(HearthClient client, Path root, String target) throws UserException, IOException,
			InterruptedException {
		List<Path> folders = new ArrayList<>();
		List<Path> files = new ArrayList<>();
		long totalBytes = 0;
		try (Stream<Path> walk = Files.walk(root)) {
			for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
				if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
					if (!p.equals(root)) {
						folders.add(p);
					}
				}
				else if (Files.isRegularFile(p)) {
					files.add(p);
					totalBytes += Files.size(p);
				}
				else {
					err().println("hearth: skipping " + p + " (not a regular file or folder)");
				}
			}
		}
		if (!client.mkcol(target)) {
			Optional<DavResource> existing = client.stat(target);
			if (existing.isPresent() && !existing.get().directory()) {
				throw new RemoteException(405, "a file already exists at " + target);
			}
		}
		for (Path folder : folders) {
			client.mkcol(remoteFor(root, folder, target));
		}
		long done = 0;
		try (Progress progress = Progress.start(showProgress(), "put", totalBytes, System.err)) {
			for (Path file : files) {
				String remoteFile = remoteFor(root, file, target);
				progress.message(file.getFileName().toString());
				uploadFile(client, file, remoteFile, progress.file(done));
				done += Files.size(file);
			}
		}
		info("uploaded " + files.size() + " file(s) and " + folders.size() + " folder(s) to " + target + " ("
				+ totalBytes + " bytes)");
	}

	private static String remoteFor(Path root, Path local, String target) throws UserException {
		String path = target;
		for (Path name : root.relativize(local)) {
			path = child(path, name.toString());
		}
		return path;
	}
}
