package org.hearth.storage;

import java.util.List;

/**
 * A search over one home's files and folders below a scope: a condition tree, an order and a page. Storage turns it
 * into one query; adapters (DAV SEARCH, the web app) build it from their own syntax.
 *
 * @param scope results lie strictly below this folder
 * @param order sort order; null means by path
 * @param limit at most this many results (capped at {@link #MAX_RESULTS})
 * @param offset results to skip, for paging
 */
public record NodeSearch(StoragePath scope, Condition where, Order order, int limit, int offset) {

	public static final int MAX_RESULTS = 5_000;

	public NodeSearch {
		if (limit <= 0 || limit > MAX_RESULTS) {
			limit = MAX_RESULTS;
		}
		offset = Math.max(0, offset);
	}

	/** What a condition or an order can look at. */
	public enum Field {
		NAME, MIME_TYPE, MTIME, SIZE, FILE_ID, UPLOAD_TIME
	}

	public enum Comparison {
		EQ, LT, LTE, GT, GTE
	}

	public record Order(Field field, boolean descending) {
	}

	/** A condition on a node. */
	public sealed interface Condition {
	}

	/** Every condition holds; none at all always holds. */
	public record All(List<Condition> conditions) implements Condition {
	}

	public record Any(List<Condition> conditions) implements Condition {
	}

	public record Not(Condition condition) implements Condition {
	}

	/** {@code field op value}; value is a Long for numeric fields, a String otherwise. */
	public record Compare(Field field, Comparison comparison, Object value) implements Condition {
	}

	/** Case-insensitive SQL-style pattern: {@code %} any run of characters, {@code _} one character. */
	public record Like(Field field, String pattern) implements Condition {
	}

	public record IsFolder() implements Condition {
	}

	/** The node carries a stored property with exactly this value (e.g. a favourite mark). */
	public record HasProperty(DeadProperty property) implements Condition {
	}
}
