"""Writing files all or nothing, and naming them in errors."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


def as_path(path) -> Path:
    """``path`` (str, bytes or os.PathLike) as a Path, or raise if no file can have that name.

    bytes are decoded as ``os.fsdecode`` does, so a name that is not valid
    UTF-8 survives as surrogate escapes and still names the same file.
    """
    path = os.fsdecode(os.fspath(path))
    if "\0" in path:
        # pathlib and the OS would only say "embedded null byte", without the name.
        raise ValueError(f"{path!r}: a file name cannot contain a NUL byte ('\\0')")
    return Path(path)


def os_error(error: OSError, message: str) -> OSError:
    """An OSError of ``error``'s subclass and errno whose text is ``message`` alone.

    With the errno kept as an attribute rather than an argument, the text
    does not start with "[Errno n]", so it reads like dlaudio's other
    messages ("<file>: ...") and callers listing many files can strip the name.
    """
    new = type(error)(message)
    new.errno = error.errno
    return new


def _write_failed(path, error: OSError, why: str = "") -> OSError:
    return os_error(
        error, f"writing {path} failed: {error.strerror or error}{why}; any file there before is left as it was"
    )


class _KeepErrors:
    """A binary file whose failed writes are kept, to be reported when the writing is done.

    soundfile writes through a C callback, where a raised OSError is only
    printed ("Exception ignored from cffi callback") and soundfile then fails
    with a bare AssertionError; kept here, the real cause (disk full, file too
    large) reaches the caller. A failed write reports nothing written, so
    libsndfile stops.
    """

    def __init__(self, file):
        self._file = file
        self.error: OSError | None = None

    def write(self, data):
        if self.error is None:
            try:
                return self._file.write(data)
            except OSError as error:
                self.error = error
        return 0

    def flush(self):
        if self.error is None:
            try:
                self._file.flush()
            except OSError as error:
                self.error = error

    def __getattr__(self, name):
        return getattr(self._file, name)


@contextlib.contextmanager
def atomic_write(path):
    """Open a temporary file beside ``path`` for binary writing; on success it replaces ``path``.

    The temporary file is in the same folder (so ``os.replace`` is one step
    on the same file system) and is flushed to disk first. On any error it
    is removed and ``path`` is left as it was: readers see the old file or
    the whole new one, never half of it. An OSError from the file system
    (read-only folder, disk full) names ``path``, not the temporary file.
    """
    path = as_path(path)
    folder = path.parent
    tmp = folder / f".{path.name}.{secrets.token_hex(6)}.tmp"
    try:
        # os.open with 0o666 honours the umask, as a plain open() would.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except (FileNotFoundError, NotADirectoryError):
        raise FileNotFoundError(f"{path}: the folder {folder} does not exist") from None
    except OSError as error:
        raise _write_failed(path, error, f" (cannot create a file in {folder})") from error
    fh = None
    body_done = False
    try:
        with os.fdopen(fd, "wb") as file:
            fh = _KeepErrors(file)
            yield fh
            body_done = True
            if fh.error is not None:
                raise fh.error
            file.flush()
            os.fsync(file.fileno())
        os.replace(tmp, path)
    except BaseException as error:
        tmp.unlink(missing_ok=True)
        if isinstance(error, Exception) and fh is not None and fh.error is not None:
            # The body's own error (soundfile's AssertionError) is only a consequence.
            raise _write_failed(path, fh.error) from fh.error
        if body_done and isinstance(error, OSError):
            raise _write_failed(path, error) from error
        raise
