package dev.berth.it.vm;

import dev.berth.it.common.Elf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The loadable modules of one kernel's {@code /lib/modules/<release>} tree, and the order to {@code insmod}
 * them in. Debian's kernel package ships no {@code modules.dep} (its postinst runs {@code depmod}), so the
 * dependencies are read where {@code depmod} reads them: the {@code depends=} entry of each module's
 * {@code .modinfo} section. Modules listed in {@code modules.builtin} are part of the kernel image and
 * need no loading.
 */
public final class KernelModules {
    private final Path root;
    private final Map<String, Path> files = new HashMap<>();
    private final Set<String> builtin = new HashSet<>();
    private final Map<String, List<String>> depends = new HashMap<>();

    /** Indexes the tree at {@code root} ({@code .../lib/modules/<release>}). */
    public KernelModules(Path root) throws IOException {
        this.root = root;
        try (Stream<Path> walk = Files.walk(root.resolve("kernel"))) {
            walk.filter(Files::isRegularFile).forEach(p -> {
                String file = p.getFileName().toString();
                if (file.endsWith(".ko")) {
                    files.put(canonical(file.substring(0, file.length() - 3)), p);
                } else if (file.matches(".*\\.ko\\.(xz|zst|gz)")) {
                    files.put(canonical(file.substring(0, file.indexOf(".ko"))), p);
                }
            });
        }
        Path builtinList = root.resolve("modules.builtin");
        if (Files.exists(builtinList)) {
            for (String line : Files.readAllLines(builtinList)) {
                String file = line.substring(line.lastIndexOf('/') + 1);
                if (file.endsWith(".ko")) {
                    builtin.add(canonical(file.substring(0, file.length() - 3)));
                }
            }
        }
    }

    /** Module names treat {@code -} and {@code _} alike, as the kernel does. */
    static String canonical(String name) {
        return name.replace('-', '_');
    }

    public Path root() {
        return root;
    }

    /** Whether {@code name} is compiled into the kernel image. */
    public boolean isBuiltin(String name) {
        return builtin.contains(canonical(name));
    }

    /** The module file of {@code name}. */
    public Path file(String name) {
        Path p = files.get(canonical(name));
        if (p == null) {
            throw new IllegalArgumentException("kernel module " + name + " is neither in " + root.resolve("kernel")
                    + " nor built in");
        }
        if (!p.getFileName().toString().endsWith(".ko")) {
            throw new IllegalArgumentException(p + ": compressed modules are not supported (busybox insmod "
                    + "loads plain .ko files); decompress the tree first");
        }
        return p;
    }

    /** The names of the modules {@code name} needs loaded first ({@code depends=} in {@code .modinfo}). */
    public List<String> dependencies(String name) {
        return depends.computeIfAbsent(canonical(name), n -> {
            try {
                return parseDepends(Elf.read(file(n)).section(".modinfo").orElse(new byte[0]));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** {@code depends=a,b} from a {@code .modinfo} section (NUL-separated {@code key=value} strings). */
    static List<String> parseDepends(byte[] modinfo) {
        for (String entry : new String(modinfo, StandardCharsets.UTF_8).split("\0")) {
            if (entry.startsWith("depends=")) {
                List<String> names = new ArrayList<>();
                for (String n : entry.substring("depends=".length()).split(",")) {
                    if (!n.isBlank()) {
                        names.add(canonical(n.trim()));
                    }
                }
                return List.copyOf(names);
            }
        }
        return List.of();
    }

    /**
     * The modules to load for {@code wanted}, dependencies first, each once; built-in ones left out.
     * Throws if a module is missing or the dependencies form a cycle.
     */
    public List<String> loadOrder(Collection<String> wanted) {
        LinkedHashSet<String> order = new LinkedHashSet<>();
        for (String name : wanted) {
            visit(canonical(name), order, new LinkedHashSet<>());
        }
        return List.copyOf(order);
    }

    private void visit(String name, LinkedHashSet<String> order, LinkedHashSet<String> path) {
        if (order.contains(name) || isBuiltin(name)) {
            return;
        }
        if (!path.add(name)) {
            throw new IllegalStateException("kernel module dependency cycle: " + String.join(" -> ", path) + " -> " + name);
        }
        for (String dep : dependencies(name)) {
            visit(dep, order, path);
        }
        path.remove(name);
        order.add(name);
    }
}
