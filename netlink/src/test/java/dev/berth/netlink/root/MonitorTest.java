package dev.berth.netlink.root;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.ops.Event;
import dev.berth.netlink.ops.Monitor;
import dev.berth.netlink.testing.TestNs;
import dev.berth.syscall.testing.RootTest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Events for changes made with ip arrive parsed, through a monitor opened inside the test's namespace. */
@RootTest
class MonitorTest {
    private static List<Event> collectUntil(Monitor m, Predicate<List<Event>> done) throws Exception {
        List<Event> all = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.test(all) && System.nanoTime() < deadline) {
            all.addAll(m.next(200));
        }
        return all;
    }

    @Test
    void linkAddressAndRouteEvents() throws Exception {
        try (TestNs ns = TestNs.create("mon");
                Monitor m = ns.handle().monitor(EnumSet.of(Monitor.Group.LINK, Monitor.Group.ADDRESS,
                        Monitor.Group.ROUTE))) {
            assertTrue(m.next(50).isEmpty(), "nothing happened yet");
            ns.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
            ns.ip("link", "set", "v0", "up");
            ns.ip("link", "set", "v1", "up");
            ns.ip("addr", "add", "198.18.0.1/24", "dev", "v0");
            ns.ip("route", "add", "198.18.1.0/24", "via", "198.18.0.2");
            ns.ip("link", "del", "v0");
            Predicate<Event> linkAdded = e -> e instanceof Event.LinkEvent le && !le.deleted()
                    && "v0".equals(le.link().name());
            Predicate<Event> addrAdded = e -> e instanceof Event.AddressEvent ae && !ae.deleted()
                    && Inet.format(ae.address().local()).equals("198.18.0.1");
            Predicate<Event> routeAdded = e -> e instanceof Event.RouteEvent re && !re.deleted()
                    && re.route().destination().toString().equals("198.18.1.0/24");
            Predicate<Event> linkDeleted = e -> e instanceof Event.LinkEvent le && le.deleted()
                    && "v0".equals(le.link().name());
            List<Event> events = collectUntil(m, l -> l.stream().anyMatch(linkDeleted));
            assertTrue(events.stream().anyMatch(linkAdded), events.toString());
            assertTrue(events.stream().anyMatch(addrAdded), events.toString());
            assertTrue(events.stream().anyMatch(routeAdded), events.toString());
            assertTrue(events.stream().anyMatch(linkDeleted), events.toString());
        }
    }
}
