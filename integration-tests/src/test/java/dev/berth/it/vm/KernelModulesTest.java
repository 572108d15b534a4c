package dev.berth.it.vm;

import dev.berth.it.common.Command;
import dev.berth.it.common.Elf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelModulesTest {
    /**
     * A minimal ELF64 relocatable file with a {@code .modinfo} section (what a {@code .ko} is, for the
     * reader): header, the section's bytes, the section-name table, and three section headers (null,
     * {@code .modinfo}, {@code .shstrtab}).
     */
    static byte[] module(String modinfo) {
        byte[] info = modinfo.getBytes(StandardCharsets.UTF_8);
        byte[] names = "\0.modinfo\0.shstrtab\0".getBytes(StandardCharsets.UTF_8);
        int infoOff = 64;
        int namesOff = infoOff + info.length;
        int shoff = (namesOff + names.length + 7) & ~7;
        ByteBuffer b = ByteBuffer.allocate(shoff + 3 * 64).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 0x464c457f).put(4, (byte) 2).put(5, (byte) 1).put(6, (byte) 1);
        b.putShort(0x10, (short) 1 /* ET_REL */).putShort(0x12, (short) 62 /* EM_X86_64 */).putInt(0x14, 1);
        b.putLong(0x28, shoff).putShort(0x34, (short) 64).putShort(0x3A, (short) 64).putShort(0x3C, (short) 3)
                .putShort(0x3E, (short) 2);
        b.put(infoOff, info).put(namesOff, names);
        int sh1 = shoff + 64;
        b.putInt(sh1, 1).putInt(sh1 + 4, 1 /* SHT_PROGBITS */).putLong(sh1 + 0x18, infoOff).putLong(sh1 + 0x20, info.length);
        int sh2 = shoff + 128;
        b.putInt(sh2, 10).putInt(sh2 + 4, 3 /* SHT_STRTAB */).putLong(sh2 + 0x18, namesOff).putLong(sh2 + 0x20, names.length);
        return b.array();
    }

    private static Path tree(Path root) throws Exception {
        Path kernel = Files.createDirectories(root.resolve("kernel/drivers/net"));
        Files.write(kernel.resolve("virtio_net.ko"), module("license=GPL\0depends=virtio_ring,virtio,net_failover\0name=virtio_net\0"));
        Files.write(kernel.resolve("net_failover.ko"), module("depends=failover\0name=net_failover\0"));
        Files.write(kernel.resolve("failover.ko"), module("depends=\0name=failover\0"));
        Files.write(kernel.resolve("virtio.ko"), module("depends=virtio_ring\0name=virtio\0"));
        Files.write(kernel.resolve("virtio_ring.ko"), module("depends=\0name=virtio_ring\0"));
        Files.write(kernel.resolve("loop-a.ko"), module("depends=loop_b\0"));
        Files.write(kernel.resolve("loop_b.ko"), module("depends=loop-a\0"));
        Files.write(kernel.resolve("uses_builtin.ko"), module("depends=unix\0"));
        Files.writeString(root.resolve("modules.builtin"), "kernel/net/unix/unix.ko\n");
        return root;
    }

    @Test
    void dependsIsReadFromModinfo() {
        assertEquals(List.of("virtio_ring", "virtio", "net_failover"),
                KernelModules.parseDepends("a=b\0depends=virtio_ring,virtio,net-failover\0".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(), KernelModules.parseDepends("depends=\0".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(), KernelModules.parseDepends(new byte[0]));
    }

    @Test
    void loadOrderPutsDependenciesFirstOnceAndSkipsBuiltins(@TempDir Path tmp) throws Exception {
        KernelModules km = new KernelModules(tree(tmp));
        assertEquals(List.of("virtio_ring", "virtio", "failover", "net_failover", "virtio_net"),
                km.loadOrder(List.of("virtio_net", "virtio")));
        assertEquals(List.of("uses_builtin"), km.loadOrder(List.of("uses-builtin", "unix")));
        assertTrue(km.isBuiltin("unix"));
        assertFalse(km.isBuiltin("virtio"));
    }

    @Test
    void missingModulesAndCyclesAreNamed(@TempDir Path tmp) throws Exception {
        KernelModules km = new KernelModules(tree(tmp));
        Exception missing = assertThrows(IllegalArgumentException.class, () -> km.loadOrder(List.of("nope")));
        assertTrue(missing.getMessage().startsWith("kernel module nope is neither in "), missing.getMessage());
        Exception cycle = assertThrows(IllegalStateException.class, () -> km.loadOrder(List.of("loop_a")));
        assertEquals("kernel module dependency cycle: loop_a -> loop_b -> loop_a", cycle.getMessage());
    }

    @Test
    void busyboxIsStaticAndTheJvmIsNot() throws Exception {
        Path busybox = Command.which("busybox");
        org.junit.jupiter.api.Assumptions.assumeTrue(busybox != null, "no busybox on this host");
        Path java = Path.of(System.getProperty("java.home"), "bin/java");
        assertTrue(Elf.read(java).hasInterpreter(), java + " is dynamically linked");
        assertEquals(!Command.run(null, "ldd", busybox.toString()).output().contains("=>"),
                !Elf.read(busybox.toRealPath()).hasInterpreter(), "Elf agrees with ldd about " + busybox);
    }
}
