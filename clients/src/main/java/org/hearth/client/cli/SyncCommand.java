package org.hearth.client.cli;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.hearth.client.remote.DavPaths;
import org.hearth.client.remote.HearthClient;
import org.hearth.client.remote.RemoteException;
import org.hearth.client.sync.BackupPlanner.LocalFile;
import org.hearth.client.sync.SyncPlanner;
import org.hearth.client.sync.SyncScanner;
import org.hearth.client.sync.SyncScanner.Conflict;
import org.hearth.client.sync.SyncScanner.CreateLocalFolder;
import org.hearth.client.sync.SyncScanner.CreateRemoteFolder;
import org.hearth.client.sync.SyncScanner.DeleteLocal;
import org.hearth.client.sync.SyncScanner.DeleteRemote;
import org.hearth.client.sync.SyncScanner.Download;
import org.hearth.client.sync.SyncScanner.Plan;
import org.hearth.client.sync.SyncScanner.Record;
import org.hearth.client.sync.SyncScanner.RemoveLocalFolder;
import org.hearth.client.sync.SyncScanner.Skip;
import org.hearth.client.sync.SyncScanner.Step;
import org.hearth.client.sync.SyncScanner.Upload;
import org.hearth.client.sync.SyncState;

import picocli.CommandLine.Command;

/**
 * {@code hearth sync <local> <remote>}: two-way sync against the state of the last run (see {@link SyncPlanner}).
 * Nothing is ever lost: a file changed on both sides is kept twice (the local one renamed to
 * {@code name (conflicted copy <date>).ext} and uploaded too), deletions only propagate for files unchanged on the
 * other side, server deletions go to the server's trash, and uploads over known files carry {@code If-Match}, so a
 * concurrent server change (412) becomes a conflict instead of an overwrite. A local file is replaced or deleted only
 * if it still looks as it did during the scan.
 */
@Command(name = "sync", description = "Two-way sync of a local folder with an existing remote folder.")
final class SyncCommand extends TreeCommand {

	private static final DateTimeFormatter CONFLICT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HHmmss");

	private Transfers transfers;

	private SyncState state;

	private Progress progress;

	private long done;

	private int incomplete;

	@Override
	protected int execute() throws UserException, IOException, InterruptedException {
		Pairing pairing = pairing("sync");
		state = pairing.state();
		try (HearthClient client = connect()) {
			Plan plan;
			try {
				plan = new SyncScanner(client, pairing.rules(), state).scan(pairing.localRoot(), pairing.remoteRoot());
			}
			catch (IllegalArgumentException e) {
				throw new UserException(e.getMessage());
			}
			if (dryRun) {
				plan.steps().forEach(step -> describe(step).ifPresent(line -> out().println("would " + line)));
				out().println("dry run: nothing was changed; " + plan.unchanged() + " file(s) in sync");
				out().flush();
				return plan.steps().stream().anyMatch(s -> s instanceof Conflict || s instanceof Skip)
						? ExitCodes.INCOMPLETE : ExitCodes.OK;
			}
			transfers = transfers(client);
			try (Progress bar = Progress.start(showProgress(), "sync", plan.transferBytes(), System.err)) {
				progress = bar;
				progress.countFiles((int) plan.steps().stream()
					.filter(s -> s instanceof Upload || s instanceof Download || s instanceof Conflict)
					.count());
				for (Step step : plan.steps()) {
					execute(client, step);
					saveNowAndThen(pairing);
				}
			}
			finally {
				state.save(pairing.description());
			}
			info("sync: done, " + plan.unchanged() + " file(s) were already in sync"
					+ (incomplete > 0 ? ", " + incomplete + " conflict(s) or skipped file(s) (see above)" : ""));
		}
		return incomplete > 0 ? ExitCodes.INCOMPLETE : ExitCodes.OK;
	}

	private static java.util.Optional<String> describe(Step step) {
		return java.util.Optional.ofNullable(switch (step) {
			case CreateRemoteFolder f -> "create folder " + f.remotePath();
			case CreateLocalFolder f -> "create local folder " + f.local();
			case Upload u -> "upload " + u.remotePath() + " (" + u.file().size() + " bytes)";
			case Download d -> "download " + d.remotePath() + " (" + d.file().size() + " bytes)";
			case DeleteRemote d -> "delete " + d.remotePath() + " on the server (to its trash)";
			case DeleteLocal d -> "delete local " + d.local();
			case RemoveLocalFolder r -> "remove local folder " + r.local();
			case Conflict c -> "keep both versions of " + c.remotePath() + " (changed on both sides)";
			case Skip s -> "skip " + s.what() + ": " + s.reason();
			case Record r -> null;
		});
	}

