#!/usr/bin/env python3
"""Turns `strace -e read=N -e write=N` output of an `ip` run into a golden fixture: one block per
netlink datagram, `>` for what ip sent, `<` for what the kernel answered, bytes in hex.
MSG_PEEK calls (which carry no data) are left out."""
import re, sys

def convert(lines):
    blocks, cur = [], None
    for line in lines:
        m = re.match(r"^(?:\d+\s+)?(sendmsg|sendto|recvmsg|recvfrom)\(", line)
        if m:
            call = m.group(1)
            peek = "MSG_PEEK" in line
            cur = None if peek else {"dir": ">" if call.startswith("send") else "<", "call": call, "hex": []}
            if cur is not None:
                blocks.append(cur)
            continue
        m = re.match(r"^\s*(?:\d+\s+)?\| [0-9a-f]{5}  ((?:[0-9a-f]{2} {1,2}){1,16})", line)
        if m and cur is not None:
            cur["hex"].extend(m.group(1).split())
    return [b for b in blocks if b["hex"]]

if __name__ == "__main__":
    src, title, versions = sys.argv[1], sys.argv[2], sys.argv[3]
    out = ["# " + title, "# " + versions]
    for b in convert(open(src)):
        out.append("%s %s %d" % (b["dir"], b["call"], len(b["hex"])))
        for i in range(0, len(b["hex"]), 16):
            out.append(" ".join(b["hex"][i:i + 16]))
    print("\n".join(out))
