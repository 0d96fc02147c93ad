package org.hearth.client.cli;

import picocli.CommandLine;

/** Entry point of {@code hearth.jar}. */
public final class Main {

	private Main() {
	}

	public static void main(String[] args) {
		int exitCode = new CommandLine(new HearthCommand()).execute(args);
		System.exit(exitCode);
	}
}
