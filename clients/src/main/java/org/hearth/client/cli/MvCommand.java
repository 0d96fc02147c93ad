package org.hearth.client.cli;

import java.io.IOException;
import java.util.Optional;

import org.hearth.client.remote.DavPaths;
import org.hearth.client.remote.DavResource;
import org.hearth.client.remote.HearthClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hearth mv [--force] <src> <dst>}: MOVE with {@code Destination} and {@code Overwrite: F} ({@code T} with
 * {@code --force}). Like {@code mv(1)}, a destination that is an existing folder or ends with {@code /} receives the
 * source under its own name.
 */
@Command(name = "mv", description = "Move or rename a remote file or folder.")
final class MvCommand extends AbstractCommand {

	@Parameters(index = "0", paramLabel = "<src>")
	String source;

	@Parameters(index = "1", paramLabel = "<dst>")
	String destination;

	@Option(names = { "-f", "--force" }, description = "Replace an existing destination (Overwrite: T).")
	boolean force;

	@Override
	protected int execute() throws UserException, IOException, InterruptedException {
		String from = remotePath(source);
		String to = remotePath(destination);
		if (DavPaths.isRoot(from)) {
			throw new UserException("cannot move your root folder");
		}
		try (HearthClient client = connect()) {
			if (DavPaths.endsWithSlash(destination) || DavPaths.isRoot(to)) {
				to = child(to, DavPaths.name(from));
			}
			else if (!to.equals(from)) {
				Optional<DavResource> existing = client.stat(to);
				if (existing.isPresent() && existing.get().directory()) {
					to = child(to, DavPaths.name(from));
				}
			}
			if (to.equals(from) || to.startsWith(from + "/")) {
				throw new UserException("cannot move " + from + " onto itself or into itself (" + to + ")");
			}
			boolean created = client.move(from, to, force);
			info((created ? "moved " : "moved (replaced) ") + from + " -> " + to);
		}
		return ExitCodes.OK;
	}
}
