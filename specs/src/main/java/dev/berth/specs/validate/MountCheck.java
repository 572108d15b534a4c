package dev.berth.specs.validate;

import static dev.berth.specs.validate.Violations.field;
import static dev.berth.specs.validate.Violations.index;

import dev.berth.specs.Mount;
import dev.berth.specs.Spec;
import java.util.List;

/** config.md "Mounts" and "POSIX-platform Mounts", with runc's rules for idmapped mounts. */
final class MountCheck implements Check {
    @Override
    public void check(Spec spec, Violations out) {
        boolean userNamespace = spec.linux() != null && spec.linux().namespace("user") != null;
        List<Mount> mounts = spec.mounts();
        for (int i = 0; i < mounts.size(); i++) {
            Mount m = mounts.get(i);
            String at = index("mounts", i);
            String destination = field(at, "destination");
            // The spec still allows (deprecated) relative destinations; Berth does not guess what they meant.
            if (!out.nul(destination, m.destination()) && !m.destination().startsWith("/")) {
                out.add(destination, "must be absolute");
            }
            out.nul(field(at, "source"), m.source());
            out.nul(field(at, "type"), m.type());
            out.nuls(field(at, "options"), m.options());
            if (m.isBind() && (m.source() == null || m.source().isEmpty())) {
                out.add(field(at, "source"), "required for a bind mount");
            }
            boolean mapped = !m.uidMappings().isEmpty() || !m.gidMappings().isEmpty();
            if (!m.uidMappings().isEmpty() && m.gidMappings().isEmpty()) {
                out.add(field(at, "gidMappings"), "required with uidMappings");
            }
            if (!m.gidMappings().isEmpty() && m.uidMappings().isEmpty()) {
                out.add(field(at, "uidMappings"), "required with gidMappings");
            }
            if (mapped && !m.isBind()) {
                out.add(at, "uidMappings and gidMappings need a bind mount (bind or rbind)");
            }
            IdMappingRules.check(field(at, "uidMappings"), m.uidMappings(), out);
            IdMappingRules.check(field(at, "gidMappings"), m.gidMappings(), out);
            boolean idmapOption = m.options().contains("idmap") || m.options().contains("ridmap");
            if (idmapOption && !mapped && !userNamespace) {
                out.add(field(at, "options"), "idmap needs uidMappings and gidMappings, or a user namespace");
            }
        }
    }
}
