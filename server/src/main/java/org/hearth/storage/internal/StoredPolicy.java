package org.hearth.storage.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One admin policy kept in the settings table under its own name prefix, read once and then served from memory; a
 * change made through here replaces the copy in memory too, so it applies to the next request. Only values that
 * differ from the defaults are stored: one set back to its default follows the defaults (the configuration) again.
 */
public final class StoredPolicy<T> {

	private final SettingsRepository settings;

	private final String prefix;

	private final Function<Map<String, String>, T> read;

	private final Function<T, Map<String, String>> write;

	private final Map<String, String> defaults;

	private volatile T current;

	/**
	 * @param read the policy from the stored values (names without the prefix); absent names take their defaults
	 * @param write the values to store for a policy (names without the prefix)
	 * @param defaults the policy when nothing is stored
	 */
	public StoredPolicy(SettingsRepository settings, String prefix, Function<Map<String, String>, T> read,
			Function<T, Map<String, String>> write, T defaults) {
		this.settings = settings;
		this.prefix = prefix;
		this.read = read;
		this.write = write;
		this.defaults = write.apply(defaults);
	}

	public T current() {
		T known = current;
		if (known == null) {
			Map<String, String> stored = new HashMap<>();
			settings.withPrefix(prefix).forEach((name, value) -> stored.put(name.substring(prefix.length()), value));
			known = read.apply(stored);
			current = known;
		}
		return known;
	}

	public T update(T policy) {
		Map<String, String> values = new HashMap<>();
		Set<String> removed = new HashSet<>();
		write.apply(policy).forEach((name, value) -> {
			if (value.equals(defaults.get(name))) {
				removed.add(prefix + name);
			}
			else {
				values.put(prefix + name, value);
			}
		});
		settings.put(values, removed);
		current = policy;
		return policy;
	}
}
