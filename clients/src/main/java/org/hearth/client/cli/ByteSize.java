package org.hearth.client.cli;

import java.util.Locale;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses sizes like {@code 10M}, {@code 512k}, {@code 1G} or plain bytes (binary units: 1K = 1024 bytes). */
final class ByteSize implements ITypeConverter<Long> {

	@Override
	public Long convert(String value) {
		String v = value.strip().toUpperCase(Locale.ROOT).replaceFirst("I?B$", "");
		long unit = 1;
		if (!v.isEmpty() && "KMG".indexOf(v.charAt(v.length() - 1)) >= 0) {
			unit = 1L << (10 * ("KMG".indexOf(v.charAt(v.length() - 1)) + 1));
			v = v.substring(0, v.length() - 1);
		}
		try {
			long n = Long.parseLong(v.strip());
			if (n <= 0) {
				throw new TypeConversionException("must be positive: " + value);
			}
			return Math.multiplyExact(n, unit);
		}
		catch (NumberFormatException | ArithmeticException e) {
			throw new TypeConversionException("not a size (like 10M, 512K or 1048576): " + value);
		}
	}
}
