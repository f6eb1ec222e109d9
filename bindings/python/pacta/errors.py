"""The exceptions the binding raises: one class per pacta_status.

Every error of the library arrives as a pacta_error (file, 1-based line and
column, message, hint); the binding copies it into the exception, so an
exception never refers to C memory. line and column are 0 when the error has
no position (an unreadable file, say).
"""

OK = 0
DONE = 1
EINPUT = -1
ELIMIT = -2
ENOMEM = -3
EIO = -4
EUSAGE = -5


class Error(Exception):
    """Base class of every exception the binding raises.

    Attributes: status (the pacta_status code), file, line, column, message,
    hint ("" when none). str() gives "file:line:column: message (hint)", the
    form the pacta command prints.
    """

    status = None

    def __init__(self, message, file="", line=0, column=0, hint="", text=None):
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
        super().__init__(text if text is not None else _format(file, line, column, message, hint))


class InputError(Error):
    """A malformed rule file or scenario, or a fact the rulebase does not know (PACTA_EINPUT)."""
    status = EINPUT


class LimitError(Error):
    """The input exceeds a limit of the rulebase's options (PACTA_ELIMIT)."""
    status = ELIMIT


class OutOfMemoryError(Error):
    """An allocation in the library failed (PACTA_ENOMEM)."""
    status = ENOMEM


class FileError(Error):
    """A file could not be read, or is not a regular file (PACTA_EIO)."""
    status = EIO


class UsageError(Error):
    """An invalid argument, or an object used after close() (PACTA_EUSAGE)."""
    status = EUSAGE


class LibraryError(Error):
    """libpacta could not be loaded, or is a version this binding does not know."""


_BY_STATUS = {cls.status: cls for cls in (InputError, LimitError, OutOfMemoryError, FileError,
                                          UsageError)}


def _format(file, line, column, message, hint):
    where = file
    if line:
        where += f":{line}:{column}" if column else f":{line}"
    text = f"{where}: {message}" if where else message
    return f"{text} (hint: {hint})" if hint else text


def error_class(status):
    """The exception class for a pacta_status (Error for a status the binding does not know)."""
    return _BY_STATUS.get(status, Error)
