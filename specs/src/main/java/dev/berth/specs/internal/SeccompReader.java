package dev.berth.specs.internal;

import com.fasterxml.jackson.core.JsonLocation;
import dev.berth.specs.Seccomp;
import dev.berth.specs.Seccomp.Arg;
import dev.berth.specs.Seccomp.Syscall;
import dev.berth.specs.SpecException;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code linux.seccomp}; a docker profile is most of a config's size, so this is the hot path. */
public final class SeccompReader {
    private SeccompReader() {}

    public static Seccomp read(JsonIn in) throws SpecException {
        in.expectObject();
        JsonLocation start = in.mark();
        String defaultAction = null;
        Long defaultErrnoRet = null;
        List<String> architectures = null;
        List<String> flags = null;
        String listenerPath = null;
        String listenerMetadata = null;
        List<Syscall> syscalls = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "defaultAction" -> defaultAction = in.string();
                case "defaultErrnoRet" -> defaultErrnoRet = in.uint32();
                case "architectures" -> architectures = in.strings();
                case "flags" -> flags = in.strings();
                case "listenerPath" -> listenerPath = in.string();
                case "listenerMetadata" -> listenerMetadata = in.string();
                case "syscalls" -> {
                    syscalls = new ArrayList<>();
                    for (in.startArray(); in.nextElement(); ) {
                        syscalls.add(syscall(in));
                    }
                }
                default -> in.skip();
            }
        }
        if (defaultAction == null) {
            throw in.missing(start, "defaultAction");
        }
        return new Seccomp(defaultAction, defaultErrnoRet, architectures, flags, listenerPath, listenerMetadata, syscalls);
    }

    private static Syscall syscall(JsonIn in) throws SpecException {
        in.expectObject();
        JsonLocation start = in.mark();
        List<String> names = null;
        String action = null;
        Long errnoRet = null;
        List<Arg> args = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "names" -> names = in.strings();
                case "action" -> action = in.string();
                case "errnoRet" -> errnoRet = in.uint32();
                case "args" -> {
                    args = new ArrayList<>();
                    for (in.startArray(); in.nextElement(); ) {
                        args.add(arg(in));
                    }
                }
                default -> in.skip();
            }
        }
        if (names == null) {
            throw in.missing(start, "names");
        }
        if (action == null) {
            throw in.missing(start, "action");
        }
        return new Syscall(names, action, errnoRet, args);
    }

    private static Arg arg(JsonIn in) throws SpecException {
        in.expectObject();
        JsonLocation start = in.mark();
        Long index = null;
        Long value = null;
        long valueTwo = 0;
        String op = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "index" -> index = in.uint32();
                case "value" -> value = in.uint64();
                case "valueTwo" -> valueTwo = in.uint64();
                case "op" -> op = in.string();
                default -> in.skip();
            }
        }
        if (index == null) {
            throw in.missing(start, "index");
        }
        if (value == null) {
            throw in.missing(start, "value");
        }
        if (op == null) {
            throw in.missing(start, "op");
        }
        return new Arg(index, value, valueTwo, op);
    }
}
