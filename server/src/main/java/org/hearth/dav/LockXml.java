package org.hearth.dav;

import java.util.List;

import org.hearth.dav.xml.XmlText;
import org.hearth.storage.LockInfo;

/** The lockdiscovery and supportedlock property values. */
final class LockXml {

	static final String SUPPORTED_LOCK = "<d:lockentry><d:lockscope><d:exclusive/></d:lockscope><d:locktype><d:write/></d:locktype></d:lockentry>"
			+ "<d:lockentry><d:lockscope><d:shared/></d:lockscope><d:locktype><d:write/></d:locktype></d:lockentry>";

	private LockXml() {
	}

	static String activeLocks(List<LockInfo> locks, DavTarget target) {
		StringBuilder out = new StringBuilder();
		for (LockInfo lock : locks) {
			out.append("<d:activelock><d:locktype><d:write/></d:locktype><d:lockscope>")
				.append(lock.exclusive() ? "<d:exclusive/>" : "<d:shared/>")
				.append("</d:lockscope><d:depth>")
				.append(lock.infinite() ? "infinity" : "0")
				.append("</d:depth>");
			if (lock.ownerXml() != null) {
				out.append("<d:owner>").append(lock.ownerXml()).append("</d:owner>");
			}
			out.append("<d:timeout>Second-")
				.append(lock.timeoutSeconds())
				.append("</d:timeout><d:locktoken><d:href>")
				.append(XmlText.escape(lock.token()))
				.append("</d:href></d:locktoken><d:lockroot><d:href>")
				.append(XmlText.escape(target.href(lock.path(), false)))
				.append("</d:href></d:lockroot></d:activelock>");
		}
		return out.toString();
	}
}
