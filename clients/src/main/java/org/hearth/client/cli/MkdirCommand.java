package org.hearth.client.cli;

import java.io.IOException;
import java.util.List;

import org.hearth.client.remote.DavPaths;
import org.hearth.client.remote.HearthClient;
import org.hearth.client.remote.RemoteException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hearth mkdir [-p] <remotePath>...}: MKCOL. */
@Command(name = "mkdir", description = "Create remote folders.")
final class MkdirCommand extends AbstractCommand {

	@Parameters(arity = "1..*", paramLabel = "<remotePath>")
	List<String> paths;

	@Option(names = { "-p", "--parents" }, description = "Create missing parent folders too; no error if it exists.")
	boolean parents;

	@Override
	protected int execute() throws UserException, IOException, InterruptedException {
		try (HearthClient client = connect()) {
			for (String argument : paths) {
				String path = remotePath(argument);
				if (DavPaths.isRoot(path)) {
					if (parents) {
						continue;
					}
					throw new RemoteException(405, "already exists: /");
				}
				if (parents) {
					String prefix = "/";
					for (String segment : DavPaths.segments(path)) {
						prefix = DavPaths.child(prefix, segment);
						client.mkcol(prefix);
					}
					info("created " + path);
				}
				else if (client.mkcol(path)) {
					info("created " + path);
				}
				else {
					throw new RemoteException(405, "already exists: " + path);
				}
			}
		}
		return ExitCodes.OK;
	}
}
