package org.hearth.dav.xml;

/** A property's qualified name; the empty namespace is "". */
public record PropName(String namespace, String localName) {

	public static final String OC = "http://owncloud.org/ns";

	public static final String NC = "http://nextcloud.org/ns";

	public static final String MS = "urn:schemas-microsoft-com:";

	public static PropName dav(String localName) {
		return new PropName(SafeXml.DAV, localName);
	}

	public static PropName oc(String localName) {
		return new PropName(OC, localName);
	}

	public static PropName nc(String localName) {
		return new PropName(NC, localName);
	}

	/** An opening tag with the prefixes declared on the multistatus root, or a local declaration. */
	public String open() {
		return "<" + qualified() + declaration() + ">";
	}

	public String close() {
		return "</" + qualified() + ">";
	}

	public String empty() {
		return "<" + qualified() + declaration() + "/>";
	}

	private String qualified() {
		String prefix = knownPrefix();
		if (prefix != null) {
			return prefix + ":" + localName;
		}
		return namespace.isEmpty() ? localName : "x:" + localName;
	}

	private String declaration() {
		if (knownPrefix() != null) {
			return "";
		}
		return namespace.isEmpty() ? " xmlns=\"\"" : " xmlns:x=\"" + XmlText.escape(namespace) + "\"";
	}

	private String knownPrefix() {
		return switch (namespace) {
			case SafeXml.DAV -> "d";
			case OC -> "oc";
			case NC -> "nc";
			default -> null;
		};
	}

	/** The root element's namespace declarations matching {@link #open()}. */
	public static final String ROOT_NAMESPACES = " xmlns:d=\"DAV:\" xmlns:oc=\"" + OC + "\" xmlns:nc=\"" + NC
			+ "\" xmlns:s=\"http://sabredav.org/ns\"";
}
