"""Arrays kept on the Python side between calls (X, Y, unchanged parameters), so a request can
name them instead of sending their bytes again.

The client gives each id to exactly one content and reuses an id only after comparing the
bytes it is about to send with the bytes it sent under that id, so what is stored here cannot
go stale. The client also names the ids it lets go of; the caps below are a second guard (an id
dropped here that the client still uses comes back as a miss, and the client sends the bytes).
User code never sees a stored array itself. For the calls that allow it (see bridge.main), it
gets a read-only view: nothing can write into the original, so no copy is made and no mutation
check is needed; a call that tries to write raises, and the bridge makes it again on copies,
exactly as if the bytes had come over the pipe. Every other call gets its own writable copy.
"""
from collections import OrderedDict

MAX_ENTRIES = 64
MAX_BYTES = 256 << 20


class Miss(Exception):
    """A request named ids this side does not hold (after a restart, or past the caps)."""

    def __init__(self, request_id, ids):
        Exception.__init__(self, "not held: %s" % ids)
        self.request_id = request_id
        self.ids = ids


class ArrayStore(object):
    def __init__(self):
        self.entries = OrderedDict()
        self.bytes = 0

    def put(self, key, array):
        self.drop([key])
        array.flags.writeable = False  # a view of it can then never be made writeable either
        self.entries[key] = array
        self.bytes += array.nbytes
        while len(self.entries) > MAX_ENTRIES or self.bytes > MAX_BYTES:
            _, old = self.entries.popitem(last=False)
            self.bytes -= old.nbytes

    def get(self, key):
        array = self.entries.get(key)
        if array is not None:
            self.entries.move_to_end(key)
        return array

    def drop(self, keys):
        for key in keys:
            old = self.entries.pop(key, None)
            if old is not None:
                self.bytes -= old.nbytes

    def resolve(self, header, inline, read_only=False):
        """The request's arguments in order, and the stored original of each (None when inline).

        header["refs"] holds one entry per argument: 0 for the next inline array, else an id;
        header["keep"] lists [argument, id] pairs of inline arrays to store; header["drop"] the
        ids the client let go of (applied last: an id evicted by this very request still serves
        it). Raises Miss naming the ids not held: the client sends those arrays again.
        """
        refs = header.get("refs")
        if refs is None:
            self.drop(header.get("drop", ()))
            return inline, [None] * len(inline)
        arrays, originals, missing = [], [], []
        inline_iter = iter(inline)
        for ref in refs:
            arrays.append(next(inline_iter) if ref == 0 else None)
            originals.append(None)
        for slot, key in header.get("keep", ()):
            original = arrays[slot].copy()
            self.put(key, original)
            originals[slot] = original
        for slot, ref in enumerate(refs):
            if ref == 0:
                continue
            original = self.get(ref)
            if original is None:
                missing.append(ref)
                continue
            arrays[slot] = original.view() if read_only else original.copy()
            originals[slot] = original
        self.drop(header.get("drop", ()))
        if missing:
            raise Miss(header.get("id"), missing)
        return arrays, originals
