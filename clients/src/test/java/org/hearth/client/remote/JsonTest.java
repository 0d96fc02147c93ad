package org.hearth.client.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

	@Test
	void readsOcsAnswers() {
		Object doc = Json.parse("""
				{"ocs":{"meta":{"status":"ok","statuscode":200,"message":"OK"},
				 "data":{"apppassword":"a\\/b\\u00fc\\"x","quota":{"free":-3,"relative":1.5e0},"groups":["a","b"],
				 "email":null,"enabled":true}}}
				""");
		assertThat(Json.string(doc, "ocs", "meta", "statuscode")).isEqualTo("200");
		assertThat(Json.string(doc, "ocs", "data", "apppassword")).isEqualTo("a/bü\"x");
		assertThat(Json.path(doc, "ocs", "data", "quota", "free")).isEqualTo(-3L);
		assertThat(Json.path(doc, "ocs", "data", "quota", "relative")).isEqualTo(1.5);
		assertThat(Json.path(doc, "ocs", "data", "groups")).isEqualTo(List.of("a", "b"));
		assertThat(Json.path(doc, "ocs", "data", "email")).isNull();
		assertThat(Json.path(doc, "ocs", "data", "enabled")).isEqualTo(true);
		assertThat(Json.path(doc, "ocs", "missing", "x")).isNull();
		assertThat(Json.string(doc, "ocs", "data")).isNull();
		assertThat(Json.parse("{}")).isEqualTo(Map.of());
	}

	@Test
	void rejectsMalformedInput() {
		for (String bad : new String[] { "", "{", "{\"a\":}", "[1,]", "{\"a\":1} x", "tru", "\"\\x\"", "<html>" }) {
			assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
		}
	}
}
