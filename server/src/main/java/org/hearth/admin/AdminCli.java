package org.hearth.admin;

import org.hearth.accounts.AccountException;
import org.hearth.storage.StorageException;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import picocli.CommandLine;

/** Runs {@link AdminCommand} inside a Spring context without a web server. */
public final class AdminCli {

	private AdminCli() {
	}

	public static int run(Class<?> application, String[] args) {
		try (var context = new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run("--logging.level.root=WARN", "--logging.level.org.hearth=WARN")) {
			CommandLine.IFactory beans = new CommandLine.IFactory() {
				@Override
				public <K> K create(Class<K> type) throws Exception {
					return type.getPackageName().equals(AdminCommand.class.getPackageName())
							? context.getAutowireCapableBeanFactory().createBean(type)
							: CommandLine.defaultFactory().create(type);
				}
			};
			CommandLine commandLine = new CommandLine(AdminCommand.class, beans);
			commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
				if (e instanceof AccountException || e instanceof StorageException) {
					cmd.getErr().println("error: " + e.getMessage());
					return 1;
				}
				throw e;
			});
			return commandLine.execute(args);
		}
	}
}
