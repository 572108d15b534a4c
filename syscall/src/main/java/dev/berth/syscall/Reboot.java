package dev.berth.syscall;

/** Magic numbers and commands of {@code reboot(2)} ({@code <linux/reboot.h>}). */
public final class Reboot {
    public static final int LINUX_REBOOT_MAGIC1 = 0xfee1dead;
    public static final int LINUX_REBOOT_MAGIC2 = 672274793;
    public static final int LINUX_REBOOT_CMD_RESTART = 0x01234567;
    public static final int LINUX_REBOOT_CMD_HALT = 0xCDEF0123;
    public static final int LINUX_REBOOT_CMD_CAD_ON = 0x89ABCDEF;
    public static final int LINUX_REBOOT_CMD_CAD_OFF = 0x00000000;
    public static final int LINUX_REBOOT_CMD_POWER_OFF = 0x4321FEDC;
    public static final int LINUX_REBOOT_CMD_RESTART2 = 0xA1B2C3D4;
    public static final int LINUX_REBOOT_CMD_SW_SUSPEND = 0xD000FCE2;
    public static final int LINUX_REBOOT_CMD_KEXEC = 0x45584543;

    private Reboot() {}

    private static final class Names {
        static final FlagSet SET = FlagSet.of(Reboot.class, "LINUX_REBOOT_CMD_");
    }

    /** A command as {@code LINUX_REBOOT_CMD_POWER_OFF}. */
    public static String format(int cmd) {
        return cmd == 0 ? "LINUX_REBOOT_CMD_CAD_OFF" : Names.SET.formatValue(cmd & 0xFFFF_FFFFL);
    }
}
