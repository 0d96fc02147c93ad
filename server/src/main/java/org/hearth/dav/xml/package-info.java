/**
 * Safe XML parsing and the property names and escaping DAV answers use; open to other features' DAV collections
 * (versions), so they parse request bodies with the same protections.
 */
@org.springframework.modulith.NamedInterface("xml")
package org.hearth.dav.xml;
