package org.hearth.client.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.hearth.client.remote.DavResource;
import org.hearth.client.remote.HearthClient;
import org.hearth.client.remote.Sha1;
import org.hearth.client.remote.TransferListener;
import org.hearth.client.sync.BackupPlanner.LocalFile;
import org.hearth.client.sync.BackupPlanner.RemoteFile;
import org.hearth.client.sync.SyncPlanner.Action;

/**
 * Walks the union of a local tree and a server tree (one {@code PROPFIND Depth 1} per server folder) and turns
 * {@link SyncPlanner}'s per-file decisions into steps. Sends nothing but PROPFIND.
 *
 * <p>Folders: a folder on one side only is new (created on the other side) unless the state knows it, in which case
 * it was deleted on the other side; then its files are decided one by one, and the folder itself goes away only when
 * nothing in it needs to be kept. The state records folders with size -1.
 */
public final class SyncScanner {

	public sealed interface Step permits CreateRemoteFolder, CreateLocalFolder, Upload, Download, DeleteRemote,
			DeleteLocal, RemoveLocalFolder, Conflict, Record, Skip {
	}

	public record CreateRemoteFolder(String remotePath) implements Step {
	}

	public record CreateLocalFolder(Path local) implements Step {
	}

	/** @param ifMatchEtag the etag of the server copy this replaces, as scanned; null for a new file */
	public record Upload(Path local, String key, String remotePath, LocalFile file, String ifMatchEtag)
			implements Step {
	}

	/** @param expectedLocal the local file as scanned (null: none); it is replaced only if it still looks like that */
	public record Download(String remotePath, String key, Path local, RemoteFile file, LocalFile expectedLocal)
			implements Step {
	}

	/**
	 * Deletes a server file or (when everything below it goes) a whole folder; the server moves it to its trash.
	 *
	 * @param etag as scanned, sent as {@code If-Match} so nothing changed since then is deleted
	 */
	public record DeleteRemote(String remotePath, String key, String etag) implements Step {
	}

	/** @param expected the unchanged local file; it is deleted only if it still looks like that */
	public record DeleteLocal(Path local, String key, LocalFile expected) implements Step {
	}

	/** Removes a local folder deleted on the server, if it is empty once its synced files are gone. */
	public record RemoveLocalFolder(Path local, String key) implements Step {
	}

	/** Changed on both sides: keep both. */
	public record Conflict(Path local, String key, String remotePath, RemoteFile remote) implements Step {
	}

	/** @param entry the new state, or null to forget the path */
	public record Record(String key, SyncState.Entry entry) implements Step {
	}

	public record Skip(String what, String reason) implements Step {
	}

	/** Size marking a folder in the state. */
	static final long FOLDER = -1;

	private final HearthClient client;

	private final IgnoreRules rules;

	private final SyncState state;

	private int unchanged;

	public SyncScanner(HearthClient client, IgnoreRules rules, SyncState state) {
		this.client = client;
		this.rules = rules;
		this.state = state;
	}

	public record Plan(List<Step> steps, int unchanged) {

		public long transferBytes() {
			return steps.stream().mapToLong(s -> switch (s) {
				case Upload u -> u.file().size();
				case Download d -> d.file().size();
				default -> 0;
			}).sum();
		}
	}

	public Plan scan(Path localRoot, String remoteRoot) throws IOException, InterruptedException {
		var root = client.stat(remoteRoot);
		if (root.isEmpty() || !root.get().directory()) {
			throw new IllegalArgumentException("no such remote folder: " + remoteRoot + " (create it with hearth mkdir)");
		}
		List<Step> steps = new ArrayList<>();
		scanFolder(localRoot, true, remoteRoot, true, "/", steps);
		return new Plan(List.copyOf(steps), unchanged);
	}

	private record Sides(Path local, BasicFileAttributes localAttributes, DavResource remote) {
	}

	private void scanFolder(Path localFolder, boolean localExists, String remoteFolder, boolean remoteExists, String key,
			List<Step> steps) throws IOException, InterruptedException {
		Map<String, Sides> children = new TreeMap<>();
		if (remoteExists) {
			for (DavResource r : client.list(remoteFolder).children()) {
				children.put(r.name(), new Sides(null, null, r));
			}
		}
		if (localExists) {
			try (Stream<Path> list = Files.list(localFolder)) {
				for (Path p : list.toList()) {
					String name = p.getFileName().toString();
					BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
					Sides remoteSide = children.get(name);
					children.put(name, new Sides(p, a, remoteSide == null ? null : remoteSide.remote()));
				}
			}
		}
		for (Map.Entry<String, Sides> child : children.entrySet()) {
			String name = child.getKey();
			String childKey = ChildNames.key(key, name);
			if (rules.ignored(childKey.substring(1))) {
				continue;
			}
			String remotePath = ChildNames.remote(remoteFolder, name, reason -> steps.add(new Skip(childKey, reason)));
			if (remotePath == null) {
				continue;
			}
			Sides sides = child.getValue();
			Path local = sides.local() != null ? sides.local() : localFolder.resolve(name);
			scanChild(local, sides, remotePath, childKey, steps);
		}
	}

