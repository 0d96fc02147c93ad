package org.hearth.client.remote;

import java.io.InputStream;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams a WebDAV {@code d:multistatus} (RFC 4918) into {@link DavResource}s.
 *
 * <p>Namespace-aware StAX with DTDs and external entities switched off, so a hostile server cannot make the client read
 * local files (XXE) or blow up memory with entity expansion. Only properties in a {@code d:propstat} whose
 * {@code d:status} is 2xx are used; a {@code d:response} with a non-2xx top-level {@code d:status} is skipped.
 */
public final class MultistatusParser {

	public static final String DAV = "DAV:";
	public static final String OC = "http://owncloud.org/ns";
	public static final String NC = "http://nextcloud.org/ns";
	public static final String SABRE = "http://sabredav.org/ns";

	private static final XMLInputFactory FACTORY = secureFactory();

	private MultistatusParser() {
	}

	static XMLInputFactory secureFactory() {
		XMLInputFactory factory = XMLInputFactory.newFactory();
		factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		trySet(factory, XMLConstants.ACCESS_EXTERNAL_DTD, "");
		trySet(factory, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
		return factory;
	}

	private static void trySet(XMLInputFactory factory, String name, Object value) {
		try {
			factory.setProperty(name, value);
		}
		catch (IllegalArgumentException notSupported) {
			// another StAX implementation; the standard switches above already disable DTDs
		}
	}

	/** Parses a multistatus body; hrefs are kept raw and {@link DavResource#path()} is left null. */
	public static List<DavResource> parse(InputStream body) throws XMLStreamException {
		XMLStreamReader xml = FACTORY.createXMLStreamReader(body);
		try {
			List<DavResource> out = new ArrayList<>();
			boolean sawMultistatus = false;
			while (xml.hasNext()) {
				if (xml.next() == XMLStreamConstants.START_ELEMENT) {
					if (is(xml, DAV, "multistatus")) {
						sawMultistatus = true;
					}
					else if (is(xml, DAV, "response")) {
						DavResource resource = readResponse(xml);
						if (resource != null) {
							out.add(resource);
						}
					}
				}
			}
			if (!sawMultistatus) {
				throw new XMLStreamException("not a WebDAV multistatus document");
			}
			return out;
		}
		finally {
			xml.close();
		}
	}

	/** Reads one {@code d:response}; the reader is positioned on its start tag and is left on its end tag. */
	private static DavResource readResponse(XMLStreamReader xml) throws XMLStreamException {
		String href = null;
		int responseStatus = 200;
		Props accepted = new Props();
		while (xml.hasNext()) {
			int event = xml.next();
			if (event == XMLStreamConstants.END_ELEMENT && is(xml, DAV, "response")) {
				break;
			}
			if (event != XMLStreamConstants.START_ELEMENT) {
				continue;
			}
			if (is(xml, DAV, "href") && href == null) {
				href = xml.getElementText().trim();
			}
			else if (is(xml, DAV, "status")) {
				responseStatus = statusCode(xml.getElementText());
			}
			else if (is(xml, DAV, "propstat")) {
				Props props = new Props();
				int status = readPropstat(xml, props);
				if (status >= 200 && status < 300) {
					accepted.merge(props);
				}
			}
		}
		if (href == null || responseStatus < 200 || responseStatus >= 300) {
			return null;
		}
		long size = accepted.ocSize >= 0 ? accepted.ocSize : accepted.contentLength;
		return new DavResource(href, null, lastSegment(href), accepted.collection, size, accepted.lastModified,
				accepted.etag, accepted.fileId, accepted.checksums);
	}

	private static int readPropstat(XMLStreamReader xml, Props props) throws XMLStreamException {
		int status = 200;
		int depth = 1;
		while (xml.hasNext() && depth > 0) {
			int event = xml.next();
			if (event == XMLStreamConstants.END_ELEMENT) {
				depth--;
				continue;
			}
			if (event != XMLStreamConstants.START_ELEMENT) {
				continue;
			}
			depth++;
			if (is(xml, DAV, "status")) {
				status = statusCode(xml.getElementText());
				depth--;
			}
			else if (is(xml, DAV, "resourcetype")) {
				props.collection = readResourceType(xml);
				depth--;
			}
			else if (is(xml, DAV, "getcontentlength")) {
				props.contentLength = parseLong(xml.getElementText());
				depth--;
			}
			else if (is(xml, OC, "size")) {
				props.ocSize = parseLong(xml.getElementText());
				depth--;
			}
			else if (is(xml, DAV, "getlastmodified")) {
				props.lastModified = parseHttpDate(xml.getElementText());
				depth--;
			}
			else if (is(xml, DAV, "getetag")) {
				props.etag = unquote(xml.getElementText());
				depth--;
			}
			else if (is(xml, OC, "checksums")) {
				props.checksums = readChecksums(xml);
				depth--;
			}
			else if (is(xml, OC, "fileid")) {
				String id = xml.getElementText().trim();
				props.fileId = id.isEmpty() ? null : id;
				depth--;
			}
		}
		return status;
	}

	/** The {@code oc:checksum} texts inside {@code oc:checksums}, joined by spaces, or null; ends on its end tag. */
	private static String readChecksums(XMLStreamReader xml) throws XMLStreamException {
		StringBuilder joined = new StringBuilder();
		int depth = 1;
		while (xml.hasNext() && depth > 0) {
			int event = xml.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				if (is(xml, OC, "checksum")) {
					joined.append(' ').append(xml.getElementText().trim());
				}
				else {
					depth++;
				}
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				depth--;
			}
		}
		String text = joined.toString().trim();
		return text.isEmpty() ? null : text;
	}

