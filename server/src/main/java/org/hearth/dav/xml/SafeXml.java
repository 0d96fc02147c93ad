package org.hearth.dav.xml;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Parses request bodies with DOCTYPEs refused, so entity expansion ("billion laughs") and external entities never
 * happen, and with a size cap. Malformed input is a {@link BadXml}, answered 400.
 */
public final class SafeXml {

	public static final String DAV = "DAV:";

	/** Property bodies larger than this are refused (413). */
	public static final int MAX_BODY_BYTES = 1024 * 1024;

	public static class BadXml extends Exception {

		public BadXml(String message) {
			super(message);
		}
	}

	public static class TooLarge extends Exception {

		public TooLarge() {
			super("request body too large");
		}
	}

	private static final DocumentBuilderFactory FACTORY = factory();

	private SafeXml() {
	}

	private static DocumentBuilderFactory factory() {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		factory.setExpandEntityReferences(false);
		factory.setXIncludeAware(false);
		try {
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
			factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
		}
		catch (ParserConfigurationException e) {
			throw new IllegalStateException(e);
		}
		return factory;
	}

	/** Reads at most {@link #MAX_BODY_BYTES}; returns null for an empty body. */
	public static Document parse(InputStream body) throws BadXml, TooLarge, IOException {
		byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
		if (bytes.length > MAX_BODY_BYTES) {
			throw new TooLarge();
		}
		if (bytes.length == 0 || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
			return null;
		}
		try {
			DocumentBuilder builder = FACTORY.newDocumentBuilder();
			builder.setErrorHandler(null);
			return builder.parse(new java.io.ByteArrayInputStream(bytes));
		}
		catch (SAXException e) {
			throw new BadXml("malformed XML: " + e.getMessage());
		}
		catch (ParserConfigurationException e) {
			throw new IllegalStateException(e);
		}
	}

	public static boolean is(Node node, String namespace, String localName) {
		return node instanceof Element e && namespace.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName());
	}

	/** The first child element with this name, or null. */
	public static Element child(Element parent, String namespace, String localName) {
		for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
			if (is(n, namespace, localName)) {
				return (Element) n;
			}
		}
		return null;
	}

	/** Child elements, skipping text (some clients send stray text between elements). */
	public static java.util.List<Element> children(Element parent) {
		java.util.List<Element> elements = new java.util.ArrayList<>();
		for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
			if (n instanceof Element e) {
				elements.add(e);
			}
		}
		return elements;
	}

	/**
	 * The content of an element as an XML fragment in which every element declares the namespaces it uses, so the
	 * fragment can be stored and written back inside any other document.
	 */
	public static String innerXml(Element element) {
		StringWriter out = new StringWriter();
		try {
			Transformer transformer = TransformerFactory.newInstance().newTransformer();
			transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
			for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
				transformer.transform(new DOMSource(n), new StreamResult(out));
			}
		}
		catch (TransformerException e) {
			throw new IllegalStateException(e);
		}
		return out.toString();
	}

	public static String namespaceOf(Element element) {
		return element.getNamespaceURI() == null ? "" : element.getNamespaceURI();
	}
}
