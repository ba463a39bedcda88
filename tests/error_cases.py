"""The shape of a search test case for the error pages (docs/errors/): a mistake raised with
other sizes than the page's, or a literal message that cannot be raised here (an older version's
wording, a GPU-only message), and the entry a reader pasting it should land on.

The cases themselves are in ``tests/error_cases_<topic>.py``, next to nothing else; the browser
test (tests/test_browser_search.py) pastes each into the built site's search box.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    entry: str  # source page and heading anchor, e.g. "errors/pytorch.md#some-heading"
    make: Callable[[], object] | None = None  # raises the mistake, with other sizes
    text: str | None = None  # or: the message itself, as a terminal printed it

    def __post_init__(self):
        if (self.make is None) == (self.text is None):
            raise ValueError(f"Case({self.entry!r}): give exactly one of make= or text=")
        page, _, anchor = self.entry.partition("#")
        if not (page.startswith("errors/") and page.endswith(".md") and anchor):
            raise ValueError(
                f"Case entry {self.entry!r}: expected 'errors/<page>.md#<heading-anchor>'"
            )

    def message(self) -> str:
        """The last line of the traceback a reader sees: 'ErrorType: message'."""
        if self.text is not None:
            return self.text
        try:
            self.make()
        except Exception as err:  # noqa: BLE001 - any error is the message under test
            return f"{type(err).__name__}: {err}"
        raise AssertionError(f"{self.entry}: make() raised nothing")