	/** True when the resourcetype (reader on its start tag) contains d:collection; leaves the reader on its end tag. */
	private static boolean readResourceType(XMLStreamReader xml) throws XMLStreamException {
		boolean collection = false;
		int depth = 1;
		while (xml.hasNext() && depth > 0) {
			int event = xml.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				depth++;
				if (is(xml, DAV, "collection")) {
					collection = true;
				}
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				depth--;
			}
		}
		return collection;
	}

	private static boolean is(XMLStreamReader xml, String namespace, String localName) {
		return localName.equals(xml.getLocalName()) && namespace.equals(xml.getNamespaceURI());
	}

	/** {@code "HTTP/1.1 404 Not Found"} → 404; unparsable → 500. */
	static int statusCode(String statusLine) {
		String[] parts = statusLine.trim().split("\\s+");
		if (parts.length >= 2) {
			try {
				return Integer.parseInt(parts[1]);
			}
			catch (NumberFormatException ignored) {
				// fall through
			}
		}
		return 500;
	}

	private static long parseLong(String text) {
		try {
			return Long.parseLong(text.trim());
		}
		catch (NumberFormatException e) {
			return -1;
		}
	}

	static Instant parseHttpDate(String text) {
		String t = text.trim();
		if (t.isEmpty()) {
			return null;
		}
		try {
			return ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
		}
		catch (DateTimeParseException notRfc1123) {
			try {
				return Instant.parse(t);
			}
			catch (DateTimeParseException e) {
				return null;
			}
		}
	}

	static String unquote(String etag) {
		String e = etag.trim();
		if (e.startsWith("W/")) {
			e = e.substring(2);
		}
		if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
			e = e.substring(1, e.length() - 1);
		}
		return e.isEmpty() ? null : e;
	}

	private static String lastSegment(String href) {
		String path = DavPaths.hrefPath(href);
		while (path.endsWith("/") && path.length() > 1) {
			path = path.substring(0, path.length() - 1);
		}
		return DavPaths.name(path);
	}

	/** The {@code s:message} of a Sabre/Nextcloud {@code d:error} body, or null. */
	static String sabreMessage(String body) {
		if (body == null || body.isBlank() || !body.contains("<")) {
			return null;
		}
		try {
			XMLStreamReader xml = secureFactory().createXMLStreamReader(new java.io.StringReader(body));
			try {
				while (xml.hasNext()) {
					if (xml.next() == XMLStreamConstants.START_ELEMENT && "message".equals(xml.getLocalName())
							&& SABRE.equals(xml.getNamespaceURI())) {
						String text = xml.getElementText().strip();
						return text.isEmpty() ? null : text;
					}
				}
			}
			finally {
				xml.close();
			}
		}
		catch (XMLStreamException notXml) {
			// not a Sabre error body
		}
		return null;
	}

	private static final class Props {

		boolean collection;

		long contentLength = -1;

		long ocSize = -1;

		Instant lastModified;

		String etag;

		String fileId;

		String checksums;

		void merge(Props other) {
			collection |= other.collection;
			if (other.contentLength >= 0) {
				contentLength = other.contentLength;
			}
			if (other.ocSize >= 0) {
				ocSize = other.ocSize;
			}
			if (other.lastModified != null) {
				lastModified = other.lastModified;
			}
			if (other.etag != null) {
				etag = other.etag;
			}
			if (other.fileId != null) {
				fileId = other.fileId;
			}
			if (other.checksums != null) {
				checksums = other.checksums;
			}
		}
	}
}
