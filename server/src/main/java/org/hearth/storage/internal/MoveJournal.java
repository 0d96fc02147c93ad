package org.hearth.storage.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;

import org.hearth.storage.StoragePath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Intent rows for tree changes on disk. A row is committed before the disk changes and deleted in the same
 * transaction as the metadata; a row still present at start means the metadata never committed, so the disk is
 * put back the way the database describes it.
 */
@Component
public class MoveJournal {

	private static final Logger log = LoggerFactory.getLogger(MoveJournal.class);

	public enum Operation {
		MOVE, COPY, SHALLOW_COPY
	}

	public record Entry(long id, Operation operation, long ownerId, StoragePath from, StoragePath to) {
	}

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	public MoveJournal(JdbcClient jdbc, TransactionTemplate tx) {
		this.jdbc = jdbc;
		this.tx = tx;
	}

	/** Records the intent in its own transaction, so it survives a crash of the one that follows. */
	public Entry begin(Operation operation, long ownerId, StoragePath from, StoragePath to) {
		return tx.execute(status -> {
			var keys = new GeneratedKeyHolder();
			jdbc.sql("INSERT INTO move_journal (operation, owner_id, from_path, to_path, created_at) VALUES (?, ?, ?, ?, ?)")
				.params(operation.name(), ownerId, from.toString(), to.toString(), Timestamp.from(Instant.now()))
				.update(keys, "id");
			return new Entry(keys.getKey().longValue(), operation, ownerId, from, to);
		});
	}

	/** Called inside the metadata transaction. */
	public void finish(Entry entry) {
		jdbc.sql("DELETE FROM move_journal WHERE id = ?").param(entry.id()).update();
	}

	/** Removes the row after the change failed and was undone in memory and on disk. */
	public void abandon(Entry entry) {
		tx.executeWithoutResult(status -> finish(entry));
	}

	/** Where an overwritten target waits until the change commits. */
	public static String asideName(Entry entry) {
		return "aside-" + entry.id();
	}

	/**
	 * Undoes on disk every change whose metadata did not commit. {@code resolver} maps (owner, path) to the file.
	 */
	public void recover(java.util.function.BiFunction<Long, StoragePath, Path> resolver, Path tempDir,
			DiskStore disk) {
		var pending = jdbc.sql("SELECT id, operation, owner_id, from_path, to_path FROM move_journal ORDER BY id DESC")
			.query((rs, i) -> new Entry(rs.getLong(1), Operation.valueOf(rs.getString(2)), rs.getLong(3),
					StoragePath.parse(rs.getString(4)), StoragePath.parse(rs.getString(5))))
			.list();
		for (Entry entry : pending) {
			Path from = resolver.apply(entry.ownerId(), entry.from());
			Path to = resolver.apply(entry.ownerId(), entry.to());
			Path aside = tempDir.resolve(asideName(entry));
			log.warn("undoing unfinished {} of /{} to /{}", entry.operation(), entry.from(), entry.to());
			if (entry.operation() == Operation.MOVE && Files.exists(to) && !Files.exists(from)) {
				disk.rename(to, from);
			}
			else if (entry.operation() != Operation.MOVE && Files.exists(aside) && Files.exists(to)) {
				DiskStore.deleteTree(to);
			}
			if (Files.exists(aside)) {
				disk.rename(aside, to);
			}
			tx.executeWithoutResult(status -> finish(entry));
		}
	}
}
