package org.hearth.client.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.hearth.client.remote.DavPaths;
import org.hearth.client.remote.DavResource;
import org.hearth.client.remote.HearthClient;
import org.hearth.client.remote.Sha1;
import org.hearth.client.remote.TransferListener;
import org.hearth.client.sync.BackupPlanner.Action;
import org.hearth.client.sync.BackupPlanner.LocalFile;
import org.hearth.client.sync.BackupPlanner.RemoteFile;

/**
 * Compares a local tree with the server, one {@code PROPFIND Depth 1} per folder that exists there, and turns
 * {@link BackupPlanner}'s decisions into a list of steps. Sends nothing but PROPFIND, so a dry run is a scan whose
 * steps are printed instead of carried out.
 */
public final class BackupScanner {

	/** One thing the backup will do, in an order where a folder is created before anything inside it. */
	public sealed interface Step permits CreateFolder, Upload, Adopt, Skip {
	}

	public record CreateFolder(String remotePath) implements Step {
	}

	/**
	 * @param key the path relative to both roots that the state records ({@code /a/b.txt}); for a conflict copy the
	 *     copy's path
	 * @param ifMatchEtag when replacing: the etag of the server copy that may be replaced, else null
	 * @param conflictWith when uploading beside a server file the backup does not own: that file's path, else null
	 */
	public record Upload(Path local, String key, String remotePath, LocalFile file, String ifMatchEtag,
			String conflictWith) implements Step {
	}

	/** Server and local hold the same bytes: record it, transfer nothing. */
	public record Adopt(String key, SyncState.Entry entry) implements Step {
	}

	public record Skip(String what, String reason) implements Step {
	}

	public record Plan(List<Step> steps, int unchanged) {

		public long uploadBytes() {
			return steps.stream().mapToLong(s -> s instanceof Upload u ? u.file().size() : 0).sum();
		}
	}

	private final HearthClient client;

	private final IgnoreRules rules;

	private final SyncState state;

	private final String device;

	private final List<Step> steps = new ArrayList<>();

	private int unchanged;

	public BackupScanner(HearthClient client, IgnoreRules rules, SyncState state, String device) {
		this.client = client;
		this.rules = rules;
		this.state = state;
		this.device = device;
	}

	public Plan scan(Path localRoot, String remoteRoot) throws IOException, InterruptedException {
		boolean rootExists = createMissingFolders(remoteRoot);
		scanFolder(localRoot, "/", remoteRoot, rootExists);
		return new Plan(List.copyOf(steps), unchanged);
	}

	/** Plans MKCOLs for the missing folders of {@code path}, top down, like mkdir -p; true if it all exists. */
	private boolean createMissingFolders(String path) throws IOException, InterruptedException {
		var existing = client.stat(path);
		if (existing.isPresent() && !existing.get().directory()) {
			throw new IllegalArgumentException("the remote path is a file, not a folder: " + path);
		}
		if (existing.isPresent()) {
			return true;
		}
		if (!DavPaths.isRoot(path)) {
			createMissingFolders(DavPaths.parent(path));
		}
		steps.add(new CreateFolder(path));
		return false;
	}

	private void scanFolder(Path folder, String key, String remoteFolder, boolean existsOnServer)
			throws IOException, InterruptedException {
		Map<String, DavResource> remoteChildren = new HashMap<>();
		if (existsOnServer) {
			for (DavResource child : client.list(remoteFolder).children()) {
				remoteChildren.put(child.name(), child);
			}
		}
		List<Path> children;
		try (Stream<Path> list = Files.list(folder)) {
			children = list.sorted().toList();
		}
		for (Path child : children) {
			String name = child.getFileName().toString();
			String childKey = ChildNames.key(key, name);
			if (rules.ignored(childKey.substring(1))) {
				continue;
			}
			String remoteChild = ChildNames.remote(remoteFolder, name, reason -> steps.add(new Skip(childKey, reason)));
			if (remoteChild == null) {
				continue;
			}
			BasicFileAttributes attributes = Files.readAttributes(child, BasicFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			DavResource remote = remoteChildren.get(name);
			if (attributes.isDirectory()) {
				if (remote != null && !remote.directory()) {
					steps.add(new Skip(childKey, "a file has this folder's name on the server"));
					continue;
				}
				if (remote == null) {
					steps.add(new CreateFolder(remoteChild));
				}
				scanFolder(child, childKey, remoteChild, remote != null);
			}
			else if (attributes.isRegularFile()) {
				scanFile(child, childKey, remoteFolder, LocalFile.of(attributes), remoteChildren);
			}
			else {
				steps.add(new Skip(childKey, "not a regular file or folder (symbolic links are not followed)"));
			}
		}
	}

	private void scanFile(Path local, String key, String remoteFolder, LocalFile file,
			Map<String, DavResource> remoteSiblings) throws IOException {
		String name = DavPaths.name(key);
		DavResource remote = remoteSiblings.get(name);
		Decision decision = decide(local, key, file, remote);
		if (decision.action() != Action.CONFLICT) {
			record(local, key, DavPaths.child(remoteFolder, name), decision, remote, null);
			return;
		}
		String copyName = BackupPlanner.conflictName(name, device);
		String copyKey = DavPaths.child(DavPaths.parent(key), copyName);
		DavResource copy = remoteSiblings.get(copyName);
		Decision copyDecision = decide(local, copyKey, decision.file(), copy);
		if (copyDecision.action() == Action.CONFLICT || copyDecision.action() == Action.FOLDER_IN_THE_WAY) {
			steps.add(new Skip(key, "differs from the server copy and from the conflict copy " + copyName
					+ ", neither uploaded by this backup"));
			return;
		}
		record(local, copyKey, DavPaths.child(remoteFolder, copyName), copyDecision, copy, DavPaths.child(remoteFolder,
				name));
	}

	private record Decision(Action action, LocalFile file) {
	}

	private Decision decide(Path local, String key, LocalFile file, DavResource remote) throws IOException {
		RemoteFile server = remote == null ? null : remoteFile(remote);
		LocalFile known = file;
		Action action = BackupPlanner.decide(known, server, state.get(key));
		if (action == Action.HASH_LOCAL) {
			known = known.withSha1(Sha1.hex(local, TransferListener.NONE));
			action = BackupPlanner.decide(known, server, state.get(key));
		}
		return new Decision(action, known);
	}

	private void record(Path local, String key, String remotePath, Decision decision, DavResource remote,
			String conflictWith) {
		LocalFile file = decision.file();
		switch (decision.action()) {
			case UNCHANGED -> unchanged++;
			case UPLOAD_NEW -> steps.add(new Upload(local, key, remotePath, file, null, conflictWith));
			case REPLACE -> steps.add(new Upload(local, key, remotePath, file, remote.etag(), conflictWith));
			case ADOPT -> steps.add(new Adopt(key, new SyncState.Entry(file.size(), file.mtimeSeconds(),
					file.sha1() != null ? file.sha1() : remote.sha1(), remote.etag())));
			case FOLDER_IN_THE_WAY -> steps.add(new Skip(key, "a folder has this file's name on the server"));
			case HASH_LOCAL, CONFLICT -> throw new IllegalStateException("undecided: " + decision.action());
		}
	}

	static RemoteFile remoteFile(DavResource r) {
		return new RemoteFile(r.directory(), r.size(), r.lastModified() == null ? -1 : r.lastModified().getEpochSecond(),
				r.etag(), r.sha1());
	}
}
