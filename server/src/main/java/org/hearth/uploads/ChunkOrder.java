package org.hearth.uploads;

import java.util.Comparator;

/**
 * Natural order of part names, as Nextcloud assembles them: runs of digits compare by value, everything else by
 * character. Clients name parts by zero-padded counters or byte offsets ({@code 0000000010000000}), unpadded
 * counters ({@code 1, 2, …, 10}, iOS) or offset ranges ({@code 000000000000000-000000010485759}, rclone); all of them
 * sort right this way.
 */
final class ChunkOrder implements Comparator<String> {

	static final ChunkOrder NATURAL = new ChunkOrder();

	private ChunkOrder() {
	}

	@Override
	public int compare(String a, String b) {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			char ca = a.charAt(i);
			char cb = b.charAt(j);
			if (isDigit(ca) && isDigit(cb)) {
				int endA = digitsEnd(a, i);
				int endB = digitsEnd(b, j);
				int byValue = compareNumbers(a.substring(i, endA), b.substring(j, endB));
				if (byValue != 0) {
					return byValue;
				}
				i = endA;
				j = endB;
			}
			else {
				if (ca != cb) {
					return Character.compare(ca, cb);
				}
				i++;
				j++;
			}
		}
		int byRest = Integer.compare(a.length() - i, b.length() - j);
		// equal by value but spelled differently ("01" and "1"): any fixed order will do, as long as it is total
		return byRest != 0 ? byRest : a.compareTo(b);
	}

	private static int compareNumbers(String a, String b) {
		String x = stripZeros(a);
		String y = stripZeros(b);
		return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
	}

	private static String stripZeros(String digits) {
		int start = 0;
		while (start < digits.length() - 1 && digits.charAt(start) == '0') {
			start++;
		}
		return digits.substring(start);
	}

	private static int digitsEnd(String s, int from) {
		int end = from;
		while (end < s.length() && isDigit(s.charAt(end))) {
			end++;
		}
		return end;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}
}
