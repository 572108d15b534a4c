package dev.berth.runtime.lifecycle;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Berth's log, as runc writes it for its callers: with {@code --log FILE} lines are appended there, in
 * logrus's text format or, with {@code --log-format json}, as {@code {"level","msg","time"}} objects that
 * containerd reads back to report a runtime's error. Without {@code --log}, errors go to stderr only.
 */
public final class Log {
    private final Path file;
    private final boolean json;
    private final boolean debug;
    private final PrintStream stderr;

    public Log(Path file, boolean json, boolean debug, PrintStream stderr) {
        this.file = file;
        this.json = json;
        this.debug = debug;
        this.stderr = stderr;
    }

    /** A log that only prints errors to {@code stderr}. */
    public static Log toStderr(PrintStream stderr) {
        return new Log(null, false, false, stderr);
    }

    public boolean debugEnabled() {
        return debug;
    }

    public void debug(String msg) {
        if (debug) {
            write("debug", msg);
            if (file == null) {
                stderr.println("berth: debug: " + msg);
            }
        }
    }

    public void info(String msg) {
        write("info", msg);
    }

    public void warn(String msg) {
        write("warning", msg);
        stderr.println("berth: warning: " + msg);
    }

    /** An error: to the log file (where callers look for it) and to stderr. */
    public void error(String msg) {
        write("error", msg);
        stderr.println("berth: " + msg);
    }

    private void write(String level, String msg) {
        if (file == null) {
            return;
        }
        String time = Instant.now().toString();
        String line = json ? "{\"level\":\"" + level + "\",\"msg\":" + quote(msg) + ",\"time\":\"" + time + "\"}\n"
                : "time=\"" + time + "\" level=" + level + " msg=" + quote(msg) + "\n";
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE)) {
            out.write(line.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            stderr.println("berth: cannot write the log " + file + ": " + e.getMessage());
        }
    }

    /** A JSON string literal. */
    public static String quote(String s) {
        return dev.berth.runtime.util.JsonStrings.quote(s);
    }
}
