"""osc.py — OSC 1.0 encoding and decoding (standard library only), and a UDP client.

Messages carry the argument types i (int32), h (int64), f (float32), d (float64),
s (string), b (blob), T and F (true/false, no payload).  Bundles carry an NTP time tag.
"""
import socket
import struct
import threading
import time
import queue

__all__ = ["Message", "Bundle", "encode_message", "encode_bundle", "decode",
           "ntp_timetag", "IMMEDIATELY", "OscClient", "OscError"]

IMMEDIATELY = 1          # the special time tag 0x0000000000000001
NTP_EPOCH_OFFSET = 2208988800   # seconds from 1900-01-01 to 1970-01-01


class OscError(ValueError):
    pass


class Message:
    """An OSC message: address and arguments.  Types are inferred (int -> i, or h
    beyond 32 bits; float -> f unless forced; str -> s; bytes -> b; bool -> T/F)
    unless `types` is given."""

    def __init__(self, address, *args, types=None):
        self.address = address
        self.args = list(args)
        self.types = types

    def encode(self):
        return encode_message(self.address, self.args, self.types)

    def __eq__(self, other):
        return (isinstance(other, Message) and self.address == other.address
                and self.args == other.args)

    def __repr__(self):
        return "Message(%r, %s)" % (self.address, ", ".join(repr(a) for a in self.args))


class Bundle:
    """An OSC bundle: a time tag (seconds since the Unix epoch as a float, or
    IMMEDIATELY) and messages or nested bundles."""

    def __init__(self, timetag=IMMEDIATELY, *elements):
        self.timetag = timetag
        self.elements = list(elements)

    def add(self, element):
        self.elements.append(element)

    def encode(self):
        return encode_bundle(self.timetag, self.elements)

    def __repr__(self):
        return "Bundle(%r, %s)" % (self.timetag, ", ".join(repr(e) for e in self.elements))


def _pad(b):
    return b + b"\0" * (-len(b) % 4)


def _osc_string(s):
    if isinstance(s, str):
        s = s.encode("utf-8")
    if b"\0" in s:
        raise OscError("OSC strings cannot contain NUL characters")
    return s + b"\0" * (4 - len(s) % 4)


def _infer(a):
    if isinstance(a, bool):
        return "T" if a else "F"
    if isinstance(a, int):
        return "i" if -2**31 <= a < 2**31 else "h"
    if isinstance(a, float):
        return "f"
    if isinstance(a, str):
        return "s"
    if isinstance(a, (bytes, bytearray, memoryview)):
        return "b"
    # numpy scalars and the like
    try:
        import numbers
        if isinstance(a, numbers.Integral):
            return _infer(int(a))
        if isinstance(a, numbers.Real):
            return "f"
    except Exception:
        pass
    raise OscError("cannot encode %r (%s) as an OSC argument" % (a, type(a).__name__))


def encode_message(address, args=(), types=None):
    """Bytes of an OSC message.  `types`, if given, is the type tag string
    without the leading comma (one of i h f d s b T F per argument)."""
    if not address.startswith("/"):
        raise OscError("an OSC address starts with '/': %r" % address)
    args = list(args)
    if types is None:
        types = "".join(_infer(a) for a in args)
    if len(types) != len(args):
        raise OscError("%d type tags for %d arguments" % (len(types), len(args)))
    out = [_osc_string(address), _osc_string("," + types)]
    for t, a in zip(types, args):
        if t == "i":
            out.append(struct.pack(">i", int(a)))
        elif t == "h":
            out.append(struct.pack(">q", int(a)))
        elif t == "f":
            out.append(struct.pack(">f", float(a)))
        elif t == "d":
            out.append(struct.pack(">d", float(a)))
        elif t == "s":
            out.append(_osc_string(str(a)))
        elif t == "b":
            b = bytes(a)
            out.append(struct.pack(">i", len(b)) + _pad(b))
        elif t in "TF":
            pass
        else:
            raise OscError("unsupported OSC type tag %r" % t)
    return b"".join(out)


