package org.hearth.client.remote;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The client's version, from {@code version.properties} (filtered by Maven). */
public final class Version {

	public static final String VERSION = load();

	private Version() {
	}

	private static String load() {
		try (InputStream in = Version.class.getResourceAsStream("/org/hearth/client/version.properties")) {
			if (in != null) {
				Properties p = new Properties();
				p.load(in);
				String v = p.getProperty("version", "").strip();
				if (!v.isEmpty() && !v.startsWith("@")) {
					return v;
				}
			}
		}
		catch (IOException ignored) {
			// fall through
		}
		return "dev";
	}
}
