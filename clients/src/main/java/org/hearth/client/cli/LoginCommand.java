package org.hearth.client.cli;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.hearth.client.config.CredentialStore;
import org.hearth.client.config.Credentials;
import org.hearth.client.remote.HearthClient;
import org.hearth.client.remote.ServerUrl;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hearth login <serverUrl> --user <login> [--password-stdin]}: trades the password for an app password
 * ({@code GET /ocs/v2.php/core/getapppassword}), looks up the user id ({@code GET /ocs/v1.php/cloud/user}) and stores
 * both; the real password is never written anywhere.
 */
@Command(name = "login", description = "Log in and store an app password (never your real password).")
final class LoginCommand extends AbstractCommand {

	@Parameters(index = "0", paramLabel = "<serverUrl>", description = "e.g. https://cloud.example.org")
	String serverUrl;

	@Option(names = { "-u", "--user" }, required = true, paramLabel = "<login>", description = "Login name.")
	String user;

	@Option(names = "--password-stdin", description = "Read the password from the first line of standard input "
			+ "instead of prompting.")
	boolean passwordStdin;

	@Override
	protected int execute() throws UserException, IOException, InterruptedException {
		URI server;
		try {
			server = ServerUrl.normalize(serverUrl);
		}
		catch (IllegalArgumentException e) {
			throw new UserException(e.getMessage());
		}
		if (user.isBlank()) {
			throw new UserException("--user must not be empty");
		}
		if ("http".equals(server.getScheme()) && !isLoopback(server.getHost())) {
			err().println("hearth: warning: " + server + " is plain http; your password travels unencrypted");
			err().flush();
		}
		char[] password = passwordStdin ? readFirstLine(root.stdin()) : prompt(server);
		String appPassword;
		try {
			if (password.length == 0) {
				throw new UserException("empty password");
			}
			try (HearthClient client = new HearthClient(server, user, new String(password), null)) {
				appPassword = client.obtainAppPassword();
			}
		}
		finally {
			Arrays.fill(password, '\0');
		}
		String userId;
		try (HearthClient client = new HearthClient(server, user, appPassword, null)) {
			userId = client.currentUserId();
		}
		CredentialStore store = root.credentialStore();
		store.save(new Credentials(server, user, userId, appPassword));
		info("logged in to " + server + " as " + userId + "; app password stored in " + store.file());
		return ExitCodes.OK;
	}

	private char[] prompt(URI server) throws UserException {
		Console console = System.console();
		if (console == null) {
			throw new UserException("no terminal to ask for the password; use --password-stdin");
		}
		char[] password = console.readPassword("Password for %s at %s: ", user, server);
		if (password == null) {
			throw new UserException("no password entered");
		}
		return password;
	}

	/** The first line of {@code in} (without its line break), read byte by byte so nothing else is consumed. */
	static char[] readFirstLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) >= 0 && b != '\n') {
			line.write(b);
			if (line.size() > 64 * 1024) {
				throw new IOException("password line on standard input is too long");
			}
		}
		byte[] bytes = line.toByteArray();
		int length = bytes.length;
		if (length > 0 && bytes[length - 1] == '\r') {
			length--;
		}
		java.nio.CharBuffer decoded = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(bytes, 0, length));
		char[] out = new char[decoded.remaining()];
		decoded.get(out);
		if (decoded.hasArray()) {
			Arrays.fill(decoded.array(), '\0');
		}
		Arrays.fill(bytes, (byte) 0);
		return out;
	}

	private static boolean isLoopback(String host) {
		if (host == null) {
			return false;
		}
		if (host.equalsIgnoreCase("localhost")) {
			return true;
		}
		try {
			String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
			if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
				return false; // a name: don't resolve it just for a warning
			}
			return InetAddress.getByName(h).isLoopbackAddress();
		}
		catch (UnknownHostException e) {
			return false;
		}
	}
}
