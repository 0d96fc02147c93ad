package org.hearth.client.cli;

import java.io.PrintStream;
import java.lang.reflect.Method;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.hearth.client.remote.TransferListener;

/**
 * A progress bar on stderr for one transfer or a batch of them (a folder upload), or nothing at all when disabled
 * ({@code --quiet}, or no terminal). Byte counts from several files are added up via {@link #file(long)}.
 */
final class Progress implements AutoCloseable {

	private static final long MIB = 1024 * 1024;

	private final ProgressBar bar;

	private int filesDone;

	private int filesTotal;

	private Progress(ProgressBar bar) {
		this.bar = bar;
	}

	static Progress none() {
		return new Progress(null);
	}

	/**
	 * @param task short label ("put", "get")
	 * @param totalBytes expected bytes, or -1 if unknown
	 */
	static Progress start(boolean enabled, String task, long totalBytes, PrintStream stream) {
		if (!enabled) {
			return none();
		}
		ProgressBar bar = new ProgressBarBuilder().setTaskName(task)
			.setInitialMax(totalBytes)
			.setUnit("MiB", MIB)
			.showSpeed()
			.setUpdateIntervalMillis(250)
			.setStyle(ProgressBarStyle.ASCII)
			.setConsumer(new ConsoleProgressBarConsumer(stream))
			.build();
		return new Progress(bar);
	}

	/** Whether stdout/stdin belong to a terminal, i.e. whether drawing a bar makes sense. */
	static boolean interactive() {
		java.io.Console console = System.console();
		if (console == null) {
			return false;
		}
		try {
			// Java 22+ may return a Console even when redirected; Console.isTerminal() tells (absent on 21)
			Method isTerminal = java.io.Console.class.getMethod("isTerminal");
			return (Boolean) isTerminal.invoke(console);
		}
		catch (NoSuchMethodException onJava21) {
			return true;
		}
		catch (ReflectiveOperationException | RuntimeException e) {
			return false;
		}
	}

	/** A listener for the next file of the batch, whose bytes count from {@code offset} (bytes of earlier files). */
	TransferListener file(long offset) {
		if (bar == null) {
			return TransferListener.NONE;
		}
		return new TransferListener() {
			@Override
			public void started(long totalBytes) {
				if (offset == 0 && totalBytes >= 0 && bar.getMax() <= 0) {
					bar.maxHint(totalBytes);
				}
			}

			@Override
			public void transferred(long bytesSoFar) {
				bar.stepTo(offset + bytesSoFar);
			}
		};
	}

	/** Shows "n/total name" for each file of a batch of {@code total} transfers started with {@link #nextFile}. */
	void countFiles(int total) {
		filesTotal = total;
	}

	void nextFile(String name) {
		filesDone++;
		message(filesDone + "/" + filesTotal + " " + name);
	}

	void message(String text) {
		if (bar != null) {
			bar.setExtraMessage(text);
		}
	}

	@Override
	public void close() {
		if (bar != null) {
			bar.close();
		}
	}
}
