"""The exceptions normtk raises; the CLI turns them into messages and exit codes."""

from __future__ import annotations


class NormtkError(Exception):
    """Base of every error normtk raises on purpose."""

    exit_code = 1


class GazetteerError(NormtkError):
    """Gazetteer data is malformed or inconsistent; carries every problem found."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        count = len(problems)
        head = f"{count} problem{'s' if count != 1 else ''} in gazetteer data"
        super().__init__("\n".join([head + ":", *problems]))


class InputError(NormtkError):
    """Input the user gave cannot be used as it is (encoding, line counts, format)."""

    exit_code = 2


class UsageError(NormtkError):
    """Options that do not fit together or name something unknown."""

    exit_code = 2


class ModelError(NormtkError):
    """A translation model is missing, invalid or unsafe to install."""


class MissingExtraError(NormtkError):
    """An optional dependency is needed; the message names the pip command."""

    def __init__(self, feature: str, extra: str) -> None:
        super().__init__(
            f"{feature} requires extra dependencies; install them with:\n"
            f"    pip install 'normtk[{extra}]'"
        )
