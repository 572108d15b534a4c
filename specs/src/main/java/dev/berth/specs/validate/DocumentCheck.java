package dev.berth.specs.validate;

import static dev.berth.specs.validate.Violations.field;
import static dev.berth.specs.validate.Violations.quote;

import dev.berth.specs.Linux;
import dev.berth.specs.Spec;
import dev.berth.specs.internal.Syntax;
import dev.berth.specs.network.NetworkReader;
import java.util.Map;

/** config.md "Specification version", "Root", "Hostname", "Domainname", "Annotations". */
final class DocumentCheck implements Check {
    private static final String NETWORK_CONFLIST = NetworkReader.CONFLIST_ANNOTATION;
    private static final String NETWORK_INLINE = NetworkReader.INLINE_ANNOTATION;

    private final boolean forCreate;

    /** @param forCreate apply the Linux rules even when the document has no {@code linux} section */
    DocumentCheck(boolean forCreate) {
        this.forCreate = forCreate;
    }

    @Override
    public void check(Spec spec, Violations out) {
        if (!Syntax.isSemver(spec.ociVersion())) {
            out.add("ociVersion", quote(spec.ociVersion()) + " is not a SemVer 2.0 version");
        }
        if (spec.root() == null) {
            out.add("root", "required on Linux");
        } else if (spec.root().path().isEmpty()) {
            out.add("root.path", "must not be empty");
        } else {
            out.nul("root.path", spec.root().path());
        }
        // Without a new UTS namespace these would rename the host (runc refuses the same). A document
        // without a linux section is platform-neutral (the FreeBSD and z/OS examples set a hostname);
        // creating a Linux container from it applies the rule all the same.
        Linux linux = spec.linux() != null ? spec.linux() : forCreate ? Linux.EMPTY : null;
        if (linux != null && linux.namespace("uts") == null) {
            if (spec.hostname() != null && !spec.hostname().isEmpty()) {
                out.add("hostname", "requires a uts namespace");
            }
            if (spec.domainname() != null && !spec.domainname().isEmpty()) {
                out.add("domainname", "requires a uts namespace");
            }
        }
        out.nul("hostname", spec.hostname());
        out.nul("domainname", spec.domainname());
        annotations(spec.annotations(), out);
    }

    private static void annotations(Map<String, String> annotations, Violations out) {
        for (String key : annotations.keySet()) {
            if (key.isEmpty()) {
                out.add(field("annotations", key), "keys must not be empty");
            }
        }
        if (annotations.containsKey(NETWORK_CONFLIST) && annotations.containsKey(NETWORK_INLINE)) {
            out.add("annotations", quote(NETWORK_INLINE) + " and " + quote(NETWORK_CONFLIST) + " are both set; use one");
        }
        String conflist = annotations.get(NETWORK_CONFLIST);
        if (conflist != null && conflist.isEmpty()) {
            out.add(field("annotations", NETWORK_CONFLIST), "must name a file");
        }
    }
}
