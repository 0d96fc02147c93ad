package org.hearth.client.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.hearth.client.remote.DavResource;
import org.hearth.client.remote.HearthClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code hearth ls [remotePath]}: PROPFIND Depth 1, one line per child: {@code type size date name}, e.g.
 * {@code -      5242880 2025-11-23 09:37 big.bin}. Type is {@code d} for folders, {@code -} for files.
 */
@Command(name = "ls", description = "List a remote folder (one line per entry: type, size, modified, name).")
final class LsCommand extends AbstractCommand {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	@Parameters(index = "0", arity = "0..1", paramLabel = "<remotePath>", defaultValue = "/",
			description = "Folder (or file) to list; default: your root folder.")
	String path;

	ZoneId zone = ZoneId.systemDefault();

	@Override
	protected int execute() throws UserException, IOException, InterruptedException {
		String remote = remotePath(path);
		HearthClient.Listing listing;
		try (HearthClient client = connect()) {
			listing = client.list(remote);
		}
		List<DavResource> entries = new ArrayList<>();
		if (listing.self() != null && !listing.self().directory()) {
			entries.add(listing.self());
		}
		else {
			entries.addAll(listing.children());
			entries.sort(Comparator.comparing(DavResource::name));
		}
		PrintWriter out = out();
		for (DavResource entry : entries) {
			out.println(format(entry, zone));
		}
		out.flush();
		return ExitCodes.OK;
	}

	static String format(DavResource entry, ZoneId zone) {
		String type = entry.directory() ? "d" : "-";
		String size = entry.size() >= 0 ? Long.toString(entry.size()) : "?";
		String date = entry.lastModified() == null ? "????-??-?? ??:??" : DATE.format(entry.lastModified().atZone(zone));
		return String.format("%s %12s %s %s", type, size, date, entry.name());
	}
}
