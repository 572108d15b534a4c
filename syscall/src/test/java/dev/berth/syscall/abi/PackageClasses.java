package dev.berth.syscall.abi;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The top-level classes of a package, read from the directory or jar its anchor class was loaded from,
 * so the ABI check (and the struct tests) find new constant families and struct records without being told.
 */
public final class PackageClasses {
    private PackageClasses() {}

    /** Every top-level class in {@code anchor}'s package (not its subpackages), sorted by name. */
    public static List<Class<?>> of(Class<?> anchor) {
        String pkg = anchor.getPackageName();
        try {
            Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(root)) {
                return list(root.resolve(pkg.replace('.', '/')), pkg);
            }
            try (FileSystem jar = FileSystems.newFileSystem(root)) {
                return list(jar.getPath(pkg.replace('.', '/')), pkg);
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the classes of " + pkg, e);
        }
    }

    private static List<Class<?>> list(Path dir, String pkg) throws IOException {
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (String f : files.map(p -> p.getFileName().toString()).sorted().toList()) {
                if (f.endsWith(".class") && !f.contains("$") && !f.equals("package-info.class")) {
                    try {
                        out.add(Class.forName(pkg + "." + f.substring(0, f.length() - 6), false,
                                PackageClasses.class.getClassLoader()));
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return out;
    }
}
