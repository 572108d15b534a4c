package dev.berth.syscall;

/**
 * {@code ioctl(2)} requests Berth issues: terminals and ptys ({@code <asm-generic/ioctls.h>},
 * {@code tty_ioctl(4)}), file descriptors, and namespace fds ({@code <linux/nsfs.h>}).
 */
public final class Ioctl {
    public static final int TCGETS = 0x5401;
    public static final int TCSETS = 0x5402;
    public static final int TIOCSCTTY = 0x540E;
    public static final int TIOCGPGRP = 0x540F;
    public static final int TIOCSPGRP = 0x5410;
    public static final int TIOCGWINSZ = 0x5413;
    public static final int TIOCSWINSZ = 0x5414;
    public static final int FIONREAD = 0x541B;
    public static final int FIONBIO = 0x5421;
    public static final int TIOCNOTTY = 0x5422;
    public static final int TIOCGSID = 0x5429;
    public static final int TIOCGPTN = 0x80045430;
    public static final int TIOCSPTLCK = 0x40045431;
    public static final int TIOCGPTPEER = 0x5441;
    public static final int FIOCLEX = 0x5451;
    public static final int FIONCLEX = 0x5450;

    public static final int NS_GET_USERNS = 0xb701;
    public static final int NS_GET_PARENT = 0xb702;
    public static final int NS_GET_NSTYPE = 0xb703;
    public static final int NS_GET_OWNER_UID = 0xb704;

    private Ioctl() {}

    private static final class Names {
        static final FlagSet SET = FlagSet.of(Ioctl.class, "");
    }

    /** A request as {@code TIOCSCTTY}, or hex. */
    public static String format(int request) {
        String s = Names.SET.formatValue(request & 0xFFFF_FFFFL);
        return s.chars().allMatch(Character::isDigit) ? "0x" + Integer.toHexString(request) : s;
    }
}
