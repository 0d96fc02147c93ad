package org.hearth.storage;

/**
 * A client-set property stored with a node. {@code valueXml} is the property's content as an XML fragment that
 * declares every namespace it uses, so it can be written back verbatim.
 */
public record DeadProperty(String namespace, String localName, String valueXml) {
}
