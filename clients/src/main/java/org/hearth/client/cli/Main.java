package org.hearth.client.cli;

import picocli.CommandLine;

/** Entry point of {@code hearth.jar}. */
public final class Main {

	private Main() {
	}

	public static void main(String[] args) {
		// the JDK's HTTP client sends a request body in 16 KiB buffers by default; chunks of 10-100 MB go faster in
		// larger ones (read once, when the client's classes load)
		if (System.getProperty("jdk.httpclient.bufsize") == null) {
			System.setProperty("jdk.httpclient.bufsize", Integer.toString(256 * 1024));
		}
		int exitCode = new CommandLine(new HearthCommand()).execute(args);
		System.exit(exitCode);
	}
}
