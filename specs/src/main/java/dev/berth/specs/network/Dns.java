package dev.berth.specs.network;

import dev.berth.specs.internal.Immutable;
import java.util.List;
import java.util.Map;

/**
 * DNS settings of a plugin or of static IPAM (CNI spec, "dns").
 *
 * @param nameservers addresses of name servers
 * @param domain local domain, null when absent
 * @param search search domains
 * @param options resolver options
 * @param extra keys Berth does not interpret, as written
 */
public record Dns(List<String> nameservers, String domain, List<String> search, List<String> options,
        Map<String, RawJson> extra) {
    public Dns {
        nameservers = Immutable.list(nameservers);
        search = Immutable.list(search);
        options = Immutable.list(options);
        extra = Immutable.map(extra);
    }
}
