"""The nbclient ``NotebookClient`` the grading worker runs a notebook with.

On top of nbclient it caps the output kept, remembers which cells were
interrupted (a second time limit on the same cell means the cell ignores
interrupts), polls the kernel's channels in slices (:func:`watch_in_slices`) and
nudges a kernel that has not started on a request (:data:`NUDGE_AFTER`).
nbclient is heavy, so the class is made on demand by :func:`make_client_class`:
:class:`GradingBehaviour` holds what it adds, and is mixed in front of nbclient's
class there.
"""

from __future__ import annotations

import asyncio
import os
import time
from typing import Any

from crmkit.grading.worker_log import trace

POLL_SLICE = 1.0
"""Seconds: the longest a wait for a kernel message goes without looking again."""
NUDGE_AFTER = 3.0
"""Seconds after which a request the kernel has not started on is followed by a
kernel_info_request. Under load, an ipykernel 7 kernel can leave a request unread on its
shell socket until another message arrives (ipython/ipykernel#1554); the extra request
wakes it, and costs nothing when the kernel was merely slow."""


def output_size(msg: dict[str, Any]) -> int:
    """Roughly how many characters an output message adds to the notebook.

    >>> output_size({"msg_type": "stream", "content": {"text": "hello"}})
    5
    """
    content = msg.get("content", {})
    if "text" in content:
        return len(str(content["text"]))
    data = content.get("data") or {}
    return sum(len(str(value)) for value in data.values()) + len(str(content.get("traceback", "")))


def watch_in_slices(channel: Any) -> None:
    """Make ``channel.get_msg(timeout)`` look at its socket at least every :data:`POLL_SLICE`.

    Under load, an asyncio poll on a ZeroMQ socket can miss the wake-up of a message
    that has arrived, and then only notices it when its timeout ends: a cell that
    finished in a second seemed to run until the cell time limit (up to minutes). A
    new poll checks the socket's state first, so polling in slices bounds that delay.
    """
    from queue import Empty

    get_msg = channel.get_msg

    async def get_msg_in_slices(timeout: float | None = None) -> Any:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = POLL_SLICE if deadline is None else deadline - time.monotonic()
            try:
                return await get_msg(timeout=max(0.0, min(POLL_SLICE, left)))
            except Empty:
                if deadline is not None and time.monotonic() >= deadline:
                    raise

    channel.get_msg = get_msg_in_slices


class GradingBehaviour:
    """What the grading client adds to nbclient's ``NotebookClient`` (mixed in before it).

    ``max_output`` caps the characters of output kept; ``current`` is the cell (or
    ``"extraction"``) running now; ``interrupted`` the cells a time limit interrupted;
    ``waiting_for`` and ``started`` follow the requests sent and begun, for the nudges.
    """

    kc: Any

    def __init__(self, nb: Any, max_output: int, **kwargs: Any) -> None:
        super().__init__(nb, **kwargs)  # type: ignore[call-arg]
        self.max_output = max_output
        self.output_bytes = 0
        self.flooded = False
        self.current: int | str | None = None
        self.interrupted: set[int | str | None] = set()
        self.waiting_for: str | None = None
        self.sent_at = 0.0
        self.started: set[str | None] = set()
        self.nudged: list[str] = []

    @property
    def nudges(self) -> int:
        return len(self.nudged)

    def nudges_for(self, request: str) -> int:
        return self.nudged.count(request)

    def output(self, outs: list[Any], msg: dict[str, Any], display_id: Any, cell_index: int) -> Any:
        self.output_bytes += output_size(msg)
        if self.output_bytes > self.max_output and msg.get("msg_type") != "error":
            self.flooded = True
            return None
        return super().output(outs, msg, display_id, cell_index)  # type: ignore[misc]

    async def async_start_new_kernel_client(self) -> Any:
        kc = await super().async_start_new_kernel_client()  # type: ignore[misc]
        for channel in (kc.shell_channel, kc.iopub_channel):
            watch_in_slices(channel)
        send = kc.execute

        def execute(*args: Any, **kwargs: Any) -> str:
            msg_id = send(*args, **kwargs)
            self.waiting_for, self.sent_at = msg_id, time.monotonic()
            return msg_id

        kc.execute = execute
        return kc

    def process_message(self, msg: dict[str, Any], cell: Any, cell_index: int) -> Any:
        if os.environ.get("CRMKIT_GRADE_DEBUG"):
            content = msg.get("content", {})
            trace(
                f"iopub {msg.get('msg_type')} {content.get('execution_state', '')} "
                f"{content.get('comm_id', '')} sent {msg['header'].get('date')}"
            )
        if msg.get("msg_type") == "status":
            self.started.add(msg.get("parent_header", {}).get("msg_id"))
            if msg.get("content", {}).get("execution_state") == "idle":
                trace(f"idle after {self.current}")
        return super().process_message(msg, cell, cell_index)  # type: ignore[misc]

    async def nudge(self) -> None:
        """Wake a kernel that left our request unread (see :data:`NUDGE_AFTER`)."""
        while True:
            await asyncio.sleep(0.5)
            request, waited = self.waiting_for, time.monotonic() - self.sent_at
            if (
                request is not None
                and request not in self.started
                and self.kc is not None
                and waited >= NUDGE_AFTER * (self.nudges_for(request) + 1)
            ):
                self.nudged.append(request)
                self.kc.kernel_info()
                trace(f"no sign of request {request} ({self.current}): nudged the kernel")

    async def _async_handle_timeout(self, timeout: int, cell: Any = None) -> Any:
        from nbclient.exceptions import CellTimeoutError

        trace(
            f"{timeout} s limit reached on {self.current}; request {self.waiting_for} "
            f"started: {self.waiting_for in self.started}"
        )
        if self.current in self.interrupted:
            raise CellTimeoutError(f"The cell ignored the interrupt after {timeout} s.")
        self.interrupted.add(self.current)
        return await super()._async_handle_timeout(timeout, cell)  # type: ignore[misc]


def make_client_class() -> type:
    """The nbclient NotebookClient subclass the worker runs notebooks with.

    It is :class:`GradingBehaviour` in front of nbclient's ``NotebookClient``
    (imported only now: nbclient is heavy).

    >>> client_class = make_client_class()
    >>> [cls.__name__ for cls in client_class.__mro__[:3]]
    ['GradingClient', 'GradingBehaviour', 'NotebookClient']
    """
    from nbclient import NotebookClient

    class GradingClient(GradingBehaviour, NotebookClient):  # type: ignore[misc]
        pass

    return GradingClient
