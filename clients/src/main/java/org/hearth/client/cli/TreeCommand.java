package org.hearth.client.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.hearth.client.config.Credentials;
import org.hearth.client.remote.HearthClient;
import org.hearth.client.sync.IgnoreRules;
import org.hearth.client.sync.SyncState;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The commands that pair a local folder with a remote one ({@code backup}, {@code sync}): arguments and setup. */
abstract class TreeCommand extends AbstractCommand {

	@Parameters(index = "0", paramLabel = "<local>", description = "Local folder.")
	Path local;

	@Parameters(index = "1", paramLabel = "<remote>", description = "Remote folder.")
	String remote;

	@Option(names = { "-n", "--dry-run" }, description = "Only print what would be done; change nothing.")
	boolean dryRun;

	@Option(names = "--chunk-size", defaultValue = "10M", converter = ByteSize.class, paramLabel = "<size>",
			description = "Files larger than this are uploaded in resumable chunks of at least this size (default 10M).")
	long chunkSize;

	@Option(names = "--max-chunk-size", defaultValue = "100M", converter = ByteSize.class, paramLabel = "<size>",
			description = "Chunks of big files grow up to this size, so that a file goes in about 20 of them "
					+ "(default 100M; the same as --chunk-size for chunks of one fixed size).")
	long maxChunkSize;

	/** Save the state at least this often during a long run, so a killed run loses little. */
	private static final long SAVE_INTERVAL_MILLIS = 5_000;

	private long lastSave = System.currentTimeMillis();

	/** A checked local folder, remote folder, their ignore rules and the state of this pairing. */
	record Pairing(Path localRoot, String remoteRoot, IgnoreRules rules, SyncState state, String description) {
	}

	/** @param kind "backup" or "sync": each keeps its own state */
	Pairing pairing(String kind) throws UserException, IOException {
		Path localRoot = localFolder(local);
		String remoteRoot = remotePath(remote);
		IgnoreRules rules = ignoreRules(localRoot);
		Credentials credentials = credentials();
		SyncState state = SyncState.load(SyncState.fileFor(root.credentialStore().directory(), kind,
				credentials.server(), credentials.userId(), remoteRoot, localRoot));
		return new Pairing(localRoot, remoteRoot, rules, state,
				kind + " of " + localRoot + " with " + credentials.server() + " " + remoteRoot);
	}

	/** Uploads and downloads with this command's chunk sizes. */
	Transfers transfers(HearthClient client) {
		return new Transfers(client, chunkSize, maxChunkSize);
	}

	/** Saves the state if the last save is a few seconds old. */
	void saveNowAndThen(Pairing pairing) throws IOException {
		long now = System.currentTimeMillis();
		if (now - lastSave >= SAVE_INTERVAL_MILLIS) {
			pairing.state().save(pairing.description());
			lastSave = now;
		}
	}
}
