package org.hearth.client.cli;

import java.io.IOException;
import java.net.InetAddress;

import org.hearth.client.remote.HearthClient;
import org.hearth.client.remote.RemoteException;
import org.hearth.client.remote.TransferListener;
import org.hearth.client.sync.BackupScanner;
import org.hearth.client.sync.BackupScanner.Adopt;
import org.hearth.client.sync.BackupScanner.CreateFolder;
import org.hearth.client.sync.BackupScanner.Plan;
import org.hearth.client.sync.BackupScanner.Skip;
import org.hearth.client.sync.BackupScanner.Step;
import org.hearth.client.sync.BackupScanner.Upload;
import org.hearth.client.sync.SyncState;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hearth backup <local> <remote>}: send-only. Uploads new and changed files and creates missing folders; never
 * changes anything locally and never deletes on the server. Server files it did not upload itself are never
 * overwritten: a differing local file goes beside them as {@code name (conflict from <device>).ext} (see
 * {@link org.hearth.client.sync.BackupPlanner}). What it uploaded is recorded in a state file under the config
 * directory, which makes re-runs cheap and tells which server files it owns.
 */
@Command(name = "backup", description = "Send-only backup of a local folder: uploads new and changed files, deletes "
		+ "nothing, never overwrites server files it did not upload.")
final class BackupCommand extends TreeCommand {

	@Option(names = "--device", paramLabel = "<name>",
			description = "Name used in conflict copies, 'name (conflict from <device>).ext'; default: host name.")
	String device;

	@Override
	protected int execute() throws UserException, IOException, InterruptedException {
		Pairing pairing = pairing("backup");
		SyncState state = pairing.state();
		try (HearthClient client = connect()) {
			Plan plan;
			try {
				plan = new BackupScanner(client, pairing.rules(), state, deviceName()).scan(pairing.localRoot(),
						pairing.remoteRoot());
			}
			catch (IllegalArgumentException e) {
				throw new UserException(e.getMessage());
			}
			if (dryRun) {
				return report(plan);
			}
			try {
				return run(client, plan, pairing);
			}
			finally {
				state.save(pairing.description());
			}
		}
	}

	private int report(Plan plan) {
		int skipped = 0;
		for (Step step : plan.steps()) {
			switch (step) {
				case CreateFolder f -> out().println("would create folder " + f.remotePath());
				case Upload u -> out().println("would " + (u.ifMatchEtag() != null ? "replace " : "upload ")
						+ u.remotePath() + " (" + u.file().size() + " bytes)" + conflictNote(u));
				case Adopt a -> out().println("would record " + a.key() + " as backed up (same content on the server)");
				case Skip s -> {
					skipped++;
					out().println("would skip " + s.what() + ": " + s.reason());
				}
			}
		}
		out().println("dry run: nothing was changed; " + plan.unchanged() + " file(s) already backed up, "
				+ plan.uploadBytes() + " bytes to upload");
		out().flush();
		return skipped > 0 || plan.steps().stream().anyMatch(s -> s instanceof Upload u && u.conflictWith() != null)
				? ExitCodes.INCOMPLETE : ExitCodes.OK;
	}

	private int run(HearthClient client, Plan plan, Pairing pairing) throws IOException, InterruptedException {
		SyncState state = pairing.state();
		int uploaded = 0;
		int folders = 0;
		int incomplete = 0;
		long done = 0;
		Transfers transfers = transfers(client);
		try (Progress progress = Progress.start(showProgress(), "backup", plan.uploadBytes(), System.err)) {
			progress.countFiles((int) plan.steps().stream().filter(s -> s instanceof Upload).count());
			for (Step step : plan.steps()) {
				switch (step) {
					case CreateFolder f -> {
						client.mkcol(f.remotePath());
						folders++;
					}
					case Adopt a -> state.put(a.key(), a.entry());
					case Skip s -> {
						incomplete++;
						warn("skipped " + s.what() + ": " + s.reason());
					}
					case Upload u -> {
						progress.nextFile(u.local().getFileName().toString());
						if (upload(transfers, u, state, progress.file(done))) {
							uploaded++;
							info((u.ifMatchEtag() != null ? "replaced " : "uploaded ") + u.remotePath() + conflictNote(u));
						}
						else {
							incomplete++;
						}
						if (u.conflictWith() != null) {
							incomplete++;
						}
						done += u.file().size();
						saveNowAndThen(pairing);
					}
				}
			}
		}
		info("backup: " + uploaded + " file(s) uploaded, " + folders + " folder(s) created, " + plan.unchanged()
				+ " unchanged" + (incomplete > 0 ? ", " + incomplete + " skipped or conflicting (see above)" : ""));
		return incomplete > 0 ? ExitCodes.INCOMPLETE : ExitCodes.OK;
	}

	/** Uploads one file and records it; false (with a warning) when it could not be backed up this time. */
	private boolean upload(Transfers transfers, Upload u, SyncState state, TransferListener listener)
			throws IOException, InterruptedException {
		SyncState.Entry sent;
		try {
			sent = transfers.upload(u.local(), u.remotePath(), u.file(), u.ifMatchEtag(), listener);
		}
		catch (RemoteException e) {
			if (e.status() != 412) {
				throw e;
			}
			warn("skipped " + u.remotePath() + ": it changed on the server during the backup; run backup again");
			return false;
		}
		if (sent == null) {
			warn(u.local() + " changed while it was being uploaded; it will be uploaded again by the next backup");
			state.remove(u.key());
			return false;
		}
		state.put(u.key(), sent);
		return true;
	}

	private static String conflictNote(Upload u) {
		return u.conflictWith() == null ? ""
				: " beside " + u.conflictWith() + " (the server copy differs and was not uploaded by this backup)";
	}

	private String deviceName() {
		if (device != null && !device.isBlank()) {
			return device.strip().replace('/', '-');
		}
		try {
			return InetAddress.getLocalHost().getHostName().replace('/', '-');
		}
		catch (IOException e) {
			return "another device";
		}
	}
}
