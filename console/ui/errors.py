"""Turning exceptions into messages an operator can act on."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from console.services.context import PermissionDenied
from console.storage.db import DatabaseError, DatabaseUnavailable

log = logging.getLogger(__name__)


def describe(error: BaseException) -> str:
    if isinstance(error, PermissionDenied):
        return QCoreApplication.translate("Errors", "Your role does not allow this action.")
    if isinstance(error, DatabaseUnavailable):
        # The technical reason goes to the log and the status bar's tooltip; the operator needs
        # to know whether the action happened and what to do next.
        if error.in_doubt:
            return QCoreApplication.translate(
                "Errors",
                "The connection to the database was lost while saving: the change may have been saved. "
                "Check before doing it again.",
            )
        return QCoreApplication.translate(
            "Errors",
            "The database cannot be reached, so nothing was saved. Try again when the status bar shows "
            "the database OK.",
        )
    if isinstance(error, DatabaseError):
        return QCoreApplication.translate("Errors", "Database problem: %1").replace("%1", str(error))
    if isinstance(error, ValueError):
        return str(error)
    return QCoreApplication.translate("Errors", "Unexpected error: %1").replace(
        "%1", f"{type(error).__name__}: {error}"
    )


def show_error(parent: QWidget | None, error: BaseException) -> None:
    log.error("operation failed: %s", error, exc_info=error)
    QMessageBox.warning(parent, QCoreApplication.translate("Errors", "Could not complete"), describe(error))
