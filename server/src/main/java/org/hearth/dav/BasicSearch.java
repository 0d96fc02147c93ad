package org.hearth.dav;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hearth.dav.xml.PropName;
import org.hearth.dav.xml.SafeXml;
import org.hearth.storage.DeadProperty;
import org.hearth.storage.NodeSearch;
import org.hearth.storage.NodeSearch.Comparison;
import org.hearth.storage.NodeSearch.Condition;
import org.hearth.storage.NodeSearch.Field;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads a DAV SEARCH body ({@code d:searchrequest/d:basicsearch}, RFC 5323, as the Nextcloud phone apps send it for
 * their media and favourites views: spec §11) into the properties to return, the scope and a storage search.
 */
record BasicSearch(PropfindMethod.Request select, String scopeHref, NodeSearch.Condition where,
		NodeSearch.Order order, int limit, int offset) {

	/** Nextcloud's SearchDAV extension for paging: {@code <ns:firstresult>} inside {@code d:limit}. */
	static final String SEARCHDAV_NS = "https://github.com/icewind1991/SearchDAV/ns";

	private static final Map<PropName, Field> FIELDS = Map.of(PropName.dav("displayname"), Field.NAME,
			PropName.dav("getcontenttype"), Field.MIME_TYPE, PropName.dav("getlastmodified"), Field.MTIME,
			PropName.dav("getcontentlength"), Field.SIZE, PropName.oc("size"), Field.SIZE, PropName.oc("fileid"),
			Field.FILE_ID, PropName.nc("upload_time"), Field.UPLOAD_TIME, PropName.nc("creation_time"),
			Field.UPLOAD_TIME);

	private static final Map<String, Comparison> COMPARISONS = Map.of("eq", Comparison.EQ, "lt", Comparison.LT, "lte",
			Comparison.LTE, "gt", Comparison.GT, "gte", Comparison.GTE);

	static BasicSearch parse(Document document) throws SafeXml.BadXml {
		if (document == null || !SafeXml.is(document.getDocumentElement(), SafeXml.DAV, "searchrequest")) {
			throw new SafeXml.BadXml("expected a DAV:searchrequest element");
		}
		Element basic = required(document.getDocumentElement(), "basicsearch");
		Element select = SafeXml.child(basic, SafeXml.DAV, "select");
		Element prop = select == null ? null : SafeXml.child(select, SafeXml.DAV, "prop");
		PropfindMethod.Request wanted = prop == null ? new PropfindMethod.Request(PropfindMethod.Mode.ALLPROP, List.of())
				: new PropfindMethod.Request(PropfindMethod.Mode.PROP, PropfindMethod.names(prop));
		Element scope = required(required(required(basic, "from"), "scope"), "href");
		Element where = SafeXml.child(basic, SafeXml.DAV, "where");
		Condition condition = where == null ? new NodeSearch.All(List.of()) : condition(onlyChild(where));
		NodeSearch.Order order = order(SafeXml.child(basic, SafeXml.DAV, "orderby"));
		int limit = 0;
		int offset = 0;
		Element limits = SafeXml.child(basic, SafeXml.DAV, "limit");
		if (limits != null) {
			Element results = SafeXml.child(limits, SafeXml.DAV, "nresults");
			Element first = SafeXml.child(limits, SEARCHDAV_NS, "firstresult");
			limit = results == null ? 0 : (int) Math.min(Integer.MAX_VALUE, number(results.getTextContent()));
			offset = first == null ? 0 : (int) Math.min(Integer.MAX_VALUE, number(first.getTextContent()));
		}
		return new BasicSearch(wanted, scope.getTextContent().trim(), condition, order, limit, offset);
	}

	private static Condition condition(Element element) throws SafeXml.BadXml {
		if (!SafeXml.DAV.equals(SafeXml.namespaceOf(element))) {
			throw new SafeXml.BadXml("unknown search operator " + element.getLocalName());
		}
		String operator = element.getLocalName();
		switch (operator) {
			case "and", "or" -> {
				List<Condition> parts = new ArrayList<>();
				for (Element child : SafeXml.children(element)) {
					parts.add(condition(child));
				}
				return operator.equals("and") ? new NodeSearch.All(parts) : new NodeSearch.Any(parts);
			}
			case "not" -> {
				return new NodeSearch.Not(condition(onlyChild(element)));
			}
			case "is-collection" -> {
				return new NodeSearch.IsFolder();
			}
			case "like" -> {
				PropName name = property(element);
				return new NodeSearch.Like(field(name), literal(element));
			}
			default -> {
				Comparison comparison = COMPARISONS.get(operator);
				if (comparison == null) {
					throw new SafeXml.BadXml("unsupported search operator " + operator);
				}
				PropName name = property(element);
				String value = literal(element);
				if (name.equals(LiveProperties.FAVORITE) && comparison == Comparison.EQ) {
					Condition favourite = new NodeSearch.HasProperty(
							new DeadProperty(name.namespace(), name.localName(), "1"));
					return value.equals("1") ? favourite : new NodeSearch.Not(favourite);
				}
				Field field = field(name);
				return new NodeSearch.Compare(field, comparison, value(field, value));
			}
		}
	}

	private static NodeSearch.Order order(Element orderBy) throws SafeXml.BadXml {
		if (orderBy == null) {
			return null;
		}
		Element first = SafeXml.child(orderBy, SafeXml.DAV, "order");
		if (first == null) {
			return null;
		}
		return new NodeSearch.Order(field(property(first)),
				SafeXml.child(first, SafeXml.DAV, "descending") != null);
	}

	private static PropName property(Element operator) throws SafeXml.BadXml {
		Element prop = required(operator, "prop");
		Element name = onlyChild(prop);
		return new PropName(SafeXml.namespaceOf(name), name.getLocalName());
	}

	private static Field field(PropName name) throws SafeXml.BadXml {
		Field field = FIELDS.get(name);
		if (field == null) {
			throw new SafeXml.BadXml("cannot search or sort by " + name.localName());
		}
		return field;
	}

	private static String literal(Element operator) throws SafeXml.BadXml {
		return required(operator, "literal").getTextContent().trim();
	}

	/** Numbers for numeric fields; dates as epoch seconds, ISO 8601 or HTTP dates. */
	private static Object value(Field field, String literal) throws SafeXml.BadXml {
		return switch (field) {
			case NAME, MIME_TYPE -> literal;
			case SIZE, FILE_ID -> number(literal);
			case MTIME, UPLOAD_TIME -> epochSeconds(literal);
		};
	}

	private static long epochSeconds(String literal) throws SafeXml.BadXml {
		if (literal.matches("-?\\d+")) {
			return number(literal);
		}
		try {
			return OffsetDateTime.parse(literal).toEpochSecond();
		}
		catch (DateTimeParseException notIso) {
			try {
				return ZonedDateTime.parse(literal, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
			}
			catch (DateTimeParseException notHttp) {
				try {
					return Instant.parse(literal).getEpochSecond();
				}
				catch (DateTimeParseException e) {
					throw new SafeXml.BadXml("not a date: " + literal);
				}
			}
		}
	}

	private static long number(String text) throws SafeXml.BadXml {
		try {
			return Long.parseLong(text.trim());
		}
		catch (NumberFormatException e) {
			throw new SafeXml.BadXml("not a number: " + text.trim());
		}
	}

	private static Element required(Element parent, String localName) throws SafeXml.BadXml {
		Element child = SafeXml.child(parent, SafeXml.DAV, localName);
		if (child == null) {
			throw new SafeXml.BadXml(parent.getLocalName() + " needs a DAV:" + localName);
		}
		return child;
	}

	private static Element onlyChild(Element parent) throws SafeXml.BadXml {
		List<Element> children = SafeXml.children(parent);
		if (children.size() != 1) {
			throw new SafeXml.BadXml(parent.getLocalName() + " needs exactly one element inside");
		}
		return children.get(0);
	}
}
