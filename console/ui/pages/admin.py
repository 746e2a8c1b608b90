"""Administration: operator accounts and the audit log browser."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.services.context import Permission, Role
from console.ui.labels import label, local_time
from console.ui.theme import ERROR, LIVE, STALE, WARNING
from widgets.record_table import RecordTable

from .base import Page, PageContext


class AddUserDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add operator account"))
        self.username = QLineEdit(placeholderText="nguyenvana")
        self.display_name = QLineEdit()
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(label(role.value), role.value)
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.message = QLabel(wordWrap=True)
        self.message.setObjectName("errorText")
        form = QFormLayout(self)
        form.addRow(self.tr("Username"), self.username)
        form.addRow(self.tr("Full name"), self.display_name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Password (8+ characters)"), self.password)
        form.addRow(self.tr("Repeat password"), self.password2)
        form.addRow(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _check(self) -> None:
        if self.password.text() != self.password2.text():
            self.message.setText(self.tr("The two passwords differ."))
            return
        self.accept()


class AdminPage(Page):
    key = "admin"

    def __init__(self, ctx: PageContext) -> None:
        super().__init__(ctx)
        self._active: dict[int, bool] = {}
        self.users = RecordTable(
            [self.tr("Username"), self.tr("Full name"), self.tr("Role"), self.tr("State"), self.tr("Last sign-in")],
            self.tr("Search operators…"),
            self.tr("No operator accounts."),
        )
        add = QPushButton(self.tr("&Add operator…"))
        add.setProperty("primary", "true")
        self.toggle = QPushButton(self.tr("&Disable / enable"))
        self.toggle.setProperty("danger", "true")
        role = QPushButton(self.tr("Change &role…"))
        add.clicked.connect(self._add)
        self.toggle.clicked.connect(self._toggle)
        role.clicked.connect(self._change_role)
        buttons = QHBoxLayout()
        for b in (add, self.toggle, role):
            buttons.addWidget(b)
        buttons.addStretch()
        users_tab = QWidget()
        users_layout = QVBoxLayout(users_tab)
        users_layout.addLayout(buttons)
        users_layout.addWidget(self.users)

        self.action_filter = QLineEdit(placeholderText=self.tr("Action, e.g. auth.login"), clearButtonEnabled=True)
        self.actor_filter = QLineEdit(placeholderText=self.tr("Operator"), clearButtonEnabled=True)
        self.text_filter = QLineEdit(placeholderText=self.tr("Text in object or details"), clearButtonEnabled=True)
        apply = QPushButton(self.tr("&Filter"))
        verify = QPushButton(self.tr("&Verify chain"))
        self.verify_result = QLabel()
        self.verify_result.setObjectName("summary")
        filters = QHBoxLayout()
        for w in (self.action_filter, self.actor_filter, self.text_filter, apply, verify):
            filters.addWidget(w)
        self.audit = RecordTable(
            [self.tr("#"), self.tr("Time"), self.tr("Operator"), self.tr("Action"), self.tr("Object"),
             self.tr("Details"), self.tr("Hash")],
            self.tr("Search the loaded entries…"),
            self.tr("No audit entries match."),
        )  # fmt: skip
        for w in (self.action_filter, self.actor_filter, self.text_filter):
            w.returnPressed.connect(self._load_audit)
        apply.clicked.connect(self._load_audit)
        verify.clicked.connect(self._verify)
        audit_tab = QWidget()
        audit_layout = QVBoxLayout(audit_tab)
        audit_layout.addLayout(filters)
        audit_layout.addWidget(self.audit)
        audit_layout.addWidget(self.verify_result)

        self.tabs = QTabWidget()
        if ctx.actor.can(Permission.USER_MANAGE):
            self.tabs.addTab(users_tab, self.tr("Operators"))
        if ctx.actor.can(Permission.AUDIT_VIEW):
            self.tabs.addTab(audit_tab, self.tr("Audit log"))
        layout = QVBoxLayout(self)
        if self.tabs.count() == 0:
            layout.addWidget(QLabel(self.tr("Your role has no administration rights.")))
        layout.addWidget(self.tabs)

    def title(self) -> str:
        return self.tr("Administration")

    def refresh(self) -> None:
        if self.ctx.actor.can(Permission.USER_MANAGE):
            self.load(lambda: self.ctx.services.users.list_users(self.ctx.actor), self._show_users)
        if self.ctx.actor.can(Permission.AUDIT_VIEW):
            self._load_audit()

    def _show_users(self, users: list[Any]) -> None:
        rows = [
            [u.username, u.display_name, label(u.role), self.tr("active") if u.active else self.tr("disabled"),
             local_time(u.last_login_at)]
            for u in users
        ]  # fmt: skip
        colours = [QColor(LIVE if u.active else STALE) for u in users]
        self.users.set_rows(rows, [u.id for u in users], colours)
        self._active = {u.id: u.active for u in users}

    def _load_audit(self) -> None:
        action = self.action_filter.text().strip() or None
        who = self.actor_filter.text().strip() or None
        text = self.text_filter.text().strip() or None
        services, actor = self.ctx.services, self.ctx.actor
        self.load(
            lambda: services.audit.browse(services.db, actor, action=action, actor_name=who, text=text),
            self._show_audit,
        )

    def _show_audit(self, entries: list[Any]) -> None:
        rows = [
            [e.seq, local_time(e.at), e.actor, e.action, f"{e.object_type} {e.object_id}".strip(), e.details,
             e.hash[:12]]
            for e in entries
        ]  # fmt: skip
        self.audit.set_rows(rows, [e.seq for e in entries])

    def _verify(self) -> None:
        services = self.ctx.services
        self.verify_result.setText(self.tr("Verifying…"))
        self.load(lambda: services.audit.verify(services.db), self._show_verification)

    def _show_verification(self, result: Any) -> None:
        if result.ok and result.keyed_since is not None:
            text = (
                self.tr("Audit chain intact: %1 entries checked, signed with the audit key from entry #%2.")
                .replace("%1", str(result.checked))
                .replace("%2", str(result.keyed_since))
            )
            colour = LIVE
        elif result.ok:
            # Intact is all an unkeyed chain can prove: a rewrite that recomputes every hash verifies too.
            text = self.tr(
                "Audit chain intact: %1 entries checked. Not signed with an audit key: someone with database "
                "rights could rewrite it undetected (csgt-console audit keygen)."
            ).replace("%1", str(result.checked))
            colour = WARNING  # needs attention: the chain proves less than the word "intact" suggests
        else:
            text = (
                self.tr("Audit chain BROKEN at entry #%1: %2")
                .replace("%1", str(result.first_bad_seq))
                .replace("%2", result.problem)
            )
            colour = ERROR
        self.verify_result.setText(text)
        self.verify_result.setStyleSheet(f"color: {colour}")

    def _selected_user(self) -> int | None:
        key = self.users.current_key()
        return int(key) if key is not None else None

    def _add(self) -> None:
        dialog = AddUserDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        users, actor = self.ctx.services.users, self.ctx.actor
        username, password = dialog.username.text().strip(), dialog.password.text()
        role, name = str(dialog.role.currentData()), dialog.display_name.text().strip()
        self.load(lambda: users.add_user(actor, username, password, role, name), lambda _u: self.refresh())

    def _toggle(self) -> None:
        user_id = self._selected_user()
        if user_id is None:
            return
        active = not self._active.get(user_id, True)
        users, actor = self.ctx.services.users, self.ctx.actor
        self.load(lambda: users.set_active(actor, user_id, active), lambda _r: self.refresh())

    def _change_role(self) -> None:
        user_id = self._selected_user()
        if user_id is None:
            return
        names = [label(r.value) for r in Role]
        choice, ok = QInputDialog.getItem(self, self.tr("Change role"), self.tr("New role"), names, 0, False)
        if not ok:
            return
        role = list(Role)[names.index(choice)].value
        users, actor = self.ctx.services.users, self.ctx.actor
        self.load(lambda: users.set_role(actor, user_id, role), lambda _r: self.refresh())
