"""Login at start and the idle lock screen; both check passwords through the auth service."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from console.services.auth import LoginFailed
from console.services.context import Actor


class LoginDialog(QDialog):
    """Asks for a username and password until the auth service accepts them or the user gives up."""

    def __init__(self, login: Callable[[str, str], Actor], hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._login = login
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("CSGT command console — sign in"))
        self.setObjectName("loginDialog")
        title = QLabel(self.tr("Traffic Police Command Console"))
        title.setObjectName("loginTitle")
        self.username = QLineEdit()
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.message = QLabel(wordWrap=True)
        self.message.setObjectName("errorText")
        form = QFormLayout()
        form.addRow(self.tr("&Username"), self.username)
        form.addRow(self.tr("&Password"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Quit"))
        buttons.accepted.connect(self._try)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(form)
        if hint:
            hint_label = QLabel(hint, wordWrap=True)
            hint_label.setObjectName("hintText")
            layout.addWidget(hint_label)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def _try(self) -> None:
        try:
            self.actor = self._login(self.username.text().strip(), self.password.text())
        except LoginFailed as failure:
            self.message.setText(failure_text(failure))
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()


class LockDialog(QDialog):
    """Covers the console after idle time; only the signed-in operator's password opens it."""

    def __init__(self, actor: Actor, confirm: Callable[[Actor, str], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actor = actor
        self._confirm = confirm
        self.setWindowTitle(self.tr("Console locked"))
        self.setModal(True)
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.message = QLabel(wordWrap=True)
        self.message.setObjectName("errorText")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("The console was locked after a period without activity.")))
        form = QFormLayout()
        form.addRow(self.tr("Password for %1").replace("%1", actor.username), self.password)
        layout.addLayout(form)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Unlock"))
        buttons.accepted.connect(self._try)
        layout.addWidget(buttons)

    def _try(self) -> None:
        try:
            ok = self._confirm(self._actor, self.password.text())
        except LoginFailed as failure:
            self.message.setText(failure_text(failure))
            ok = False
        if ok:
            self.accept()
            return
        if not self.message.text():
            self.message.setText(self.tr("Wrong password."))
        self.password.clear()

    def reject(self) -> None:
        """Escape must not unlock."""


def failure_text(failure: LoginFailed) -> str:
    if failure.reason == "locked":
        minutes = max(1, round(failure.retry_after_s / 60))
        return QCoreApplication.translate("Login", "Too many failed attempts. Try again in %1 min.").replace(
            "%1", str(minutes)
        )
    if failure.reason == "disabled":
        return QCoreApplication.translate("Login", "This account is disabled. Ask an administrator.")
    return QCoreApplication.translate("Login", "Wrong username or password.")
