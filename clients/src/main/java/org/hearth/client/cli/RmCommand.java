package org.hearth.client.cli;

import java.io.IOException;
import java.util.List;

import org.hearth.client.remote.DavPaths;
import org.hearth.client.remote.HearthClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hearth rm <remotePath>...}: DELETE (folders go with their contents). */
@Command(name = "rm", description = "Delete remote files or folders (folders with their contents).")
final class RmCommand extends AbstractCommand {

	@Parameters(arity = "1..*", paramLabel = "<remotePath>")
	List<String> paths;

	@Override
	protected int execute() throws UserException, IOException, InterruptedException {
		for (String argument : paths) {
			if (DavPaths.isRoot(remotePath(argument))) {
				throw new UserException("refusing to delete your root folder");
			}
		}
		try (HearthClient client = connect()) {
			for (String argument : paths) {
				String path = remotePath(argument);
				client.delete(path);
				info("deleted " + path);
			}
		}
		return ExitCodes.OK;
	}
}