def ntp_timetag(t):
    """The 64-bit NTP time tag of `t`, seconds since the Unix epoch (float)."""
    if t == IMMEDIATELY:
        return IMMEDIATELY
    secs = int(t // 1)
    frac = int(round((t - secs) * 2**32))
    if frac >= 2**32:
        secs, frac = secs + 1, frac - 2**32
    return ((secs + NTP_EPOCH_OFFSET) << 32) | frac


def _from_ntp(tag):
    if tag == IMMEDIATELY:
        return IMMEDIATELY
    return (tag >> 32) - NTP_EPOCH_OFFSET + (tag & 0xFFFFFFFF) / 2**32


def encode_bundle(timetag, elements):
    out = [b"#bundle\0", struct.pack(">Q", ntp_timetag(timetag))]
    for e in elements:
        b = e if isinstance(e, (bytes, bytearray)) else e.encode()
        out.append(struct.pack(">i", len(b)) + bytes(b))
    return b"".join(out)


def _read_string(data, pos):
    end = data.index(b"\0", pos)
    s = data[pos:end].decode("utf-8", errors="replace")
    return s, (end + 4) & ~3


def decode(data):
    """A Message or Bundle from bytes (bundle time tags come back as Unix seconds,
    or IMMEDIATELY)."""
    data = bytes(data)
    if data.startswith(b"#bundle\0"):
        if len(data) < 16:
            raise OscError("truncated bundle")
        (tag,) = struct.unpack_from(">Q", data, 8)
        b = Bundle(_from_ntp(tag))
        pos = 16
        while pos < len(data):
            (n,) = struct.unpack_from(">i", data, pos)
            pos += 4
            if n < 0 or pos + n > len(data):
                raise OscError("truncated bundle element")
            b.add(decode(data[pos:pos + n]))
            pos += n
        return b
    try:
        address, pos = _read_string(data, 0)
        if pos >= len(data):
            return Message(address, types="")
        tags, pos = _read_string(data, pos)
        if not tags.startswith(","):
            raise OscError("no type tag string")
        args = []
        for t in tags[1:]:
            if t == "i":
                args.append(struct.unpack_from(">i", data, pos)[0]); pos += 4
            elif t == "h":
                args.append(struct.unpack_from(">q", data, pos)[0]); pos += 8
            elif t == "f":
                args.append(struct.unpack_from(">f", data, pos)[0]); pos += 4
            elif t == "d":
                args.append(struct.unpack_from(">d", data, pos)[0]); pos += 8
            elif t == "s" or t == "S":
                s, pos = _read_string(data, pos); args.append(s)
            elif t == "b":
                (n,) = struct.unpack_from(">i", data, pos); pos += 4
                args.append(data[pos:pos + n]); pos += n + (-n % 4)
            elif t == "T":
                args.append(True)
            elif t == "F":
                args.append(False)
            elif t == "N":
                args.append(None)
            else:
                raise OscError("unsupported OSC type tag %r" % t)
        if pos > len(data):
            raise OscError("truncated message")
        return Message(address, *args, types=tags[1:])
    except (struct.error, ValueError) as e:
        if isinstance(e, OscError):
            raise
        raise OscError("malformed OSC packet: %s" % e)


class OscClient:
    """A UDP socket that sends to (host, port) and receives the replies that come
    back to its own port, on a background thread, into a queue."""

    def __init__(self, host="127.0.0.1", port=7770, local_port=0):
        self.addr = (host, port)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("0.0.0.0" if host not in ("127.0.0.1", "localhost") else "127.0.0.1", local_port))
        self.local_port = self.sock.getsockname()[1]
        self.replies = queue.Queue()
        self._closed = False
        self._thread = threading.Thread(target=self._recv_loop, daemon=True)
        self._thread.start()

    def _recv_loop(self):
        while not self._closed:
            try:
                data, _ = self.sock.recvfrom(65536)
            except OSError:
                break
            try:
                self._put(decode(data))
            except OscError:
                continue

    def _put(self, p):
        if isinstance(p, Bundle):
            for e in p.elements:
                self._put(e)
        else:
            self.replies.put(p)

    def send(self, packet):
        """Send a Message, a Bundle, or (address, *args)."""
        if isinstance(packet, (Message, Bundle)):
            data = packet.encode()
        elif isinstance(packet, (bytes, bytearray)):
            data = bytes(packet)
        else:
            data = encode_message(packet[0], packet[1:])
        self.sock.sendto(data, self.addr)

    def wait(self, match, timeout=5.0):
        """The first reply for which match(msg) is true, within timeout seconds;
        replies that do not match are kept for later waits.  None on timeout."""
        deadline = time.monotonic() + timeout
        kept = []
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                try:
                    m = self.replies.get(timeout=left)
                except queue.Empty:
                    return None
                if match(m):
                    return m
                kept.append(m)
        finally:
            for m in kept:
                self.replies.put(m)

    def close(self):
        self._closed = True
        try:
            self.sock.close()
        except OSError:
            pass
