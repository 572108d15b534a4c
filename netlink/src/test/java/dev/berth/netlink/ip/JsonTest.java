package dev.berth.netlink.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.netlink.testing.MiniJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void compactLikeIpAndEscaped() {
        StringBuilder sb = new StringBuilder();
        new Json(sb).beginArray().beginObject().name("ifname").value("a\"b\\c\n\u0001").name("mtu").value(1500)
                .name("flags").beginArray().value("UP").value("LOWER_UP").endArray().name("x").nullValue()
                .name("ok").value(true).endObject().beginObject().endObject().endArray();
        assertEquals("[{\"ifname\":\"a\\\"b\\\\c\\n\\u0001\",\"mtu\":1500,\"flags\":[\"UP\",\"LOWER_UP\"],\"x\":null,"
                + "\"ok\":true},{}]", sb.toString());
        Object back = MiniJson.parse(sb.toString());
        assertEquals("a\"b\\c\n\u0001", ((Map<?, ?>) ((List<?>) back).get(0)).get("ifname"));
    }
}
