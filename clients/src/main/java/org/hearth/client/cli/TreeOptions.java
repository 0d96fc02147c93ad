package org.hearth.client.cli;

import picocli.CommandLine.Option;

/** Options of the commands that work on whole trees ({@code backup}, {@code sync}). */
final class TreeOptions {

	@Option(names = { "-n", "--dry-run" }, description = "Only print what would be done; change nothing.")
	boolean dryRun;

	@Option(names = "--chunk-size", defaultValue = "10M", converter = ByteSize.class, paramLabel = "<size>",
			description = "Files larger than this are uploaded in resumable chunks of this size (default 10M).")
	long chunkSize;
}