	private void scanChild(Path local, Sides sides, String remotePath, String key, List<Step> steps)
			throws IOException, InterruptedException {
		BasicFileAttributes a = sides.localAttributes();
		DavResource remote = sides.remote();
		if (a != null && !a.isDirectory() && !a.isRegularFile()) {
			steps.add(new Skip(key, "not a regular file or folder (symbolic links are not followed)"));
			return;
		}
		boolean localFolder = a != null && a.isDirectory();
		boolean remoteFolder = remote != null && remote.directory();
		if (a != null && remote != null && localFolder != remoteFolder) {
			steps.add(new Skip(key, "a file on one side and a folder on the other"));
			return;
		}
		if (localFolder || remoteFolder) {
			scanSubfolder(local, a != null, remotePath, remote, key, steps);
			return;
		}
		scanFile(local, a == null ? null : LocalFile.of(a), remotePath, remote, key, steps);
	}

	private void scanSubfolder(Path local, boolean localExists, String remotePath, DavResource remote, String key,
			List<Step> steps) throws IOException, InterruptedException {
		boolean known = state.get(key) != null;
		List<Step> inside = new ArrayList<>();
		scanFolder(local, localExists, remotePath, remote != null, key, inside);
		boolean keepsSomething = inside.stream().anyMatch(s -> !(s instanceof DeleteLocal || s instanceof DeleteRemote
				|| s instanceof RemoveLocalFolder || s instanceof Record || s instanceof Skip));
		if (localExists && remote != null) {
			steps.addAll(inside);
			steps.add(new Record(key, folderEntry(remote)));
		}
		else if (known && !keepsSomething) {
			// deleted on one side and nothing new inside on the other: delete it there too
			if (remote == null) {
				steps.addAll(inside);
				steps.add(new RemoveLocalFolder(local, key));
			}
			else {
				steps.add(new DeleteRemote(remotePath, key, remote.etag()));
			}
			steps.addAll(inside.stream().filter(s -> s instanceof Record || s instanceof Skip).toList());
			steps.add(new Record(key, null));
		}
		else {
			steps.add(remote == null ? new CreateRemoteFolder(remotePath) : new CreateLocalFolder(local));
			steps.addAll(inside);
			steps.add(new Record(key, remote == null ? new SyncState.Entry(FOLDER, 0, null, null) : folderEntry(remote)));
		}
	}

	private void scanFile(Path local, LocalFile file, String remotePath, DavResource remote, String key,
			List<Step> steps) throws IOException {
		RemoteFile server = remote == null ? null : BackupScanner.remoteFile(remote);
		SyncState.Entry base = state.get(key);
		if (base != null && base.size() == FOLDER) {
			base = null;
		}
		LocalFile known = file;
		Action action = SyncPlanner.decide(known, server, base);
		if (action == Action.HASH_LOCAL) {
			known = known.withSha1(Sha1.hex(local, TransferListener.NONE));
			action = SyncPlanner.decide(known, server, base);
		}
		switch (action) {
			case NOTHING -> unchanged++;
			case UPLOAD -> steps.add(new Upload(local, key, remotePath, known, server == null ? null : server.etag()));
			case DOWNLOAD -> steps.add(new Download(remotePath, key, local, server, known));
			case DELETE_REMOTE -> steps.add(new DeleteRemote(remotePath, key, server.etag()));
			case DELETE_LOCAL -> steps.add(new DeleteLocal(local, key, known));
			case RECORD -> steps.add(new Record(key, known == null ? null
					: new SyncState.Entry(known.size(), known.mtimeSeconds(),
							known.sha1() != null ? known.sha1() : server.sha1(), server.etag())));
			case CONFLICT -> steps.add(new Conflict(local, key, remotePath, server));
			case HASH_LOCAL -> throw new IllegalStateException("undecided: " + key);
		}
	}

	private static SyncState.Entry folderEntry(DavResource remote) {
		return new SyncState.Entry(FOLDER, 0, null, remote.etag());
	}
}
