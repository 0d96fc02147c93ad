package org.hearth.dav;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The WebDAV {@code If} header (RFC 4918 §10.4): lists of state tokens and etags, possibly tagged with a resource.
 * The header holds when any list holds; every state token in it counts as submitted for lock checks.
 */
public final class IfHeader {

	/** One condition: a state token or an etag, possibly negated. */
	record Condition(boolean not, String token, String etag) {
	}

	/** A parenthesised list, tagged with a resource URL or applying to the request URL (tag null). */
	record ConditionList(String tag, List<Condition> conditions) {
	}

	/** What a condition list is checked against. */
	public record ResourceState(String etag, Set<String> lockTokens) {
	}

	public static class Malformed extends RuntimeException {

		Malformed(String message) {
			super(message);
		}
	}

	private final List<ConditionList> lists;

	private IfHeader(List<ConditionList> lists) {
		this.lists = lists;
	}

	public static IfHeader parse(String header) {
		List<ConditionList> lists = new ArrayList<>();
		if (header == null || header.isBlank()) {
			return new IfHeader(lists);
		}
		int i = 0;
		String tag = null;
		int n = header.length();
		while (i < n) {
			char c = header.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (c == '<') {
				int end = header.indexOf('>', i);
				if (end < 0) {
					throw new Malformed("unterminated resource tag");
				}
				tag = header.substring(i + 1, end);
				i = end + 1;
			}
			else if (c == '(') {
				int end = header.indexOf(')', i);
				if (end < 0) {
					throw new Malformed("unterminated list");
				}
				lists.add(new ConditionList(tag, conditions(header.substring(i + 1, end))));
				i = end + 1;
			}
			else {
				throw new Malformed("unexpected '" + c + "' in If header");
			}
		}
		return new IfHeader(lists);
	}

	private static List<Condition> conditions(String body) {
		List<Condition> conditions = new ArrayList<>();
		int i = 0;
		boolean not = false;
		while (i < body.length()) {
			char c = body.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (body.regionMatches(true, i, "Not", 0, 3)) {
				not = true;
				i += 3;
			}
			else if (c == '<') {
				int end = body.indexOf('>', i);
				if (end < 0) {
					throw new Malformed("unterminated state token");
				}
				conditions.add(new Condition(not, body.substring(i + 1, end), null));
				not = false;
				i = end + 1;
			}
			else if (c == '[') {
				int end = body.indexOf(']', i);
				if (end < 0) {
					throw new Malformed("unterminated etag");
				}
				conditions.add(new Condition(not, null, DavHeaders.unquoteEtag(body.substring(i + 1, end))));
				not = false;
				i = end + 1;
			}
			else {
				throw new Malformed("unexpected '" + c + "' in If list");
			}
		}
		if (conditions.isEmpty()) {
			throw new Malformed("empty If list");
		}
		return conditions;
	}

	public boolean isEmpty() {
		return lists.isEmpty();
	}

	/** Every state token named anywhere in the header. */
	public Set<String> tokens() {
		Set<String> tokens = new HashSet<>();
		for (ConditionList list : lists) {
			for (Condition condition : list.conditions()) {
				if (condition.token() != null) {
					tokens.add(condition.token());
				}
			}
		}
		return tokens;
	}

	/**
	 * True when the header is absent or any list holds. {@code stateOf} gives the state of a tagged resource (null
	 * tag = the request URL); it answers null for a resource that does not exist.
	 */
	public boolean holds(Function<String, ResourceState> stateOf) {
		if (lists.isEmpty()) {
			return true;
		}
		for (ConditionList list : lists) {
			ResourceState state = stateOf.apply(list.tag());
			if (listHolds(list, state)) {
				return true;
			}
		}
		return false;
	}

	private static boolean listHolds(ConditionList list, ResourceState state) {
		for (Condition condition : list.conditions()) {
			boolean matches;
			if (condition.token() != null) {
				matches = state != null && state.lockTokens().contains(condition.token());
			}
			else {
				matches = state != null && condition.etag().equals(state.etag());
			}
			if (matches == condition.not()) {
				return false;
			}
		}
		return true;
	}
}
