"""Parameters written into a user's instance in the dtype its own arrays have, as its constructor
built them: a float32 class then computes in float32 under nncheck as it does when trained (with
float64 arrays written in, its gradients came out float64 beside a float32 loss, the precision
read as float64, and float64 tolerances judged float32 rounding).

A copy in another dtype hides from the bridge a call that writes into its parameters; so what a
call writes into such a copy is written back into nncheck's array, where the bridge looks.
"""


def dtypes_of(arrays):
    return [getattr(a, "dtype", None) for a in arrays]


class OwnDtype:
    def __init__(self):
        self.copies = []  # (nncheck's array, the copy in the instance's dtype)

    def cast(self, arrays, dtypes):
        """Each array in its dtype (itself when it has it already)."""
        self.copies = []
        out = []
        for a, dtype in zip(arrays, dtypes or [None] * len(arrays)):
            own = a if dtype is None or getattr(dtype, "kind", None) != "f" else a.astype(dtype, copy=False)
            if own is not a:
                self.copies.append((a, own))
            out.append(own)
        return out

    def write_back(self):
        import numpy as np
        for a, own in self.copies:
            if a.flags.writeable and not np.array_equal(a.astype(own.dtype), own, equal_nan=True):
                a[...] = own
