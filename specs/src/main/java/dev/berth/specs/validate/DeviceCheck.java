package dev.berth.specs.validate;

import static dev.berth.specs.validate.Violations.field;
import static dev.berth.specs.validate.Violations.index;
import static dev.berth.specs.validate.Violations.quote;

import dev.berth.specs.Linux;
import dev.berth.specs.Linux.Device;
import dev.berth.specs.Linux.NetDevice;
import dev.berth.specs.Spec;
import dev.berth.specs.internal.Syntax;
import java.util.HashMap;
import java.util.Map;

/** config-linux.md "Devices" and "Network Devices". */
final class DeviceCheck implements Check {
    @Override
    public void check(Spec spec, Violations out) {
        Linux linux = spec.linux();
        if (linux == null) {
            return;
        }
        Map<String, Integer> paths = new HashMap<>();
        for (int i = 0; i < linux.devices().size(); i++) {
            Device d = linux.devices().get(i);
            String at = index("linux.devices", i);
            if (!KnownNames.DEVICE_TYPES.contains(d.type())) {
                out.add(field(at, "type"), "unknown device type " + quote(d.type()) + " (expected c, b, u or p)");
            }
            out.absolute(field(at, "path"), d.path());
            Integer previous = paths.putIfAbsent(d.path(), i);
            if (previous != null) {
                out.add(field(at, "path"), "duplicate device " + quote(d.path()) + " (also linux.devices[" + previous + "])");
            }
            if (!d.type().equals("p")) {
                if (d.major() == null) {
                    out.add(field(at, "major"), "required unless type is \"p\"");
                }
                if (d.minor() == null) {
                    out.add(field(at, "minor"), "required unless type is \"p\"");
                }
            }
            if (d.major() != null && d.major() < 0) {
                out.add(field(at, "major"), "must not be negative");
            }
            if (d.minor() != null && d.minor() < 0) {
                out.add(field(at, "minor"), "must not be negative");
            }
            if (d.fileMode() != null && d.fileMode() > 0777) {
                out.add(field(at, "fileMode"), d.fileMode() + " has bits outside 0777 (it is decimal: 438 is 0666)");
            }
        }
        netDevices(linux.netDevices(), out);
    }

    private static void netDevices(Map<String, NetDevice> devices, Violations out) {
        Map<String, String> targets = new HashMap<>();
        for (Map.Entry<String, NetDevice> e : devices.entrySet()) {
            String at = field("linux.netDevices", e.getKey());
            if (!Syntax.isInterfaceName(e.getKey())) {
                out.add(at, Syntax.interfaceNameProblem(e.getKey()));
            } else if (e.getKey().equals("lo")) {
                out.add(at, "the loopback device cannot leave its network namespace");
            }
            String name = e.getValue().name() == null || e.getValue().name().isEmpty() ? e.getKey() : e.getValue().name();
            if (e.getValue().name() != null && !e.getValue().name().isEmpty() && !Syntax.isInterfaceName(name)) {
                out.add(field(at, "name"), Syntax.interfaceNameProblem(name));
            }
            // "%d" asks the kernel for a free name, so only literal names can collide
            String other = name.contains("%d") ? null : targets.putIfAbsent(name, e.getKey());
            if (other != null) {
                out.add(field(at, "name"), quote(name) + " is also the container name of " + field("linux.netDevices", other));
            }
        }
    }
}
