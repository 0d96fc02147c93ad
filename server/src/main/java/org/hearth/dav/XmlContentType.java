package org.hearth.dav;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * The Content-Type of DAV's XML answers, exactly {@value #VALUE}. The Nextcloud desktop client accepts a multistatus
 * only when the header reads {@code application/xml; charset=utf-8} with the space (it compares strings), but Tomcat
 * rewrites any charset parameter to {@code ;charset=}. So the header is set on Tomcat's low-level response, which
 * {@link Exposer} makes reachable for each request.
 */
public final class XmlContentType {

	public static final String VALUE = "application/xml; charset=utf-8";

	private static final String COYOTE_RESPONSE = XmlContentType.class.getName() + ".coyoteResponse";

	private XmlContentType() {
	}

	public static void set(HttpServletRequest request, HttpServletResponse response) {
		if (request.getAttribute(COYOTE_RESPONSE) instanceof org.apache.coyote.Response coyote) {
			coyote.setContentTypeNoCharset(VALUE);
		}
		else {
			response.setContentType(VALUE);
		}
	}

	/** A Tomcat valve that hands each request its low-level response. */
	static final class Exposer extends ValveBase {

		Exposer() {
			super(true);
		}

		@Override
		public void invoke(Request request, Response response) throws IOException, ServletException {
			request.setAttribute(COYOTE_RESPONSE, response.getCoyoteResponse());
			getNext().invoke(request, response);
		}
	}
}
