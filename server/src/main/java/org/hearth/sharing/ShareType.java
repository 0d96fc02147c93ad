package org.hearth.sharing;

import java.util.Arrays;
import java.util.Optional;

/** Nextcloud's share types that Hearth implements. */
public enum ShareType {
	USER(0), GROUP(1), LINK(3);

	private final int code;

	ShareType(int code) {
		this.code = code;
	}

	public int code() {
		return code;
	}

	public static Optional<ShareType> of(int code) {
		return Arrays.stream(values()).filter(type -> type.code == code).findFirst();
	}
}
