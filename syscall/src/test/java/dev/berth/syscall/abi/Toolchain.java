package dev.berth.syscall.abi;

import dev.berth.syscall.Arch;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The C compiler that targets one architecture: the system {@code cc} for the one this JVM runs on,
 * Debian's cross compiler ({@code aarch64-linux-gnu-gcc}, {@code x86_64-linux-gnu-gcc}) for the other.
 * Each brings that architecture's kernel and libc headers.
 */
record Toolchain(Arch arch, String compiler) {
    /** Common flags: C11 with GNU extensions (the uapi headers use them), every error reported. */
    static final List<String> FLAGS = List.of("-std=gnu11", "-fmax-errors=0", "-w");

    /** The compiler for {@code arch}, if one is installed. */
    static Optional<Toolchain> find(Arch arch) {
        String name = arch == Arch.current() ? "cc" : arch.kernelName() + "-linux-gnu-gcc";
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Optional.of(new Toolchain(arch, name));
            }
        }
        return Optional.empty();
    }

    /** The Debian package that provides the compiler for {@code arch}, for messages. */
    static String debianPackage(Arch arch) {
        return arch == Arch.current() ? "gcc" : "gcc-" + arch.kernelName().replace('_', '-') + "-linux-gnu";
    }

    /** The compiler's target triple ({@code -dumpmachine}), to make sure it is the right one. */
    String targetTriple() throws IOException {
        Result r = run(List.of(compiler, "-dumpmachine"), null);
        if (r.exit != 0) {
            throw new IOException(compiler + " -dumpmachine failed: " + r.output);
        }
        return r.output.strip();
    }

    /** Compiles {@code source} to the object {@code object}; returns the exit status and diagnostics. */
    Result compile(Path source, Path object) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(compiler);
        cmd.addAll(FLAGS);
        cmd.addAll(List.of("-c", "-o", object.toString(), source.toString()));
        return run(cmd, null);
    }

    /** Compiles and links {@code source} into the program {@code executable}. */
    Result build(Path source, Path executable) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(compiler);
        cmd.addAll(FLAGS);
        cmd.addAll(List.of("-o", executable.toString(), source.toString()));
        return run(cmd, null);
    }

    /** Runs {@code program} and returns what it printed. */
    static Result execute(Path program) throws IOException {
        return run(List.of(program.toString()), null);
    }

    /** The macros the preprocessor defines after {@code #include header}. */
    List<String> macros(String header) throws IOException {
        Result r = run(List.of(compiler, "-dM", "-E", "-"), "#include " + header + "\n");
        if (r.exit != 0) {
            throw new IOException(compiler + " -dM -E of " + header + " failed: " + r.output);
        }
        return r.output.lines().toList();
    }

    /** The command line {@link #compile} runs, for people reproducing a failure. */
    String commandLine(Path source) {
        return compiler + " " + String.join(" ", FLAGS) + " -c -o /dev/null " + source;
    }

    record Result(int exit, String output, List<String> command) {}

    private static Result run(List<String> command, String stdin) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C"); // ASCII quotes and English diagnostics, which CheckProgram parses
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process p = pb.start();
        if (stdin != null) {
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        return new Result(p.exitValue(), out, List.copyOf(command));
    }
}
