package org.hearth.backup;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;

import org.hearth.platform.MayBeNull;
import org.hearth.accounts.AppPassword;
import org.hearth.accounts.AppPasswordService;
import org.hearth.accounts.HearthPrincipal;
import org.hearth.backup.internal.ReceiptRepository;
import org.hearth.backup.internal.ReceiptRepository.Receipt;
import org.hearth.storage.Actor;
import org.hearth.storage.Node;
import org.hearth.storage.NodeWritten;
import org.hearth.storage.StoragePath;
import org.hearth.storage.StorageService;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Counts what each device sends into each folder, so a user can see that the phone's backup arrived and compare it
 * with the phone. Uploads are counted in memory (no statement on the upload's path) and written out every
 * {@value #FLUSH_MILLIS} ms and at shutdown; reads add what is not written yet, so they are always current.
 */
@Service
public class BackupStatusService {

	static final long FLUSH_MILLIS = 10_000;

	/** One device's uploads into one folder. Times are epoch seconds; capture time is the newest file's mtime. */
	public record FolderStatus(String device, String deviceName, String folder, long files, long bytes,
			Instant newestCapture, Instant lastUpload, @MayBeNull Instant lastSeen) {
	}

	/** A file the phone has, relative to the checked folder. */
	public record Expected(String path, long size) {
	}

	/** The outcome of comparing a phone's list with the server: files absent, and files present with another size. */
	public record Comparison(int present, List<Expected> missing, List<Expected> differentSize) {
	}

	private record Key(long ownerId, String device, String folder) {
	}

	private final Map<Key, Receipt> pending = new ConcurrentHashMap<>();

	private final ReceiptRepository receipts;

	private final AppPasswordService appPasswords;

	private final StorageService storage;

	private final Clock clock;

	BackupStatusService(ReceiptRepository receipts, AppPasswordService appPasswords, StorageService storage,
			Clock clock) {
		this.receipts = receipts;
		this.appPasswords = appPasswords;
		this.storage = storage;
		this.clock = clock;
	}

	@EventListener
	void received(NodeWritten written) {
		Actor actor = written.actor();
		if (actor.device() == null || actor.isSystem()) {
			return;
		}
		Node node = written.node();
		String folder = "/" + node.path().parent();
		Receipt change = new Receipt(node.ownerId(), actor.device(), folder, 1, node.size(), node.mtime(),
				clock.instant().getEpochSecond());
		pending.merge(new Key(node.ownerId(), actor.device(), folder), change, Receipt::plus);
	}

	@Scheduled(fixedDelay = FLUSH_MILLIS)
	@PreDestroy
	synchronized void flush() {
		for (Key key : List.copyOf(pending.keySet())) {
			Receipt change = pending.remove(key);
			if (change != null) {
				receipts.add(change);
			}
		}
	}

	/** Every device's uploads into every folder of the owner's home, newest upload first. */
	public List<FolderStatus> status(long ownerId) {
		Map<Key, Receipt> all = new LinkedHashMap<>();
		for (Receipt stored : receipts.of(ownerId)) {
			all.put(new Key(ownerId, stored.device(), stored.folder()), stored);
		}
		pending.forEach((key, change) -> {
			if (key.ownerId() == ownerId) {
				all.merge(key, change, Receipt::plus);
			}
		});
		Map<Long, AppPassword> devices = new HashMap<>();
		appPasswords.list(ownerId).forEach(device -> devices.put(device.id(), device));
		List<FolderStatus> result = new ArrayList<>();
		for (Receipt receipt : all.values()) {
			Optional<AppPassword> device = appPassword(receipt.device()).map(devices::get);
			String name = appPassword(receipt.device()).isEmpty() ? receipt.device()
					: device.map(AppPassword::name).orElse("revoked device");
			result.add(new FolderStatus(receipt.device(), name, receipt.folder(), receipt.files(), receipt.bytes(),
					Instant.ofEpochSecond(receipt.newestMtime()), Instant.ofEpochSecond(receipt.lastUpload()),
					device.map(AppPassword::lastUsedAt).orElse(null)));
		}
		result.sort(Comparator.comparing(FolderStatus::lastUpload).reversed());
		return result;
	}

	/**
	 * Compares the files a phone holds with what lies in {@code folder} on the server: one listing per folder the
	 * list touches.
	 */
	public Comparison compare(Actor actor, long ownerId, StoragePath folder, List<Expected> expected) {
		Map<StoragePath, Map<String, Node>> listings = new HashMap<>();
		List<Expected> missing = new ArrayList<>();
		List<Expected> differentSize = new ArrayList<>();
		int present = 0;
		for (Expected file : expected) {
			StoragePath path = StoragePath.parse(folder + "/" + file.path());
			Map<String, Node> listing = listings.computeIfAbsent(path.parent(), parent -> list(actor, ownerId, parent));
			Node found = listing.get(path.name());
			if (found == null || found.directory()) {
				missing.add(file);
			}
			else if (found.size() != file.size()) {
				differentSize.add(file);
			}
			else {
				present++;
			}
		}
		return new Comparison(present, missing, differentSize);
	}

	private Map<String, Node> list(Actor actor, long ownerId, StoragePath parent) {
		Optional<Node> folder = storage.find(actor, ownerId, parent).filter(Node::directory);
		Map<String, Node> byName = new HashMap<>();
		folder.ifPresent(f -> storage.list(actor, f).forEach(node -> byName.put(node.name(), node)));
		return byName;
	}

	private static Optional<Long> appPassword(String device) {
		if (!device.startsWith(HearthPrincipal.DEVICE_PREFIX)) {
			return Optional.empty();
		}
		String id = device.substring(HearthPrincipal.DEVICE_PREFIX.length());
		return id.matches("\\d{1,18}") ? Optional.of(Long.parseLong(id)) : Optional.empty();
	}
}
