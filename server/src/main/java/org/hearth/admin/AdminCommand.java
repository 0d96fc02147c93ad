package org.hearth.admin;

import java.util.concurrent.Callable;

import org.hearth.accounts.UserAccount;
import org.hearth.accounts.UserService;
import org.hearth.storage.ExpiryReport;
import org.hearth.storage.Home;
import org.hearth.storage.ReconcileService;
import org.hearth.storage.RescanReport;
import org.hearth.storage.TrashService;
import org.hearth.storage.VersionService;
import org.springframework.util.unit.DataSize;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code java -jar hearth-server.jar admin …}: user administration and rescans against the configured database and
 * data folder. With the embedded H2 database, stop the server first (H2 allows one process).
 */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "Administer Hearth from the command line.",
		subcommands = { AdminCommand.UserCommand.class, AdminCommand.RescanCommand.class,
				AdminCommand.VersionsCommand.class, AdminCommand.TrashCommand.class })
public class AdminCommand {

	@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage accounts.",
			subcommands = { Add.class, ListUsers.class, Disable.class, Enable.class, Delete.class, Quota.class,
					Password.class })
	static class UserCommand {

	}

	@Command(name = "add", description = "Create an account (the password is read from standard input).")
	static class Add implements Callable<Integer> {

		private final UserService users;

		Add(UserService users) {
			this.users = users;
		}

		@Parameters(index = "0", description = "username")
		String username;

		@Option(names = "--display-name", description = "name shown to others")
		String displayName;

		@Option(names = "--admin", description = "make the account an admin")
		boolean admin;

		@Option(names = "--quota", description = "quota such as 10GB, or 'none' (default)", defaultValue = "none")
		String quota;

		@Override
		public Integer call() throws Exception {
			String password = new String(System.in.readAllBytes()).strip();
			UserAccount user = users.create(username, password, displayName, admin, parseQuota(quota));
			System.out.println("created " + user.username());
			return 0;
		}
	}

	@Command(name = "list", description = "List accounts.")
	static class ListUsers implements Callable<Integer> {

		private final UserService users;

		ListUsers(UserService users) {
			this.users = users;
		}

		@Override
		public Integer call() {
			for (UserAccount user : users.list()) {
				System.out.printf("%-24s %-8s %-5s used %d of %s%n", user.username(), user.enabled() ? "enabled" : "disabled",
						user.admin() ? "admin" : "", user.usedBytes(),
						user.quotaBytes() == Home.UNLIMITED ? "unlimited" : user.quotaBytes());
			}
			return 0;
		}
	}

	/** Disabling and enabling differ only in the flag. */
	abstract static class SetEnabled implements Callable<Integer> {

		private final UserService users;

		SetEnabled(UserService users) {
			this.users = users;
		}

		@Parameters(index = "0")
		String username;

		abstract boolean enabled();

		@Override
		public Integer call() {
			users.setEnabled(username, enabled());
			System.out.println((enabled() ? "enabled " : "disabled ") + username);
			return 0;
		}
	}

	@Command(name = "disable", description = "Disable an account: it can no longer sign in.")
	static class Disable extends SetEnabled {

		Disable(UserService users) {
			super(users);
		}

		@Override
		boolean enabled() {
			return false;
		}
	}

	@Command(name = "enable", description = "Enable an account again.")
	static class Enable extends SetEnabled {

		Enable(UserService users) {
			super(users);
		}

		@Override
		boolean enabled() {
			return true;
		}
	}

	@Command(name = "delete", description = "Delete an account and all its files.")
	static class Delete implements Callable<Integer> {

		private final UserService users;

		Delete(UserService users) {
			this.users = users;
		}

		@Parameters(index = "0")
		String username;

		@Option(names = "--yes", required = true, description = "confirm that the files go too")
		boolean confirmed;

		@Override
		public Integer call() {
			users.delete(username);
			System.out.println("deleted " + username);
			return 0;
		}
	}

	@Command(name = "quota", description = "Set an account's quota, e.g. 50GB or none.")
	static class Quota implements Callable<Integer> {

		private final UserService users;

		Quota(UserService users) {
			this.users = users;
		}

		@Parameters(index = "0")
		String username;

		@Parameters(index = "1")
		String quota;

		@Override
		public Integer call() {
			users.setQuota(username, parseQuota(quota));
			System.out.println("quota of " + username + " set to " + quota);
			return 0;
		}
	}

	@Command(name = "password", description = "Set an account's password (read from standard input).")
	static class Password implements Callable<Integer> {

		private final UserService users;

		Password(UserService users) {
			this.users = users;
		}

		@Parameters(index = "0")
		String username;

		@Override
		public Integer call() throws Exception {
			users.setPassword(username, new String(System.in.readAllBytes()).strip());
			System.out.println("password of " + username + " changed");
			return 0;
		}
	}

	@Command(name = "rescan", description = "Make the metadata match files added, changed or removed on disk.")
	static class RescanCommand implements Callable<Integer> {

		private final ReconcileService reconciler;

		RescanCommand(ReconcileService reconciler) {
			this.reconciler = reconciler;
		}

		@Override
		public Integer call() {
			RescanReport report = reconciler.rescanAll();
			System.out.printf("%d homes: %d added, %d updated, %d removed%n", report.homes(), report.added(),
					report.updated(), report.removed());
			return 0;
		}
	}

	@Command(name = "versions", mixinStandardHelpOptions = true, description = "Manage file versions.",
			subcommands = { ExpireVersions.class })
	static class VersionsCommand {

	}

	@Command(name = "expire", description = "Apply version retention now (it also runs every hour).")
	static class ExpireVersions implements Callable<Integer> {

		private final VersionService versions;

		ExpireVersions(VersionService versions) {
			this.versions = versions;
		}

		@Override
		public Integer call() {
			ExpiryReport report = versions.expire();
			System.out.printf("removed %d versions, %d bytes %s%n", report.removed(), report.bytes(),
					report.byReason());
			return 0;
		}
	}

	@Command(name = "trash", mixinStandardHelpOptions = true, description = "Manage the users' trash.",
			subcommands = { ExpireTrash.class })
	static class TrashCommand {

	}

	@Command(name = "expire", description = "Remove what the retention rules (hearth.trash.*) no longer keep.")
	static class ExpireTrash implements Callable<Integer> {

		private final TrashService trash;

		ExpireTrash(TrashService trash) {
			this.trash = trash;
		}

		@Override
		public Integer call() {
			ExpiryReport report = trash.expire();
			System.out.printf("removed %d trash items, %d bytes %s%n", report.removed(), report.bytes(),
					report.byReason());
			return 0;
		}
	}

	static long parseQuota(String value) {
		if (value.equalsIgnoreCase("none") || value.equalsIgnoreCase("unlimited")) {
			return Home.UNLIMITED;
		}
		return DataSize.parse(value.toUpperCase(java.util.Locale.ROOT)).toBytes();
	}
}
