package org.hearth.backup.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code backup_receipts} table: one row per owner, device and folder, added to as uploads arrive. */
@Repository
public class ReceiptRepository {

	/** One row, or a change to add to it. Times are epoch seconds. */
	public record Receipt(long ownerId, String device, String folder, long files, long bytes, long newestMtime,
			long lastUpload) {

		public Receipt plus(Receipt more) {
			return new Receipt(ownerId, device, folder, files + more.files, bytes + more.bytes,
					Math.max(newestMtime, more.newestMtime), Math.max(lastUpload, more.lastUpload));
		}
	}

	private final JdbcClient jdbc;

	public ReceiptRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Receipt> of(long ownerId) {
		return jdbc.sql("SELECT owner_id, device, folder_path, files, bytes, newest_mtime, last_upload"
				+ " FROM backup_receipts WHERE owner_id = ?")
			.param(ownerId)
			.query((rs, i) -> new Receipt(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
					rs.getLong(5), rs.getLong(6), rs.getLong(7)))
			.list();
	}

	/** Adds a change to its row, creating the row the first time. Called by one writer at a time. */
	public void add(Receipt change) {
		int updated = jdbc.sql("UPDATE backup_receipts SET files = files + ?, bytes = bytes + ?,"
				+ " newest_mtime = GREATEST(newest_mtime, ?), last_upload = GREATEST(last_upload, ?)"
				+ " WHERE owner_id = ? AND device = ? AND folder_hash = ?")
			.params(change.files(), change.bytes(), change.newestMtime(), change.lastUpload(), change.ownerId(),
					change.device(), hash(change.folder()))
			.update();
		if (updated == 0) {
			jdbc.sql("INSERT INTO backup_receipts (owner_id, device, folder_path, folder_hash, files, bytes,"
					+ " newest_mtime, last_upload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
				.params(change.ownerId(), change.device(), change.folder(), hash(change.folder()), change.files(),
						change.bytes(), change.newestMtime(), change.lastUpload())
				.update();
		}
	}

	private static String hash(String folder) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-1").digest(folder.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
