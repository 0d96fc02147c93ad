package org.hearth.accounts.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The URLs handed to clients follow the request they came from; the desktop refuses http URLs from an https server. */
class LoginFlowControllerTest {

	@Test
	void anHttpsRequestGetsHttpsUrls() {
		assertThat(LoginFlowController.baseUrl(request("https", "cloud.example.org", 443, "")))
			.isEqualTo("https://cloud.example.org");
		assertThat(LoginFlowController.baseUrl(request("https", "cloud.example.org", 8443, "/hearth")))
			.isEqualTo("https://cloud.example.org:8443/hearth");
		assertThat(LoginFlowController.baseUrl(request("http", "127.0.0.1", 8080, "")))
			.isEqualTo("http://127.0.0.1:8080");
	}

	private static MockHttpServletRequest request(String scheme, String host, int port, String contextPath) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", contextPath + "/index.php/login/v2");
		request.setScheme(scheme);
		request.setServerName(host);
		request.setServerPort(port);
		request.setContextPath(contextPath);
		return request;
	}
}
