"""The exceptions normtk raises; the CLI turns them into messages and exit codes."""

from __future__ import annotations


class NormtkError(Exception):
    """Base of every error normtk raises on purpose.

    ``parameter`` names the library parameter whose other value ``remedy``
    (e.g. ``"replace to substitute U+FFFD"``) would avoid the error; the CLI
    turns it into a hint naming its flag, for commands that have that flag.
    """

    exit_code = 1
    parameter: str | None = None
    remedy: str = ""
    #: Library parameters the message names as written (``src_lang``); the CLI writes
    #: each as its flag (``--src-lang``) where the running command offers one.
    parameters: tuple[str, ...] = ()


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


class DecodeError(InputError):
    """Input is not valid UTF-8; carries the file, the line and the byte offset."""

    parameter = "errors"
    remedy = "replace to substitute U+FFFD"

    def __init__(self, file: str, line: int, offset: int, byte: int) -> None:
        self.file = file
        self.line = line
        self.offset = offset
        self.byte = byte
        super().__init__(f"{file}:{line}: invalid UTF-8 at byte {offset} (byte 0x{byte:02x})")


class ConfigError(InputError):
    """A configuration file (``.normtk.toml``) cannot be read or says something invalid."""


class UsageError(NormtkError):
    """Options that do not fit together or name something unknown."""

    exit_code = 2

    def __init__(self, message: str, *parameters: str) -> None:
        super().__init__(message)
        self.parameters = parameters


class ModelError(NormtkError):
    """A translation model is missing, invalid or unsafe to install."""


class ClusterError(NormtkError):
    """A Dask cluster cannot be reached, or lost a job (a worker died too often)."""


class MissingExtraError(NormtkError):
    """An optional dependency is needed; the message names the pip command."""

    def __init__(self, feature: str, extra: str) -> None:
        super().__init__(
            f"{feature} requires extra dependencies; install them with:\n"
            f"    pip install 'normtk[{extra}]'"
        )