	private void execute(HearthClient client, Step step) throws IOException, InterruptedException {
		switch (step) {
			case CreateRemoteFolder f -> client.mkcol(f.remotePath());
			case CreateLocalFolder f -> Files.createDirectories(f.local());
			case Upload u -> {
				progress.nextFile(u.local().getFileName().toString());
				upload(client, u);
			}
			case Download d -> {
				progress.nextFile(d.local().getFileName().toString());
				download(client, d);
			}
			case DeleteRemote d -> deleteRemote(client, d);
			case DeleteLocal d -> {
				if (stillAsScanned(d.local(), d.expected())) {
					Files.delete(d.local());
					state.remove(d.key());
					info("deleted local " + d.local());
				}
				else {
					skip(d.local() + " changed during the sync; not deleted");
				}
			}
			case RemoveLocalFolder r -> removeLocalFolder(r);
			case Conflict c -> {
				progress.nextFile(c.local().getFileName().toString());
				keepBoth(client, c.local(), c.key(), c.remotePath(), c.remote().etag(), c.remote().size());
			}
			case Record r -> {
				if (r.entry() == null) {
					state.remove(r.key());
				}
				else {
					state.put(r.key(), r.entry());
				}
			}
			case Skip s -> skip("skipped " + s.what() + ": " + s.reason());
		}
	}

	private void upload(HearthClient client, Upload u) throws IOException, InterruptedException {
		SyncState.Entry sent;
		try {
			sent = transfers.upload(u.local(), u.remotePath(), u.file(), u.ifMatchEtag(), progress.file(done));
		}
		catch (RemoteException e) {
			if (e.status() != 412) {
				throw e;
			}
			// changed on the server since the scan: both changed, so keep both
			var now = client.stat(u.remotePath());
			if (now.isEmpty() || now.get().directory()) {
				throw e;
			}
			keepBoth(client, u.local(), u.key(), u.remotePath(), now.get().etag(), now.get().size());
			return;
		}
		done += u.file().size();
		if (sent == null) {
			skip(u.local() + " changed while it was being uploaded; the next sync sends it again");
			return;
		}
		state.put(u.key(), sent);
		info("uploaded " + u.remotePath());
	}

	private void download(HearthClient client, Download d) throws IOException, InterruptedException {
		if (!stillAsScanned(d.local(), d.expectedLocal())) {
			keepBoth(client, d.local(), d.key(), d.remotePath(), d.file().etag(), d.file().size());
			return;
		}
		state.put(d.key(), transfers.download(d.remotePath(), d.local(), d.file().etag(), progress.file(done)));
		done += d.file().size();
		info("downloaded " + d.remotePath());
	}

	/**
	 * Both sides changed: the local file moves aside to {@code name (conflicted copy <date>).ext}, the server's
	 * version is downloaded under the original name, and the conflicted copy is uploaded too, so every version ends
	 * up on both sides.
	 */
	private void keepBoth(HearthClient client, Path localFile, String key, String remotePath, String etag, long size)
			throws IOException, InterruptedException {
		if (!Files.exists(localFile, LinkOption.NOFOLLOW_LINKS)) {
			// deleted locally meanwhile: nothing to keep aside
			state.put(key, transfers.download(remotePath, localFile, etag, progress.file(done)));
			done += size;
			return;
		}
		String copyName = SyncPlanner.conflictedCopyName(localFile.getFileName().toString(),
				LocalDateTime.now().format(CONFLICT_TIME));
		Path copy = localFile.resolveSibling(copyName);
		Files.move(localFile, copy);
		state.put(key, transfers.download(remotePath, localFile, etag, progress.file(done)));
		done += size;
		String copyRemote = DavPaths.child(DavPaths.parent(remotePath), copyName);
		LocalFile copied = LocalFile.of(Files.readAttributes(copy, BasicFileAttributes.class));
		SyncState.Entry sent = transfers.upload(copy, copyRemote, copied, null, progress.file(done));
		if (sent != null) {
			state.put(DavPaths.child(DavPaths.parent(key), copyName), sent);
		}
		skip("conflict: " + remotePath + " changed on both sides; kept the server's version and yours as " + copyName);
	}

	private void deleteRemote(HearthClient client, DeleteRemote d) throws IOException, InterruptedException {
		try {
			client.delete(d.remotePath(), d.etag());
		}
		catch (RemoteException e) {
			if (e.status() == 412) {
				skip(d.remotePath() + " changed on the server during the sync; not deleted");
				return;
			}
			if (e.status() != 404) {
				throw e;
			}
		}
		state.removeTree(d.key());
		info("deleted " + d.remotePath() + " on the server");
	}

	private void removeLocalFolder(RemoveLocalFolder r) throws IOException {
		try {
			Files.delete(r.local());
			info("removed local folder " + r.local());
		}
		catch (DirectoryNotEmptyException e) {
			warn("kept local folder " + r.local() + " (deleted on the server, but it still holds files not synced)");
		}
		catch (NoSuchFileException gone) {
			// nothing to remove
		}
		state.removeTree(r.key());
	}

	/** Whether a local file is still as the scan saw it (or still absent). */
	private static boolean stillAsScanned(Path file, LocalFile expected) throws IOException {
		if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
			return expected == null;
		}
		if (expected == null) {
			return false;
		}
		BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		return a.isRegularFile() && a.size() == expected.size()
				&& a.lastModifiedTime().toInstant().getEpochSecond() == expected.mtimeSeconds();
	}

	private void skip(String message) {
		incomplete++;
		warn(message);
	}
}
