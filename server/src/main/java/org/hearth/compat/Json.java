package org.hearth.compat;

import tools.jackson.databind.json.JsonMapper;

/** One JSON writer for compat answers whose shape is fixed by the Nextcloud clients. */
final class Json {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	static String write(Object value) {
		return MAPPER.writeValueAsString(value);
	}
}
