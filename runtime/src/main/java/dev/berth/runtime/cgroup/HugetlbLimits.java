package dev.berth.runtime.cgroup;

import dev.berth.specs.Resources;
import java.util.List;

/**
 * {@code linux.resources.hugepageLimits}: v1 {@code hugetlb.<size>.limit_in_bytes}, v2
 * {@code hugetlb.<size>.max} (hugetlb.rst), and the reservation limit ({@code .rsvd.}) beside it where
 * the kernel has one, as runc does, so reserved-but-unfaulted pages count too.
 */
final class HugetlbLimits {
    private static final String FIELD = "linux.resources.hugepageLimits";

    private HugetlbLimits() {}

    static void check(List<Resources.HugepageLimit> limits, Target t) throws CgroupException {
        if (limits.isEmpty()) {
            return;
        }
        t.require("hugetlb", FIELD);
        List<String> sizes = t.hugePageSizes();
        for (Resources.HugepageLimit l : limits) {
            if (!sizes.contains(l.pageSize())) {
                throw new CgroupException(FIELD + ": page size " + l.pageSize() + " is not one this kernel has "
                        + sizes + " (/sys/kernel/mm/hugepages)");
            }
        }
    }

    static void apply(List<Resources.HugepageLimit> limits, Target t) throws CgroupException {
        if (limits.isEmpty()) {
            return;
        }
        String dir = t.dir("hugetlb", FIELD);
        boolean v2 = t.v2("hugetlb", FIELD);
        for (Resources.HugepageLimit l : limits) {
            String value = Long.toUnsignedString(l.limit());
            String field = FIELD + "[" + l.pageSize() + "]";
            String prefix = "hugetlb." + l.pageSize();
            t.write(dir, prefix + (v2 ? ".max" : ".limit_in_bytes"), value, field);
            String rsvd = prefix + (v2 ? ".rsvd.max" : ".rsvd.limit_in_bytes");
            if (t.exists(dir, rsvd)) {
                t.write(dir, rsvd, value, field);
            }
        }
    }

    /**
     * {@code hugepages-2048kB} (a /sys/kernel/mm/hugepages entry) as the kernel's cgroup file names spell
     * the size ({@code 2MB}); null for other names.
     */
    static String pageSizeName(String dirName) {
        if (!dirName.startsWith("hugepages-") || !dirName.endsWith("kB")) {
            return null;
        }
        long kb;
        try {
            kb = Long.parseLong(dirName.substring("hugepages-".length(), dirName.length() - 2));
        } catch (NumberFormatException e) {
            return null;
        }
        if (kb >= 1 << 20) {
            return (kb >> 20) + "GB";
        }
        if (kb >= 1 << 10) {
            return (kb >> 10) + "MB";
        }
        return kb + "KB";
    }
}
