package dev.berth.netlink.ops;

import dev.berth.netlink.codec.Message;
import dev.berth.netlink.codec.Rtm;

/** A change the kernel announced to a {@link Monitor}. {@code deleted} is true for {@code RTM_DEL*}. */
public sealed interface Event {
    record LinkEvent(boolean deleted, Link link) implements Event {}

    record AddressEvent(boolean deleted, Address address) implements Event {}

    record RouteEvent(boolean deleted, Route route) implements Event {}

    record NeighbourEvent(boolean deleted, Neighbour neighbour) implements Event {}

    record RuleEvent(boolean deleted, Rule rule) implements Event {}

    /** The socket's buffer overflowed ({@code ENOBUFS}): events were lost; re-read the state. */
    record Overrun() implements Event {}

    /** Any other message. */
    record Other(Message message) implements Event {}

    /** The event a notification message carries. */
    static Event of(Message m) {
        boolean deleted = (m.type() & 3) == 1;
        return switch (m.type() & ~3) {
            case Rtm.RTM_NEWLINK -> m.header() == null ? new Other(m) : new LinkEvent(deleted, Link.of(m));
            case Rtm.RTM_NEWADDR -> m.header() == null ? new Other(m) : new AddressEvent(deleted, Address.of(m));
            case Rtm.RTM_NEWROUTE -> m.header() == null ? new Other(m) : new RouteEvent(deleted, Route.of(m));
            case Rtm.RTM_NEWNEIGH -> m.header() == null ? new Other(m) : new NeighbourEvent(deleted, Neighbour.of(m));
            case Rtm.RTM_NEWRULE -> m.header() == null ? new Other(m) : new RuleEvent(deleted, Rule.of(m));
            default -> new Other(m);
        };
    }
}
