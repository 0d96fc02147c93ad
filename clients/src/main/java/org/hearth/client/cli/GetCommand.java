package org.hearth.client.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

import org.hearth.client.remote.DavPaths;
import org.hearth.client.remote.DavResource;
import org.hearth.client.remote.HearthClient;
import org.hearth.client.remote.RemoteException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hearth get <remotePath> [localPath]}: streaming GET into a hidden temporary file next to the target, then an
 * atomic rename, so a half-downloaded file never appears under the final name.
 */
@Command(name = "get", description = "Download a remote file.")
final class GetCommand extends AbstractCommand {

	@Parameters(index = "0", paramLabel = "<remotePath>")
	String remote;

	@Parameters(index = "1", arity = "0..1", paramLabel = "<localPath>",
			description = "Target file, or an existing folder to download into; default: current folder.")
	Path local;

	@Option(names = { "-f", "--force" }, description = "Overwrite an existing local file.")
	boolean force;

	@Override
	protected int execute() throws UserException, IOException, InterruptedException {
		String path = remotePath(remote);
		if (DavPaths.isRoot(path)) {
			throw new UserException("cannot download a folder: /");
		}
		String name = DavPaths.name(path);
		Path target = localTarget(name);
		Path folder = target.getParent();
		if (folder == null || !Files.isDirectory(folder)) {
			throw new UserException("local folder does not exist: " + folder);
		}
		if (Files.isDirectory(target)) {
			throw new UserException("a local folder is in the way: " + target);
		}
		if (Files.exists(target) && !force) {
			throw new UserException("local file exists: " + target + " (use --force to overwrite)");
		}
		try (HearthClient client = connect()) {
			Optional<DavResource> resource = client.stat(path);
			if (resource.isEmpty()) {
				throw RemoteException.forStatus(404, "GET", path, null);
			}
			if (resource.get().directory()) {
				throw new UserException("cannot download a folder: " + path + " (only files)");
			}
			Path partial = Transfers.createPartialFile(folder);
			boolean moved = false;
			try {
				HearthClient.DownloadResult result;
				try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.WRITE);
						Progress progress = Progress.start(showProgress(), "get", resource.get().size(), System.err)) {
					result = client.download(path, out, progress.file(0));
				}
				Transfers.verifyChecksum(path, result);
				if (result.lastModified() != null) {
					Files.setLastModifiedTime(partial, FileTime.from(result.lastModified()));
				}
				moveIntoPlace(partial, target);
				moved = true;
				info("downloaded " + path + " -> " + target + " (" + result.bytes() + " bytes)");
			}
			finally {
				if (!moved) {
					Files.deleteIfExists(partial);
				}
			}
		}
		return ExitCodes.OK;
	}

	private Path localTarget(String name) {
		if (local == null) {
			return Path.of("").toAbsolutePath().resolve(name);
		}
		Path given = local.toAbsolutePath().normalize();
		String raw = local.toString();
		if (Files.isDirectory(given) || raw.endsWith("/") || raw.endsWith(java.io.File.separator)) {
			return given.resolve(name);
		}
		return given;
	}

	private void moveIntoPlace(Path partial, Path target) throws IOException, UserException {
		if (!force && Files.exists(target)) {
			throw new UserException("local file exists: " + target + " (use --force to overwrite)");
		}
		try {
			Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException e) {
			Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}
}
