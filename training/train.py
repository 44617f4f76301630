#!/usr/bin/python3
"""Command line entry of the training loop (see gatefill_train/trainer.py and training/README.md).

Single process:  /usr/bin/python3 training/train.py --data DIR --out RUN [...]
Distributed:     torchrun --nproc_per_node=N training/train.py --data DIR --out RUN [...]
"""
import os
import sys

# Must precede the first torch import (libgomp reads it once). On a shared 2-core machine a spinning
# OpenMP worker waiting for a descheduled sibling turned 2.3 s steps into 37 s steps while other builds
# ran; passive waiting costs next to nothing when the machine is idle.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from gatefill_train.allocator import keep_freed_memory  # noqa: E402

keep_freed_memory()  # +12-13 % images per hour on this CPU, measured side by side (allocator.py)

from gatefill_train.precision import allow_amx  # noqa: E402

allow_amx()  # before torch's first convolution: oneDNN reads it once (precision.py)

from gatefill_train.trainer import run  # noqa: E402

if __name__ == "__main__":
    state = run()
    if int(os.environ.get("WORLD_SIZE", "1")) > 1:
        # Torch 1.13 with gloo can deadlock when the DDP wrappers are freed at exit: the main thread,
        # holding the GIL, joins gloo's worker thread in ~ProcessGroupGloo while another thread waits
        # for the GIL to free a tensor (gdb on a hung rank; about 1 run in 10 on 2 cores). Checkpoints
        # and logs are written by now, so a worker leaves without that teardown; holding ``state``
        # keeps the wrappers alive until then.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
