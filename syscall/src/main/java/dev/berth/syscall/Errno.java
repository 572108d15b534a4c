package dev.berth.syscall;

/**
 * Linux error numbers ({@code errno(3)}, {@code <asm-generic/errno-base.h>} and
 * {@code <asm-generic/errno.h>}), identical on x86_64 and aarch64, with their symbolic names and
 * the messages glibc's {@code strerror(3)} gives them.
 */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int ENXIO = 6;
    public static final int E2BIG = 7;
    public static final int ENOEXEC = 8;
    public static final int EBADF = 9;
    public static final int ECHILD = 10;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int ENOTBLK = 15;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int EXDEV = 18;
    public static final int ENODEV = 19;
    public static final int ENOTDIR = 20;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;
    public static final int ENFILE = 23;
    public static final int EMFILE = 24;
    public static final int ENOTTY = 25;
    public static final int ETXTBSY = 26;
    public static final int EFBIG = 27;
    public static final int ENOSPC = 28;
    public static final int ESPIPE = 29;
    public static final int EROFS = 30;
    public static final int EMLINK = 31;
    public static final int EPIPE = 32;
    public static final int EDOM = 33;
    public static final int ERANGE = 34;
    public static final int EDEADLK = 35;
    public static final int ENAMETOOLONG = 36;
    public static final int ENOLCK = 37;
    public static final int ENOSYS = 38;
    public static final int ENOTEMPTY = 39;
    public static final int ELOOP = 40;
    public static final int ENOMSG = 42;
    public static final int EIDRM = 43;
    public static final int ECHRNG = 44;
    public static final int EL2NSYNC = 45;
    public static final int EL3HLT = 46;
    public static final int EL3RST = 47;
    public static final int ELNRNG = 48;
    public static final int EUNATCH = 49;
    public static final int ENOCSI = 50;
    public static final int EL2HLT = 51;
    public static final int EBADE = 52;
    public static final int EBADR = 53;
    public static final int EXFULL = 54;
    public static final int ENOANO = 55;
    public static final int EBADRQC = 56;
    public static final int EBADSLT = 57;
    public static final int EBFONT = 59;
    public static final int ENOSTR = 60;
    public static final int ENODATA = 61;
    public static final int ETIME = 62;
    public static final int ENOSR = 63;
    public static final int ENONET = 64;
    public static final int ENOPKG = 65;
    public static final int EREMOTE = 66;
    public static final int ENOLINK = 67;
    public static final int EADV = 68;
    public static final int ESRMNT = 69;
    public static final int ECOMM = 70;
    public static final int EPROTO = 71;
    public static final int EMULTIHOP = 72;
    public static final int EDOTDOT = 73;
    public static final int EBADMSG = 74;
    public static final int EOVERFLOW = 75;
    public static final int ENOTUNIQ = 76;
    public static final int EBADFD = 77;
    public static final int EREMCHG = 78;
    public static final int ELIBACC = 79;
    public static final int ELIBBAD = 80;
    public static final int ELIBSCN = 81;
    public static final int ELIBMAX = 82;
    public static final int ELIBEXEC = 83;
    public static final int EILSEQ = 84;
    public static final int ERESTART = 85;
    public static final int ESTRPIPE = 86;
    public static final int EUSERS = 87;
    public static final int ENOTSOCK = 88;
    public static final int EDESTADDRREQ = 89;
    public static final int EMSGSIZE = 90;
    public static final int EPROTOTYPE = 91;
    public static final int ENOPROTOOPT = 92;
    public static final int EPROTONOSUPPORT = 93;
    public static final int ESOCKTNOSUPPORT = 94;
    public static final int EOPNOTSUPP = 95;
    public static final int EPFNOSUPPORT = 96;
    public static final int EAFNOSUPPORT = 97;
    public static final int EADDRINUSE = 98;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENETDOWN = 100;
    public static final int ENETUNREACH = 101;
    public static final int ENETRESET = 102;
    public static final int ECONNABORTED = 103;
    public static final int ECONNRESET = 104;
    public static final int ENOBUFS = 105;
    public static final int EISCONN = 106;
    public static final int ENOTCONN = 107;
    public static final int ESHUTDOWN = 108;
    public static final int ETOOMANYREFS = 109;
    public static final int ETIMEDOUT = 110;
    public static final int ECONNREFUSED = 111;
    public static final int EHOSTDOWN = 112;
    public static final int EHOSTUNREACH = 113;
    public static final int EALREADY = 114;
    public static final int EINPROGRESS = 115;
    public static final int ESTALE = 116;
    public static final int EUCLEAN = 117;
    public static final int ENOTNAM = 118;
    public static final int ENAVAIL = 119;
    public static final int EISNAM = 120;
    public static final int EREMOTEIO = 121;
    public static final int EDQUOT = 122;
    public static final int ENOMEDIUM = 123;
    public static final int EMEDIUMTYPE = 124;
    public static final int ECANCELED = 125;
    public static final int ENOKEY = 126;
    public static final int EKEYEXPIRED = 127;
    public static final int EKEYREVOKED = 128;
    public static final int EKEYREJECTED = 129;
    public static final int EOWNERDEAD = 130;
    public static final int ENOTRECOVERABLE = 131;
    public static final int ERFKILL = 132;
    public static final int EHWPOISON = 133;
    public static final int ENOTSUPP = 524;
    public static final int EWOULDBLOCK = EAGAIN;
    public static final int EDEADLOCK = EDEADLK;
    public static final int ENOTSUP = EOPNOTSUPP;

    private static final int MAX = 1024;
    private static final String[] NAMES = new String[MAX];
    private static final String[] MESSAGES = new String[MAX];

    static {
        row(EPERM, "EPERM", "Operation not permitted");
        row(ENOENT, "ENOENT", "No such file or directory");
        row(ESRCH, "ESRCH", "No such process");
        row(EINTR, "EINTR", "Interrupted system call");
        row(EIO, "EIO", "Input/output error");
        row(ENXIO, "ENXIO", "No such device or address");
        row(E2BIG, "E2BIG", "Argument list too long");
        row(ENOEXEC, "ENOEXEC", "Exec format error");
        row(EBADF, "EBADF", "Bad file descriptor");
        row(ECHILD, "ECHILD", "No child processes");
        row(EAGAIN, "EAGAIN", "Resource temporarily unavailable");
        row(ENOMEM, "ENOMEM", "Cannot allocate memory");
        row(EACCES, "EACCES", "Permission denied");
        row(EFAULT, "EFAULT", "Bad address");
        row(ENOTBLK, "ENOTBLK", "Block device required");
        row(EBUSY, "EBUSY", "Device or resource busy");
        row(EEXIST, "EEXIST", "File exists");
        row(EXDEV, "EXDEV", "Invalid cross-device link");
        row(ENODEV, "ENODEV", "No such device");
        row(ENOTDIR, "ENOTDIR", "Not a directory");
        row(EISDIR, "EISDIR", "Is a directory");
        row(EINVAL, "EINVAL", "Invalid argument");
        row(ENFILE, "ENFILE", "Too many open files in system");
        row(EMFILE, "EMFILE", "Too many open files");
        row(ENOTTY, "ENOTTY", "Inappropriate ioctl for device");
        row(ETXTBSY, "ETXTBSY", "Text file busy");
        row(EFBIG, "EFBIG", "File too large");
        row(ENOSPC, "ENOSPC", "No space left on device");
        row(ESPIPE, "ESPIPE", "Illegal seek");
        row(EROFS, "EROFS", "Read-only file system");
        row(EMLINK, "EMLINK", "Too many links");
        row(EPIPE, "EPIPE", "Broken pipe");
        row(EDOM, "EDOM", "Numerical argument out of domain");
        row(ERANGE, "ERANGE", "Numerical result out of range");
        row(EDEADLK, "EDEADLK", "Resource deadlock avoided");
        row(ENAMETOOLONG, "ENAMETOOLONG", "File name too long");
        row(ENOLCK, "ENOLCK", "No locks available");
        row(ENOSYS, "ENOSYS", "Function not implemented");
        row(ENOTEMPTY, "ENOTEMPTY", "Directory not empty");
        row(ELOOP, "ELOOP", "Too many levels of symbolic links");
        row(ENOMSG, "ENOMSG", "No message of desired type");
        row(EIDRM, "EIDRM", "Identifier removed");
        row(ECHRNG, "ECHRNG", "Channel number out of range");
        row(EL2NSYNC, "EL2NSYNC", "Level 2 not synchronized");
        row(EL3HLT, "EL3HLT", "Level 3 halted");
        row(EL3RST, "EL3RST", "Level 3 reset");
        row(ELNRNG, "ELNRNG", "Link number out of range");
        row(EUNATCH, "EUNATCH", "Protocol driver not attached");
        row(ENOCSI, "ENOCSI", "No CSI structure available");
        row(EL2HLT, "EL2HLT", "Level 2 halted");
        row(EBADE, "EBADE", "Invalid exchange");
        row(EBADR, "EBADR", "Invalid request descriptor");
        row(EXFULL, "EXFULL", "Exchange full");
        row(ENOANO, "ENOANO", "No anode");
        row(EBADRQC, "EBADRQC", "Invalid request code");
        row(EBADSLT, "EBADSLT", "Invalid slot");
        row(EBFONT, "EBFONT", "Bad font file format");
        row(ENOSTR, "ENOSTR", "Device not a stream");
        row(ENODATA, "ENODATA", "No data available");
        row(ETIME, "ETIME", "Timer expired");
        row(ENOSR, "ENOSR", "Out of streams resources");
        row(ENONET, "ENONET", "Machine is not on the network");
        row(ENOPKG, "ENOPKG", "Package not installed");
        row(EREMOTE, "EREMOTE", "Object is remote");
        row(ENOLINK, "ENOLINK", "Link has been severed");
        row(EADV, "EADV", "Advertise error");
        row(ESRMNT, "ESRMNT", "Srmount error");
        row(ECOMM, "ECOMM", "Communication error on send");
        row(EPROTO, "EPROTO", "Protocol error");
        row(EMULTIHOP, "EMULTIHOP", "Multihop attempted");
        row(EDOTDOT, "EDOTDOT", "RFS specific error");
        row(EBADMSG, "EBADMSG", "Bad message");
        row(EOVERFLOW, "EOVERFLOW", "Value too large for defined data type");
        row(ENOTUNIQ, "ENOTUNIQ", "Name not unique on network");
        row(EBADFD, "EBADFD", "File descriptor in bad state");
        row(EREMCHG, "EREMCHG", "Remote address changed");
        row(ELIBACC, "ELIBACC", "Can not access a needed shared library");
        row(ELIBBAD, "ELIBBAD", "Accessing a corrupted shared library");
        row(ELIBSCN, "ELIBSCN", ".lib section in a.out corrupted");
        row(ELIBMAX, "ELIBMAX", "Attempting to link in too many shared libraries");
        row(ELIBEXEC, "ELIBEXEC", "Cannot exec a shared library directly");
        row(EILSEQ, "EILSEQ", "Invalid or incomplete multibyte or wide character");
        row(ERESTART, "ERESTART", "Interrupted system call should be restarted");
        row(ESTRPIPE, "ESTRPIPE", "Streams pipe error");
        row(EUSERS, "EUSERS", "Too many users");
        row(ENOTSOCK, "ENOTSOCK", "Socket operation on non-socket");
        row(EDESTADDRREQ, "EDESTADDRREQ", "Destination address required");
        row(EMSGSIZE, "EMSGSIZE", "Message too long");
        row(EPROTOTYPE, "EPROTOTYPE", "Protocol wrong type for socket");
        row(ENOPROTOOPT, "ENOPROTOOPT", "Protocol not available");
        row(EPROTONOSUPPORT, "EPROTONOSUPPORT", "Protocol not supported");
        row(ESOCKTNOSUPPORT, "ESOCKTNOSUPPORT", "Socket type not supported");
        row(EOPNOTSUPP, "EOPNOTSUPP", "Operation not supported");
        row(EPFNOSUPPORT, "EPFNOSUPPORT", "Protocol family not supported");
        row(EAFNOSUPPORT, "EAFNOSUPPORT", "Address family not supported by protocol");
        row(EADDRINUSE, "EADDRINUSE", "Address already in use");
        row(EADDRNOTAVAIL, "EADDRNOTAVAIL", "Cannot assign requested address");
        row(ENETDOWN, "ENETDOWN", "Network is down");
        row(ENETUNREACH, "ENETUNREACH", "Network is unreachable");
        row(ENETRESET, "ENETRESET", "Network dropped connection on reset");
        row(ECONNABORTED, "ECONNABORTED", "Software caused connection abort");
        row(ECONNRESET, "ECONNRESET", "Connection reset by peer");
        row(ENOBUFS, "ENOBUFS", "No buffer space available");
        row(EISCONN, "EISCONN", "Transport endpoint is already connected");
        row(ENOTCONN, "ENOTCONN", "Transport endpoint is not connected");
        row(ESHUTDOWN, "ESHUTDOWN", "Cannot send after transport endpoint shutdown");
        row(ETOOMANYREFS, "ETOOMANYREFS", "Too many references: cannot splice");
        row(ETIMEDOUT, "ETIMEDOUT", "Connection timed out");
        row(ECONNREFUSED, "ECONNREFUSED", "Connection refused");
        row(EHOSTDOWN, "EHOSTDOWN", "Host is down");
        row(EHOSTUNREACH, "EHOSTUNREACH", "No route to host");
        row(EALREADY, "EALREADY", "Operation already in progress");
        row(EINPROGRESS, "EINPROGRESS", "Operation now in progress");
        row(ESTALE, "ESTALE", "Stale file handle");
        row(EUCLEAN, "EUCLEAN", "Structure needs cleaning");
        row(ENOTNAM, "ENOTNAM", "Not a XENIX named type file");
        row(ENAVAIL, "ENAVAIL", "No XENIX semaphores available");
        row(EISNAM, "EISNAM", "Is a named type file");
        row(EREMOTEIO, "EREMOTEIO", "Remote I/O error");
        row(EDQUOT, "EDQUOT", "Disk quota exceeded");
        row(ENOMEDIUM, "ENOMEDIUM", "No medium found");
        row(EMEDIUMTYPE, "EMEDIUMTYPE", "Wrong medium type");
        row(ECANCELED, "ECANCELED", "Operation canceled");
        row(ENOKEY, "ENOKEY", "Required key not available");
        row(EKEYEXPIRED, "EKEYEXPIRED", "Key has expired");
        row(EKEYREVOKED, "EKEYREVOKED", "Key has been revoked");
        row(EKEYREJECTED, "EKEYREJECTED", "Key was rejected by service");
        row(EOWNERDEAD, "EOWNERDEAD", "Owner died");
        row(ENOTRECOVERABLE, "ENOTRECOVERABLE", "State not recoverable");
        row(ERFKILL, "ERFKILL", "Operation not possible due to RF-kill");
        row(EHWPOISON, "EHWPOISON", "Memory page has hardware error");
        row(ENOTSUPP, "ENOTSUPP", "Operation is not supported");
    }

    private static void row(int number, String name, String message) {
        NAMES[number] = name;
        MESSAGES[number] = message;
    }

    private Errno() {}

    /** The kernel's name for {@code errno} ({@code "EPERM"}), or {@code "E<number>"} when unknown. */
    public static String name(int errno) {
        String name = errno > 0 && errno < MAX ? NAMES[errno] : null;
        return name != null ? name : "E" + errno;
    }

    /** The {@code strerror(3)} text for {@code errno}, or {@code "Unknown error <number>"}. */
    public static String message(int errno) {
        String message = errno > 0 && errno < MAX ? MESSAGES[errno] : null;
        return message != null ? message : "Unknown error " + errno;
    }

    /** The number for a name such as {@code "ENOENT"}, or -1 if there is none. */
    public static int number(String name) {
        for (int i = 1; i < MAX; i++) {
            if (name.equals(NAMES[i])) {
                return i;
            }
        }
        return switch (name) {
            case "EWOULDBLOCK" -> EAGAIN;
            case "EDEADLOCK" -> EDEADLK;
            case "ENOTSUP" -> EOPNOTSUPP;
            default -> -1;
        };
    }
}
