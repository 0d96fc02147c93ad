package org.hearth.client.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code .hearthignore} file at the local root: one glob pattern per line, with the meaning of Syncthing's
 * {@code .stignore}. The first pattern that matches a path decides; a path no pattern matches is kept.
 * <ul>
 * <li>{@code *} and {@code ?} stay inside one path segment, {@code **} crosses segments, {@code [a-z]} and
 * {@code {a,b}} work as in {@link java.nio.file.FileSystem#getPathMatcher(String) glob:} patterns;</li>
 * <li>a pattern starting with {@code /} matches from the root only, any other pattern at every depth
 * ({@code *.tmp} ignores {@code a/b/x.tmp});</li>
 * <li>{@code !pattern} keeps what it matches (an exception to later patterns), {@code (?i)pattern} ignores case;</li>
 * <li>{@code #} starts a comment line; blank lines are skipped.</li>
 * </ul>
 * An ignored folder is not descended into. Operating-system junk ({@link #DEFAULTS}) is ignored after the user's own
 * patterns, so a {@code !} line can bring it back; the ignore file itself is never transferred.
 */
public final class IgnoreRules {

	public static final String FILE_NAME = ".hearthignore";

	/** Junk every desktop leaves around, and our own half-downloaded files. */
	static final List<String> DEFAULTS = List.of(".DS_Store", "Thumbs.db", "desktop.ini", "~$*", "*.part");

	private record Rule(List<PathMatcher> matchers, boolean keep, boolean ignoreCase) {

		boolean matches(String relativePath) {
			Path path = Path.of(ignoreCase ? relativePath.toLowerCase(Locale.ROOT) : relativePath);
			for (PathMatcher matcher : matchers) {
				if (matcher.matches(path)) {
					return true;
				}
			}
			return false;
		}
	}

	private final List<Rule> rules;

	private IgnoreRules(List<Rule> rules) {
		this.rules = rules;
	}

	/** The rules of {@code localRoot/.hearthignore} (if there is one) followed by the defaults. */
	public static IgnoreRules load(Path localRoot) throws IOException {
		Path file = localRoot.resolve(FILE_NAME);
		List<String> lines = Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
		return parse(lines);
	}

	/**
	 * @throws IllegalArgumentException naming the line of a pattern that is not a valid glob (the JDK reports those as
	 *     {@link java.util.regex.PatternSyntaxException}, a subclass)
	 */
	public static IgnoreRules parse(List<String> lines) {
		List<Rule> rules = new ArrayList<>();
		rules.add(rule("/" + FILE_NAME));
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			try {
				rules.add(rule(line));
			}
			catch (IllegalArgumentException e) {
				throw new IllegalArgumentException(FILE_NAME + " line " + (i + 1) + ": invalid pattern '" + line + "'");
			}
		}
		for (String pattern : DEFAULTS) {
			rules.add(rule(pattern));
		}
		return new IgnoreRules(List.copyOf(rules));
	}

	private static Rule rule(String line) {
		String pattern = line;
		boolean keep = false;
		boolean ignoreCase = false;
		while (true) {
			if (pattern.startsWith("!")) {
				keep = true;
				pattern = pattern.substring(1);
			}
			else if (pattern.startsWith("(?i)")) {
				ignoreCase = true;
				pattern = pattern.substring(4);
			}
			else {
				break;
			}
		}
		boolean anchored = pattern.startsWith("/");
		while (pattern.startsWith("/")) {
			pattern = pattern.substring(1);
		}
		while (pattern.endsWith("/")) {
			pattern = pattern.substring(0, pattern.length() - 1);
		}
		if (pattern.isEmpty()) {
			throw new IllegalArgumentException("empty pattern");
		}
		if (ignoreCase) {
			pattern = pattern.toLowerCase(Locale.ROOT);
		}
		List<PathMatcher> matchers = new ArrayList<>();
		matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
		if (!anchored) {
			// "**/x" needs at least one folder before x; the plain pattern covers the root level
			matchers.add(FileSystems.getDefault().getPathMatcher("glob:**/" + pattern));
		}
		return new Rule(List.copyOf(matchers), keep, ignoreCase);
	}

	/** Whether a path ('/'-separated, relative to the local root, no leading slash) is to be left out. */
	public boolean ignored(String relativePath) {
		for (Rule rule : rules) {
			if (rule.matches(relativePath)) {
				return !rule.keep();
			}
		}
		return false;
	}
}
